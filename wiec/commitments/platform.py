"""What commitments tell the platform: planned dates in the calendar, places on the map,
search, a person's followed commitments and questions, and the office's late ones."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wiec.commitments.models import CommitmentFollow, MonitoringQuestion
from wiec.commitments.selectors import commitments
from wiec.core.participation import (
    CalendarEntry,
    MapFeature,
    MyItem,
    NotificationKind,
    OfficeTask,
    SearchDocument,
    ToolContents,
)
from wiec.places.selectors import current_city

COMMITMENT = _("Commitment of the city")
PLANNED_DATE = _("Commitment due")


class CommitmentContents(ToolContents):
    indexed_models = ("commitments.Commitment",)
    notification_kinds = (
        NotificationKind(
            "commitments",
            _("What became of it"),
            _("News on what the city promised in a process you took part in or follow."),
        ),
    )

    def search_documents(self) -> Iterator[SearchDocument]:
        for c in commitments():
            yield SearchDocument(
                key=f"commitment:{c.pk}",
                title=c.title,
                url=c.get_absolute_url(),
                body=" ".join([c.description, c.process_title, c.owner_unit]),
                kind_label=COMMITMENT,
                status=c.shown_status,
                status_label=c.shown_status_label,
                district_id=c.district_id,
                year=c.year,
            )

    def map_features(self) -> Iterator[MapFeature]:
        for c in commitments().filter(latitude__isnull=False, longitude__isnull=False):
            yield MapFeature(
                key=f"commitment:{c.pk}",
                title=c.title,
                url=c.get_absolute_url(),
                kind_label=COMMITMENT,
                status=c.shown_status,
                status_label=c.shown_status_label,
                lat=c.latitude,
                lon=c.longitude,
                district_id=c.district_id,
                year=c.year,
            )

    def calendar_entries(self) -> Iterator[CalendarEntry]:
        for c in commitments().filter(
            planned_on__isnull=False, status__in=["planned", "in_progress"]
        ):
            yield CalendarEntry(
                key=f"commitment:{c.pk}",
                title=c.title,
                url=c.get_absolute_url(),
                kind_label=PLANNED_DATE,
                starts=c.planned_on,
                district_id=c.district_id,
            )

    def my_items(self, user: Any) -> Iterator[MyItem]:
        city = current_city()
        for f in CommitmentFollow.objects.filter(user=user, commitment__city=city).select_related(
            "commitment"
        ):
            c = f.commitment
            yield MyItem(
                kind_label=_("A commitment I follow"),
                title=c.title,
                url=c.get_absolute_url(),
                status_label=c.shown_status_label,
                deadline=c.planned_on if c.status in ("planned", "in_progress") else None,
                deadline_label=_("planned by"),
                when=f.created_at,
            )
        asked = MonitoringQuestion.objects.filter(asked_by=user, commitment__city=city)
        for q in asked.select_related("commitment"):
            yield MyItem(
                kind_label=_("My question to the office"),
                title=q.commitment.title,
                url=q.commitment.get_absolute_url() + f"#question-{q.pk}",
                status_label=pgettext_lazy("question", "answered")
                if q.answer
                else _("awaiting answer"),
                deadline=None if q.answer else q.due_on,
                deadline_label=_("the office answers by"),
                when=q.asked_at,
            )

    def office_tasks(self, user: Any) -> Iterator[OfficeTask]:
        today = timezone.localdate()
        for c in commitments().late(today):
            yield OfficeTask(
                key=f"late:{c.pk}",
                title=c.title,
                url=c.get_absolute_url(),
                kind_label=_("A late commitment: report progress or a new date")
                if not c.owner_unit
                else _("A late commitment of %(unit)s") % {"unit": c.owner_unit},
                perm="commitments.manage_commitment",
                obj=c,
                due=c.planned_on,
                district_id=c.district_id,
                received=timezone.localdate(c.created_at),
            )
        waiting = MonitoringQuestion.objects.filter(commitment__city=current_city(), answer="")
        for q in waiting.select_related("commitment"):
            yield OfficeTask(
                key=f"question:{q.pk}",
                title=q.commitment.title,
                url=reverse("commitments:detail", args=[q.commitment_id]) + f"#question-{q.pk}",
                kind_label=_("Answer the monitoring panel's question"),
                perm="commitments.answer_question",
                obj=q,
                due=q.due_on,
                legal_basis=_("the deadline set for monitoring panels"),
                district_id=q.commitment.district_id,
                received=timezone.localdate(q.asked_at),
            )
