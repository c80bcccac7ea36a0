"""Joining the network and consenting (or not) to appear in its directory."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from wiec.core.access import ensure
from wiec.core.services import record_event
from wiec.network.models import Member

FIELDS = ("city", "name", "kind", "organisation", "description", "contact_email")


def join_network(*, actor: Any, data: dict[str, Any], listed: bool) -> Member:
    """Become a member (or change one's entry); ``listed`` is the explicit consent to
    appear in the directory, given or withdrawn by the person themselves."""
    ensure(actor, "network.join")
    with transaction.atomic():
        member = Member.objects.select_for_update().filter(user=actor).first()
        created = member is None
        member = member or Member(user=actor)
        for name in FIELDS:
            if name in data:
                setattr(member, name, data[name])
        if listed and member.listed_since is None:
            member.listed_since = timezone.now()
        elif not listed:
            member.listed_since = None
        member.save()
        record_event(
            actor=actor,
            action="network.join" if created else "network.change_member",
            target=member,
            data={"listed": listed},
        )
    return member


def withdraw_consent(*, actor: Any) -> Member | None:
    """Leave the directory at once; the membership stays."""
    ensure(actor, "network.join")
    with transaction.atomic():
        member = Member.objects.select_for_update().filter(user=actor).first()
        if member is None or member.listed_since is None:
            return member
        member.listed_since = None
        member.save(update_fields=["listed_since"])
        record_event(actor=actor, action="network.withdraw_consent", target=member)
    return member
