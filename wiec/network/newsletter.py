"""The newsletter's signed links and its e-mails.

A confirmation link carries the subscriber's id and address, signed with a salt of its
own, and works for :data:`CONFIRM_MAX_AGE`; an unsubscribe link carries the same with
another salt and never expires, so an old issue's link still unsubscribes (one click,
RFC 8058, also as the ``List-Unsubscribe`` header).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wiec.network.models import NewsletterIssue, Subscriber

CONFIRM_SALT = "wiec.network.newsletter.confirm"
UNSUBSCRIBE_SALT = "wiec.network.newsletter.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60


class BadLink(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _token(subscriber: Subscriber, salt: str) -> str:
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=salt, compress=False)


def read_token(token: str, *, salt: str, max_age: int | None = None) -> Subscriber:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise BadLink("expired") from None
    except signing.BadSignature:
        raise BadLink("tampered") from None
    if not isinstance(data, dict):
        raise BadLink("tampered")
    subscriber = Subscriber.objects.filter(pk=data.get("s"), email=data.get("e")).first()
    if subscriber is None:
        raise BadLink("unknown")
    return subscriber


def confirm_path(subscriber: Subscriber) -> str:
    return reverse("network:newsletter_confirm", args=[_token(subscriber, CONFIRM_SALT)])


def unsubscribe_path(subscriber: Subscriber) -> str:
    return reverse("network:newsletter_unsubscribe", args=[_token(subscriber, UNSUBSCRIBE_SALT)])


def _absolute(base_url: str, path: str) -> str:
    return f"{base_url.rstrip('/')}{path}"


def confirmation_email(subscriber: Subscriber, *, base_url: str) -> EmailMultiAlternatives:
    with translation.override(subscriber.language or "pl"):
        link = _absolute(base_url, confirm_path(subscriber))
        body = render_to_string(
            "network/email/confirm.txt",
            {"link": link, "site_name": settings.WIEC_SITE_NAME},
        )
        return EmailMultiAlternatives(
            subject=_("Confirm your subscription to the network's newsletter"),
            body=body,
            to=[subscriber.email],
        )


def issue_email(
    issue: NewsletterIssue, subscriber: Subscriber, *, base_url: str, content: dict[str, Any]
) -> EmailMultiAlternatives:
    """One issue for one subscriber, with their own one-click unsubscribe link."""
    with translation.override(subscriber.language or "pl"):
        unsubscribe = _absolute(base_url, unsubscribe_path(subscriber))
        context = {
            "issue": issue,
            "base_url": base_url.rstrip("/"),
            "unsubscribe": unsubscribe,
            "site_name": settings.WIEC_SITE_NAME,
            **content,
        }
        message = EmailMultiAlternatives(
            subject=str(issue),
            body=render_to_string("network/email/issue.txt", context),
            to=[subscriber.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(
            render_to_string("network/email/issue.html", context), "text/html"
        )
        return message


def issue_content(issue: NewsletterIssue) -> dict[str, Any]:
    return {
        "news": list(issue.news.all()),
        "practices": list(issue.practices.select_related("city")),
        "events": list(issue.events.all()),
    }
