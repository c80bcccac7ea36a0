"""Atom feeds of the participatory budget: one proposal's status changes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from wiec.budgets.models import Proposal, Status, StatusChange
from wiec.core.feeds import EntryFeed
from wiec.core.participation import FeedEntry
from wiec.places.selectors import current_city


def status_entries(changes: Iterable[StatusChange]) -> Iterator[FeedEntry]:
    """Each public status change (a draft's life is the author's own business)."""
    for change in changes:
        if change.new_status == Status.DRAFT:
            continue
        proposal = change.proposal
        label = str(change.get_new_status_display())
        yield FeedEntry(
            key=f"budgets:status:{change.pk}",
            title=f"{proposal.title}: {label}",
            url=proposal.get_absolute_url(),
            summary=_("The proposal’s status is now: %(status)s.") % {"status": label},
            updated=change.created_at,
            district_id=proposal.pool.district_id if proposal.pool else None,
        )


class ProposalFeed(EntryFeed):
    """``/bo/projekt/<pk>/kanal.atom``: what happened to one proposal."""

    def get_object(self, request: HttpRequest, pk: int) -> Proposal:
        city = current_city()
        if city is None:
            raise Http404
        return get_object_or_404(Proposal.objects.public(), pk=pk, edition__city=city)

    def title(self, obj: Proposal) -> str:
        return obj.title

    def link(self, obj: Proposal) -> str:
        return obj.get_absolute_url()

    def subtitle(self, obj: Proposal) -> str:
        return _("Status changes of the proposal, newest first.")

    def items(self, obj: Proposal) -> list[FeedEntry]:
        changes = obj.history.select_related("proposal", "proposal__pool").order_by(
            "-created_at", "-pk"
        )
        return list(status_entries(changes))
