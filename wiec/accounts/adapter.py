"""django-allauth hooks: e-mail addresses are normalised before any lookup or check."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.fields import EmailField
from allauth.account.forms import SignupForm as AllauthSignupForm

from wiec.core import normalise


class NormalisedEmailField(EmailField):
    """An e-mail field that reads the address as the mail system does before checking it.

    ``ＡＬＡ@Example.org`` is ``ala@example.org``: without this, a full-width or
    differently cased spelling could pass as another address for one mailbox.
    """

    def to_python(self, value):
        return normalise.email(super().to_python(value))


class SignupForm(AllauthSignupForm):
    email = NormalisedEmailField()


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        """Every address allauth stores or checks for uniqueness, normalised."""
        return super().clean_email(normalise.email(email))

    def authenticate(self, request, **credentials):
        """Log in with any spelling of the address the account was made with."""
        if credentials.get("email"):
            credentials["email"] = normalise.email(credentials["email"])
        return super().authenticate(request, **credentials)
