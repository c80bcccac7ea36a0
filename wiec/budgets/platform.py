"""What the participatory budget tells the platform (home, search, map, calendar, my
activity, the office's inbox): :class:`BudgetContents`, registered in ``apps.py``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.budgets.models import (
    Appeal,
    AppealStatus,
    CountRun,
    Edition,
    Follow,
    Proposal,
    Status,
    StatusChange,
)
from wiec.budgets.phases import PhaseType
from wiec.commons.models import Signature
from wiec.core.participation import (
    PROCESS_STATUSES,
    CalendarEntry,
    Decision,
    FeedEntry,
    MapFeature,
    MyItem,
    NotificationKind,
    OfficeTask,
    OpenItem,
    Process,
    Recount,
    SearchDocument,
    ToolContents,
)
from wiec.places.selectors import current_city

TOOL = _("Participatory budget")
PROPOSAL = _("Budget proposal")
CALLS = {
    PhaseType.SUBMISSION: _("Submit a proposal"),
    PhaseType.VOTING: _("Vote"),
}


def _editions() -> Iterable[Edition]:
    return Edition.objects.filter(city=current_city()).prefetch_related("phases")


def _year(edition: Edition) -> int:
    phase = edition.phase(PhaseType.VOTING) or edition.phase(PhaseType.SUBMISSION)
    return phase.starts_on.year if phase else edition.created_at.year


def _public_proposals() -> Any:
    return (
        Proposal.objects.public()
        .filter(edition__city=current_city())
        .select_related("pool", "edition")
    )


class BudgetContents(ToolContents):
    indexed_models = ("budgets.Proposal", "budgets.Edition")
    notification_kinds = (
        NotificationKind(
            "invitation",
            _("Invitations to co-author a proposal"),
            _("Someone asks you to become a co-author of their proposal."),
        ),
    )

    def datasets(self) -> Any:
        from wiec.budgets.opendata_sets import datasets

        city = current_city()
        return datasets(city) if city is not None else ()

    def api_router(self) -> Any:
        from wiec.budgets.api import build_router

        return build_router()

    def feed_entries(self, district_id: int | None = None) -> Iterator[FeedEntry]:
        from wiec.budgets.feeds import status_entries

        changes = StatusChange.objects.filter(proposal__edition__city=current_city())
        if district_id is not None:
            changes = changes.filter(proposal__pool__district_id=district_id)
        yield from status_entries(changes.order_by("-created_at", "-pk")[:50])
        runs = CountRun.objects.filter(published=True, edition__city=current_city())
        if district_id is None:
            published = _("Results of the vote published")
            for run in runs.select_related("edition"):
                yield FeedEntry(
                    key=f"budgets:results:{run.pk}",
                    title=f"{run.edition.name}: {published}",
                    url=reverse("budgets:results", args=[run.edition.slug]),
                    summary=str(published),
                    updated=run.published_at or run.created_at,
                )

    def open_items(self) -> Iterator[OpenItem]:
        today = timezone.localdate()
        for edition in _editions():
            for phase_type, action in CALLS.items():
                phase = edition.phase(phase_type)
                if phase is None or not phase.contains(today):
                    continue
                url_name = (
                    "budgets:vote"
                    if phase_type == PhaseType.VOTING
                    else ("budgets:proposal_create")
                )
                yield OpenItem(
                    title=edition.name,
                    url=reverse(url_name, args=[edition.slug]),
                    tool_label=TOOL,
                    action_label=action,
                    closes_at=phase.ends_on,
                )

    def decisions(self) -> Iterator[Decision]:
        published = CountRun.objects.filter(
            published=True, edition__city=current_city()
        ).select_related("edition")
        for run in published:
            yield Decision(
                title=run.edition.name,
                url=reverse("budgets:results", args=[run.edition.slug]),
                tool_label=TOOL,
                summary=_("Results of the vote published"),
                decided_on=timezone.localdate(run.published_at or run.created_at),
            )

    def search_documents(self) -> Iterator[SearchDocument]:
        years = {e.pk: _year(e) for e in _editions()}
        for p in _public_proposals().only(
            "pk",
            "title",
            "description",
            "address",
            "status",
            "edition__name",
            "pool__district_id",
        ):
            yield SearchDocument(
                key=f"proposal:{p.pk}",
                title=p.title,
                url=p.get_absolute_url(),
                # The edition first: two editions may hold projects of the same title.
                body=f"{p.edition.name}. {p.description} {p.address}".strip(),
                kind_label=PROPOSAL,
                status=p.status,
                status_label=p.get_status_display(),
                district_id=p.pool.district_id if p.pool_id else None,
                year=years.get(p.edition_id),
            )

    def map_features(self) -> Iterator[MapFeature]:
        years = {e.pk: _year(e) for e in _editions()}
        located = _public_proposals().filter(latitude__isnull=False, longitude__isnull=False)
        for p in located:
            yield MapFeature(
                key=f"proposal:{p.pk}",
                title=p.title,
                url=p.get_absolute_url(),
                kind_label=PROPOSAL,
                status=p.status,
                status_label=p.get_status_display(),
                lat=p.latitude,
                lon=p.longitude,
                district_id=p.pool.district_id if p.pool_id else None,
                year=years.get(p.edition_id),
            )

    def calendar_entries(self) -> Iterator[CalendarEntry]:
        for edition in _editions():
            for phase in edition.phases.all():
                yield CalendarEntry(
                    key=f"phase:{phase.pk}",
                    title=f"{edition.name}: {phase.get_type_display()}",
                    url=edition.get_absolute_url(),
                    kind_label=TOOL,
                    starts=phase.starts_on,
                    ends=phase.ends_on,
                )

    def my_items(self, user: Any) -> Iterator[MyItem]:
        from wiec.budgets.voting import has_voted

        here = current_city()
        mine = (
            Proposal.objects.filter(Q(author=user) | Q(coauthors=user))
            .filter(edition__city=here)
            .distinct()
        )
        for p in mine.select_related("edition"):
            phase = p.edition.phase(PhaseType.SUBMISSION)
            editable = p.status == Status.DRAFT and phase is not None
            yield MyItem(
                kind_label=_("My proposal"),
                title=p.title,
                url=p.get_absolute_url(),
                status_label=p.get_status_display(),
                deadline=phase.ends_on if editable else None,
                deadline_label=_("submit it by") if editable else "",
                when=p.submitted_at or p.created_at,
            )
        signed = Signature.objects.filter(user=user, collection__city=here)
        given = dict(signed.values_list("collection_id", "created_at"))
        for p in Proposal.objects.filter(edition__city=here, collection__in=given):
            yield MyItem(
                kind_label=_("My support"),
                title=p.title,
                url=p.get_absolute_url(),
                status_label=p.get_status_display(),
                when=given[p.collection_id],
            )
        for edition in _editions():
            if edition.phase(PhaseType.VOTING) and has_voted(user, edition):
                yield MyItem(
                    kind_label=_("My ballot"),
                    title=edition.name,
                    url=reverse("budgets:receipt_check"),
                    status_label=_("stored and counted")
                    if CountRun.objects.filter(edition=edition, published=True).exists()
                    else _("stored"),
                    detail=_("Check it with the receipt code you were given."),
                )
        for f in Follow.objects.filter(user=user, proposal__edition__city=here).select_related(
            "proposal"
        ):
            yield MyItem(
                kind_label=_("Followed"),
                title=f.proposal.title,
                url=f.proposal.get_absolute_url(),
                status_label=f.proposal.get_status_display(),
            )

    def office_tasks(self, user: Any) -> Iterator[OfficeTask]:
        waiting = Proposal.objects.filter(
            status__in=[Status.SUBMITTED, Status.IN_VERIFICATION], edition__city=current_city()
        ).select_related("pool", "edition")
        for p in waiting.prefetch_related("edition__phases"):
            phase = p.edition.phase(PhaseType.VERIFICATION)
            yield OfficeTask(
                key=f"verify:{p.pk}",
                title=p.title,
                url=reverse("budgets:proposal_verify", args=[p.pk]),
                kind_label=_("Verify a budget proposal"),
                perm="budgets.verify_proposal",
                obj=p,
                due=phase.ends_on if phase else None,
                legal_basis=_("the edition's timetable"),
                district_id=p.pool.district_id if p.pool_id else None,
                received=timezone.localdate(p.submitted_at) if p.submitted_at else None,
            )
        pending = Appeal.objects.filter(
            status=AppealStatus.PENDING, proposal__edition__city=current_city()
        ).select_related(
            "proposal", "proposal__pool", "proposal__edition", "proposal__verification_sheet"
        )
        for a in pending.prefetch_related("proposal__edition__phases"):
            phase = a.proposal.edition.phase(PhaseType.APPEALS)
            yield OfficeTask(
                key=f"appeal:{a.pk}",
                title=a.proposal.title,
                url=reverse("budgets:appeal_decide", args=[a.pk]),
                kind_label=_("Decide an appeal"),
                perm="budgets.decide_appeal",
                obj=a,
                due=phase.ends_on if phase else None,
                legal_basis=_("art. 5a ust. 7 pkt 3 u.s.g. and the city's resolution"),
                district_id=a.proposal.pool.district_id if a.proposal.pool_id else None,
                received=timezone.localdate(a.filed_at),
            )

    def processes(self) -> Iterator[Process]:
        from wiec.places.selectors import current_city

        today = timezone.localdate()
        city = current_city()
        editions = Edition.objects.filter(city=city).prefetch_related("phases")
        for edition in editions:
            phases = list(edition.phases.all())
            current = edition.current_phase(today)
            if current is not None:
                status, label = "ongoing", current.get_type_display()
            elif phases and phases[0].starts_on > today:
                status, label = "planned", PROCESS_STATUSES["planned"]
            else:
                status, label = "finished", PROCESS_STATUSES["finished"]
            yield Process(
                key=f"edition:{edition.pk}",
                title=edition.name,
                url=edition.get_absolute_url(),
                status=status,
                status_label=label,
                year=_year(edition),
                lat=city.center_latitude if city else None,
                lon=city.center_longitude if city else None,
            )

    def recounts(self) -> Iterator[Recount]:
        """Each published count: per pool the rule, the money and every project's figures,
        with what counting the stored ballots again gives (``results.recount``)."""
        from wiec.budgets.results import recount

        runs = CountRun.objects.filter(published=True, edition__city=current_city())
        for run in runs.select_related("edition").order_by("edition__slug", "pk"):
            lines = []
            pools = run.pools.select_related("pool").prefetch_related("projects__proposal")
            for pool_result in pools.order_by("pool__pk"):
                lines.append(
                    f"{pool_result.pool.name}: rule {pool_result.rule}, "
                    f"budget {pool_result.budget}, spent {pool_result.spent}, "
                    f"voters {pool_result.voters}"
                )
                lines += [
                    f"  {row.position}. {'SELECTED' if row.selected else 'not selected'} "
                    f"{row.proposal.title} (#{row.proposal_id}): votes {row.votes}, "
                    f"score {row.score}, cost {row.cost}, {row.status} {row.reason}"
                    for row in pool_result.projects.all()
                ]
            yield Recount(
                title=f"{run.edition.slug} (count #{run.pk})",
                lines=tuple(lines),
                differences=tuple(recount(run)),
            )
