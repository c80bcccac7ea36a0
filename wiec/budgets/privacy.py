"""What the participatory budget holds about a person (RODO art. 15, 17, 20)."""

from __future__ import annotations

from typing import Any

from wiec.budgets.models import Comment, Endorsement, Follow, Proposal


def export(user: Any) -> dict[str, Any]:
    return {
        "proposals": [
            {"title": p.title, "status": p.status, "edition": p.edition.name}
            for p in Proposal.objects.filter(author=user).select_related("edition")
        ],
        "support": [e.proposal.title for e in Endorsement.objects.filter(user=user)],
        "comments": [
            {"proposal": c.proposal.title, "text": c.text, "created_at": c.created_at.isoformat()}
            for c in Comment.objects.filter(author=user).select_related("proposal")
        ],
        "following": [f.proposal.title for f in Follow.objects.filter(user=user)],
    }


def erase(user: Any) -> None:
    """Comments and follows go; proposals and signatures stay as public records."""
    Comment.objects.filter(author=user).delete()
    Follow.objects.filter(user=user).delete()
