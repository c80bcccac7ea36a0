"""What the participatory budget holds about a person (RODO art. 15, 17, 20)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from wiec.budgets.models import CoauthorInvitation, Comment, Follow, Proposal
from wiec.commons.models import Signature


def export(user: Any) -> dict[str, Any]:
    return {
        "proposals": [
            {"title": p.title, "status": p.status, "edition": p.edition.name}
            for p in Proposal.objects.filter(author=user).select_related("edition")
        ],
        "support": list(
            Proposal.objects.filter(
                collection__in=Signature.objects.filter(user=user).values("collection")
            )
            .order_by("pk")
            .values_list("title", flat=True)
        ),
        "comments": [
            {"proposal": c.proposal.title, "text": c.text, "created_at": c.created_at.isoformat()}
            for c in Comment.objects.filter(author=user).select_related("proposal")
        ],
        "following": [f.proposal.title for f in Follow.objects.filter(user=user)],
        "coauthor_invitations": [
            {"proposal": i.proposal.title, "status": i.status, "email": i.email}
            for i in _invitations_of(user).select_related("proposal")
        ],
    }


def _invitations_of(user: Any):
    """Co-author invitations sent to the user's address or answered by them."""
    return CoauthorInvitation.objects.filter(
        Q(pk__in=CoauthorInvitation.objects.addressed_to(user)) | Q(answered_by=user)
    )


def erase(user: Any) -> None:
    """Comments, follows and invitations go; proposals and co-authorship stay as public
    records, and support signatures stay counted without the account (their key keeps
    the person counted once)."""
    Comment.objects.filter(author=user).delete()
    _invitations_of(user).delete()
    Follow.objects.filter(user=user).delete()
    supported = Proposal.objects.exclude(collection=None).values("collection")
    Signature.objects.filter(user=user, collection__in=supported).update(user=None, entered_by=None)
