"""What residents' initiatives tell the platform (home, search, map, calendar, my
activity, the office's inbox): :class:`InitiativesContents`, registered in ``apps.py``."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
from wiec.initiatives.models import Application, Pool, Status, Timesheet
from wiec.places.selectors import current_city

TOOL = _("Local initiative")
INITIATIVE = _("Local initiative")
#: Art. 19c ust. 1 does not fix a time for the answer; the city's resolution does.
#: Without one, the office answers within a month (art. 35 § 3 k.p.a. by analogy).
ANSWER_DAYS = 30


def _applications():
    return Application.objects.of_city(current_city()).select_related("pool")


class InitiativesContents(ToolContents):
    indexed_models = ("initiatives.Application",)
    notification_kinds = (
        NotificationKind(
            "initiative_decision",
            _("Decisions on local initiatives"),
            _("The city decides on an application of your group."),
        ),
    )

    def open_items(self) -> Iterator[OpenItem]:
        year = timezone.localdate().year
        for pool in Pool.objects.filter(city=current_city(), year=year):
            yield OpenItem(
                title=str(_("Local initiative %(year)s") % {"year": pool.year}),
                url=reverse("initiatives:index"),
                tool_label=TOOL,
                action_label=_("Apply with your neighbours"),
                closes_at=datetime.date(pool.year, 12, 31),
            )

    def decisions(self) -> Iterator[Decision]:
        for a in _applications().filter(status=Status.REALISED, completed_on__isnull=False):
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
        for a in _applications().filter(status=Status.SUBMITTED):
            yield CalendarEntry(
                key=f"initiative-answer:{a.pk}",
                title=str(_("Decision due: %(title)s") % {"title": a.title}),
                url=a.get_absolute_url(),
                kind_label=TOOL,
                starts=timezone.localdate(a.created_at) + datetime.timedelta(days=ANSWER_DAYS),
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

    def office_tasks(self, user: Any) -> Iterator[OfficeTask]:
        for a in _applications().filter(status=Status.SUBMITTED):
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
