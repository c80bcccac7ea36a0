"""django-allauth hooks: e-mail addresses are normalised before any lookup or check."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.fields import EmailField
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm

from wiec.core import normalise
from wiec.core.clientip import client_ip
from wiec.core.honeypot import HoneypotForm


class NormalisedEmailField(EmailField):
    """An e-mail field that reads the address as the mail system does before checking it.

    ``ＡＬＡ@Example.org`` is ``ala@example.org``: without this, a full-width or
    differently cased spelling could pass as another address for one mailbox.
    """

    def to_python(self, value):
        return normalise.email(super().to_python(value))


class SignupForm(HoneypotForm, AllauthSignupForm):
    email = NormalisedEmailField()


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
        """Every address allauth stores or checks for uniqueness, normalised."""
        return super().clean_email(normalise.email(email))

    def authenticate(self, request, **credentials):
        """Log in with any spelling of the address the account was made with."""
        if credentials.get("email"):
            credentials["email"] = normalise.email(credentials["email"])
        return super().authenticate(request, **credentials)

    def get_client_ip(self, request) -> str:
        """The client's address behind the city's proxies (``wiec.core.clientip``)."""
        return client_ip(request)

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
