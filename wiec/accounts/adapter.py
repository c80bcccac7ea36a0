"""django-allauth hooks: e-mail addresses are normalised before any lookup or check."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.fields import EmailField
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from wiec.accounts.models import ConsentKind, User
from wiec.core import normalise
from wiec.core.clientip import client_ip
from wiec.core.honeypot import HoneypotForm


class NormalisedEmailField(EmailField):
    """An e-mail field that reads the address as the mail system does before checking it.

    ``ＡＬＡ@Example.org`` is ``ala@example.org``: without this, a full-width or
    differently cased spelling could pass as another address for one mailbox.
    At most as long as an account's address may be: allauth would otherwise cut a
    longer one to fit, storing an address nobody typed (and two long ones alike).
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", User._meta.get_field("email").max_length)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return normalise.email(super().to_python(value))


class SignupForm(HoneypotForm, AllauthSignupForm):
    """allauth's sign-up with the consents the privacy policy names.

    The terms of use and the information clause (art. 13 RODO) must be accepted; the
    newsletter and e-mail notifications are optional and unticked (art. 7 RODO: a
    consent is given by an act, never by a pre-ticked box).  Each is recorded with its
    time and the document's version (``accounts.Consent``).
    """

    email = NormalisedEmailField()
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use."),
        error_messages={"required": _("Accept the terms of use to create an account.")},
    )
    accept_privacy = forms.BooleanField(
        label=_("I have read the information on how my personal data are processed."),
        error_messages={"required": _("Confirm that you have read the information on data.")},
    )
    notifications = forms.BooleanField(
        label=_("Send me notifications by e-mail (you can change this on your profile)."),
        required=False,
    )
    newsletter = forms.BooleanField(
        label=_("Send me news of the city's new votes, consultations and panels."),
        required=False,
    )

    CONSENT_FIELDS = {
        "accept_terms": ConsentKind.TERMS,
        "accept_privacy": ConsentKind.PRIVACY,
        "notifications": ConsentKind.NOTIFICATIONS,
        "newsletter": ConsentKind.NEWSLETTER,
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The consents come last, after the address and the password they apply to.
        consents = [name for name in self.CONSENT_FIELDS if name in self.fields]
        self.order_fields([n for n in self.fields if n not in consents] + consents)

    def signup(self, request, user) -> None:
        from wiec.accounts.services import record_consents
        from wiec.places.selectors import current_city

        record_consents(
            actor=user,
            city=current_city(),
            given={kind: self.cleaned_data[name] for name, kind in self.CONSENT_FIELDS.items()},
        )


class LoginForm(AllauthLoginForm):
    def login(self, request, redirect_url=None):
        """allauth sets the session's length after the sign-in hooks; staff's is shorter."""
        from wiec.accounts.second_factor import shorten_staff_session

        response = super().login(request, redirect_url)
        if request.user.is_authenticated:
            shorten_staff_session(request, request.user)
        return response


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        """Every address allauth stores or checks for uniqueness, normalised, and no
        longer than an account's (allauth would cut it; PostgreSQL would refuse it)."""
        email = normalise.email(email)
        limit = User._meta.get_field("email").max_length
        if len(email) > limit:
            raise ValidationError(
                ngettext_lazy(
                    "An e-mail address may have at most %(limit)d character.",
                    "An e-mail address may have at most %(limit)d characters.",
                    "limit",
                )
                % {"limit": limit},
                code="max_length",
            )
        return super().clean_email(email)

    def authenticate(self, request, **credentials):
        """Log in with any spelling of the address the account was made with."""
        if credentials.get("email"):
            credentials["email"] = normalise.email(credentials["email"])
        return super().authenticate(request, **credentials)

    def get_email_verification_redirect_url(self, email_address) -> str:
        """Back to the page that asked for a confirmed address, if it was this browser."""
        from wiec.accounts.verification import pop_return

        return pop_return(self.request) or super().get_email_verification_redirect_url(
            email_address
        )

    def get_client_ip(self, request) -> str:
        """The client's address behind the city's proxies (``wiec.core.clientip``)."""
        return client_ip(request)

    def pre_authenticate(self, request, **credentials) -> None:
        """allauth's refusal after too many failed passwords, saying when to try again."""
        from wiec.accounts.ratelimits import allauth_wait, failed_logins_message

        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if getattr(error, "code", None) != "too_many_login_attempts":
                raise
            key = self._get_login_attempts_cache_key(request, **credentials)
            wait = allauth_wait(request, ["login_failed"], key=key)
            raise ValidationError(failed_logins_message(wait), code=error.code) from error

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed logins are counted per account *and* address: someone who knows a
        person's e-mail slows down only their own attempts, never the owner's."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{client_ip(request)}"

    def post_login(self, request, user, **kwargs):
        """After every sign-in: staff get a shorter session and new devices are e-mailed."""
        from wiec.accounts.second_factor import after_sign_in

        response = super().post_login(request, user, **kwargs)
        return after_sign_in(request, user, response)
