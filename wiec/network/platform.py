"""What the network tells the platform: its published good practices to search, its
events to the calendar, the advice requests awaiting the foundation to the office's
inbox, and a person's own practices, places and requests to "my activity"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.core.participation import (
    CalendarEntry,
    MyItem,
    OfficeTask,
    SearchDocument,
    ToolContents,
)
from wiec.network.models import (
    AdviceRequest,
    AdviceStatus,
    Event,
    Practice,
)

PRACTICE = _("Good practice")
EVENT = _("Network event")


class NetworkContents(ToolContents):
    indexed_models = ("network.Practice",)

    def search_documents(self) -> Iterator[SearchDocument]:
        for p in Practice.objects.published().select_related("city"):
            yield SearchDocument(
                key=f"practice:{p.pk}",
                title=p.title,
                url=p.get_absolute_url(),
                body=" ".join(
                    [p.city.name, p.problem, p.method, p.participants, p.outcome, p.lessons]
                ),
                kind_label=PRACTICE,
                status=p.status,
                status_label=p.get_status_display(),
                year=p.published_at.year,
            )

    def calendar_entries(self) -> Iterator[CalendarEntry]:
        for e in Event.objects.filter(is_published=True):
            yield CalendarEntry(
                key=f"event:{e.pk}",
                title=e.title,
                url=e.get_absolute_url(),
                kind_label=EVENT,
                starts=e.starts_at,
                ends=e.ends_at,
                location=e.place,
            )

    def my_items(self, user: Any) -> Iterator[MyItem]:
        for p in Practice.objects.filter(author=user):
            yield MyItem(
                kind_label=_("My good practice"),
                title=p.title,
                url=p.get_absolute_url(),
                status_label=p.get_status_display(),
                detail=p.review_comment,
                when=p.created_at,
            )
        for e in Event.objects.filter(registrations__user=user, ends_at__gte=timezone.now()):
            yield MyItem(
                kind_label=_("My place at a network event"),
                title=e.title,
                url=e.get_absolute_url(),
                when=e.starts_at,
            )

    def office_tasks(self, user: Any) -> Iterator[OfficeTask]:
        waiting = AdviceRequest.objects.filter(status=AdviceStatus.OPEN).select_related("city")
        for r in waiting:
            yield OfficeTask(
                key=f"advice:{r.pk}",
                title=f"{r.subject} ({r.city.name})",
                url=r.get_absolute_url(),
                kind_label=_("Answer a municipality's request for advice"),
                perm="network.answer_advice",
                obj=r,
                due=r.due_on,
                legal_basis=_("the network's promise to answer within 14 working days"),
                received=timezone.localdate(r.created_at),
            )
