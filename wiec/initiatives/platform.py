"""What residents' initiatives tell the platform (home, search, map, calendar, my
activity, the office's inbox): :class:`InitiativesContents`, registered in ``apps.py``."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.commons.models import Signature, SignatureStatus
from wiec.core.participation import (
    CalendarEntry,
    Decision,
    MapFeature,
    MyItem,
    NotificationKind,
    OfficeTask,
    OpenItem,
    SearchDocument,
    ToolContents,
)
from wiec.initiatives.models import (
    Application,
    ApplicationStatus,
    AssemblyRequest,
    AssemblyRequestStatus,
    FundYear,
    InitiativePool,
    ResolutionInitiative,
    Stage,
    Timesheet,
)
from wiec.places.selectors import current_city

TOOL = _("Local initiative")
RESOLUTION = _("Resolution initiative")
FUND = _("Village fund")
FUND_DEADLINES = {
    "council": _("Village fund %(year)s: the council's resolution"),
    "information": _("Village fund %(year)s: the wójt tells the sołtysi the amounts"),
    "request": _("Village fund %(year)s: the village assembly's request"),
}
INITIATIVE = _("Local initiative")
#: Art. 19c ust. 1 does not fix a time for the answer; the city's resolution does.
#: Without one, the office answers within a month (art. 35 § 3 k.p.a. by analogy).
ANSWER_DAYS = 30


def _resolutions():
    return ResolutionInitiative.objects.filter(city=current_city()).select_related("collection")


def _applications():
    return Application.objects.of_city(current_city()).select_related("pool")


class InitiativesContents(ToolContents):
    indexed_models = ("initiatives.Application", "initiatives.ResolutionInitiative")
    notification_kinds = (
        NotificationKind(
            "initiative_decision",
            _("Decisions on local initiatives"),
            _("The city decides on an application of your group."),
        ),
        NotificationKind(
            "initiative_advice",
            _("Advice on local initiative drafts"),
            _("A coordinator or an ambassador comments on your draft or records a meeting."),
        ),
        NotificationKind(
            "fund_deadline",
            _("Village fund deadlines"),
            _("A legal deadline of the village fund is two weeks away (for the office)."),
        ),
    )

    def open_items(self) -> Iterator[OpenItem]:
        year = timezone.localdate().year
        for pool in InitiativePool.objects.filter(city=current_city(), year=year):
            yield OpenItem(
                title=str(_("Local initiative %(year)s") % {"year": pool.year}),
                url=reverse("initiatives:index"),
                tool_label=TOOL,
                action_label=_("Apply with your neighbours"),
                closes_at=datetime.date(pool.year, 12, 31),
            )
        for r in _resolutions().filter(stage=Stage.COLLECTING):
            yield OpenItem(
                title=r.title,
                url=r.get_absolute_url(),
                tool_label=RESOLUTION,
                action_label=_("Support the draft resolution"),
            )

    def decisions(self) -> Iterator[Decision]:
        for a in _applications().filter(
            status=ApplicationStatus.REALISED, completed_on__isnull=False
        ):
            yield Decision(
                title=a.title,
                url=a.get_absolute_url(),
                tool_label=TOOL,
                summary=_("Realised by residents with the city"),
                decided_on=a.completed_on,
            )

    def search_documents(self) -> Iterator[SearchDocument]:
        for a in _applications().public():
            yield SearchDocument(
                key=f"initiative:{a.pk}",
                title=a.title,
                url=a.get_absolute_url(),
                body=f"{a.description} {a.place} {a.group}",
                kind_label=INITIATIVE,
                status=a.status,
                status_label=a.get_status_display(),
                year=a.pool.year,
            )
        for r in _resolutions():
            yield SearchDocument(
                key=f"resolution:{r.pk}",
                title=r.title,
                url=r.get_absolute_url(),
                body=f"{r.committee}. {r.draft} {r.justification}",
                kind_label=RESOLUTION,
                status=r.stage,
                status_label=r.get_stage_display(),
                year=r.created_at.year,
            )

    def map_features(self) -> Iterator[MapFeature]:
        located = _applications().public().filter(latitude__isnull=False, longitude__isnull=False)
        for a in located:
            yield MapFeature(
                key=f"initiative:{a.pk}",
                title=a.title,
                url=a.get_absolute_url(),
                kind_label=INITIATIVE,
                status=a.status,
                status_label=a.get_status_display(),
                lat=a.latitude,
                lon=a.longitude,
                year=a.pool.year,
            )

    def calendar_entries(self) -> Iterator[CalendarEntry]:
        for a in _applications().filter(status=ApplicationStatus.SUBMITTED):
            yield CalendarEntry(
                key=f"initiative-answer:{a.pk}",
                title=str(_("Decision due: %(title)s") % {"title": a.title}),
                url=a.get_absolute_url(),
                kind_label=TOOL,
                starts=timezone.localdate(a.created_at) + datetime.timedelta(days=ANSWER_DAYS),
            )
        for fund in FundYear.objects.filter(city=current_city()):
            for key, day in fund.deadlines().items():
                yield CalendarEntry(
                    key=f"fund-{key}:{fund.pk}",
                    title=str(FUND_DEADLINES[key] % {"year": fund.budget_year}),
                    url=reverse("initiatives:villagefund"),
                    kind_label=FUND,
                    starts=day,
                )
        for r in _resolutions().filter(stage=Stage.SUBMITTED):
            yield CalendarEntry(
                key=f"resolution-session:{r.pk}",
                title=str(_("The council takes up the draft by: %(title)s") % {"title": r.title}),
                url=r.get_absolute_url(),
                kind_label=RESOLUTION,
                starts=r.session_due,
            )

    def my_items(self, user: Any) -> Iterator[MyItem]:
        for a in _applications().filter(applicant=user):
            yield MyItem(
                kind_label=_("My local initiative"),
                title=a.title,
                url=a.get_absolute_url(),
                status_label=a.get_status_display(),
                when=a.created_at,
            )
        for r in _resolutions().filter(author=user):
            yield MyItem(
                kind_label=_("My committee's draft resolution"),
                title=r.title,
                url=r.get_absolute_url(),
                status_label=r.get_stage_display(),
                when=r.created_at,
            )
        for sig in Signature.objects.filter(user=user).select_related("collection"):
            r = _resolutions().filter(collection=sig.collection).first()
            if r is not None:
                yield MyItem(
                    kind_label=_("My support"),
                    title=r.title,
                    url=r.get_absolute_url(),
                    status_label=r.get_stage_display(),
                    when=sig.created_at,
                )

    def office_tasks(self, user: Any) -> Iterator[OfficeTask]:
        from wiec.initiatives.services.incubator import ADVICE_DAYS, waiting_for_advice

        for a in waiting_for_advice(current_city()).select_related("pool"):
            asked = timezone.localdate(a.help_requested_at)
            yield OfficeTask(
                key=f"advise:{a.pk}",
                title=a.title,
                url=reverse("initiatives:draft", args=[a.pk]),
                kind_label=_("Advise a draft local initiative"),
                perm="initiatives.advise",
                obj=a,
                due=asked + datetime.timedelta(days=ADVICE_DAYS),
                legal_basis=_("the city's incubator: advice within two weeks"),
                received=asked,
            )
        for a in _applications().filter(status=ApplicationStatus.SUBMITTED):
            received = timezone.localdate(a.created_at)
            yield OfficeTask(
                key=f"assess:{a.pk}",
                title=a.title,
                url=reverse("initiatives:assess", args=[a.pk]),
                kind_label=_("Assess a local initiative"),
                perm="initiatives.assess",
                obj=a,
                due=received + datetime.timedelta(days=ANSWER_DAYS),
                legal_basis=_("art. 19c–19d u.d.p.p.w. and the council's resolution"),
                received=received,
            )
        unsigned = Timesheet.objects.filter(
            application__city=current_city(), signed_off_at__isnull=True
        ).select_related("application")
        for entry in unsigned:
            yield OfficeTask(
                key=f"hours:{entry.pk}",
                title=f"{entry.application.title}: {entry.volunteer}",
                url=entry.application.get_absolute_url(),
                kind_label=_("Sign off hours of social work"),
                perm="initiatives.sign_off_hours",
                obj=entry.application,
                received=entry.day,
            )
        for r in _resolutions().filter(stage=Stage.COLLECTING):
            pending = r.collection.signatures.filter(status=SignatureStatus.PENDING)
            if pending.exists():
                yield OfficeTask(
                    key=f"resolution-check:{r.pk}",
                    title=r.title,
                    url=reverse("initiatives:resolution_check", args=[r.pk]),
                    kind_label=_("Check signatures of a resolution initiative"),
                    perm="initiatives.check_signatures",
                    obj=r,
                    legal_basis=_("art. 41a u.s.g. and the city's resolution"),
                    received=timezone.localdate(pending.earliest("created_at").created_at),
                )
        for r in _resolutions().filter(stage=Stage.SUBMITTED):
            yield OfficeTask(
                key=f"resolution-session:{r.pk}",
                title=r.title,
                url=reverse("initiatives:resolution_outcome", args=[r.pk]),
                kind_label=_("Put a citizens' draft before the council"),
                perm="initiatives.record_outcome",
                obj=r,
                due=r.session_due,
                legal_basis=_("art. 41a ust. 4 u.s.g.: next session, at most three months"),
                received=timezone.localdate(r.submitted_at),
            )
        requests = AssemblyRequest.objects.filter(
            allocation__fund_year__city=current_city(), status=AssemblyRequestStatus.FILED
        ).select_related("allocation__solectwo", "allocation__fund_year")
        for req in requests:
            yield OfficeTask(
                key=f"fund-request:{req.pk}",
                title=f"{req.allocation.solectwo.name} {req.allocation.fund_year.budget_year}",
                url=reverse("initiatives:fund_request", args=[req.pk]),
                kind_label=_("Decide a village assembly's request"),
                perm="initiatives.decide_assembly_request",
                obj=req,
                due=req.decision_due,
                legal_basis=_("art. 5 ust. 4 of the village fund act: 7 days"),
                received=req.filed_on,
            )
