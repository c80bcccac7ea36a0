"""What citizens' panels tell the platform (home, search, calendar, my activity, the
office's inbox): :class:`PanelContents`, registered in ``apps.py``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.core.participation import (
    CalendarEntry,
    Decision,
    FeedEntry,
    MyItem,
    NotificationKind,
    OfficeTask,
    OpenItem,
    Process,
    Recount,
    SearchDocument,
    ToolContents,
)
from wiec.panels.models import (
    CitizensPanel,
    Lottery,
    LotteryStatus,
    Panelist,
    PanelistKind,
    Recommendation,
    Session,
    anonymous_id,
)
from wiec.panels.phases import PanelPhase
from wiec.places.selectors import current_city

TOOL = _("Citizens' panel")
RECOMMENDATION = _("Panel recommendation")


def _public() -> Any:
    return CitizensPanel.objects.public().filter(city=current_city())


class PanelContents(ToolContents):
    indexed_models = ("panels.CitizensPanel", "panels.Recommendation")
    notification_kinds = (
        NotificationKind(
            "panel_space",
            _("The panel's online space"),
            _("New posts, questions to the experts and their answers, for panelists."),
        ),
    )

    def datasets(self) -> Any:
        from wiec.panels.opendata_sets import datasets

        city = current_city()
        return datasets(city) if city is not None else ()

    def api_router(self) -> Any:
        from wiec.panels.api import build_router

        return build_router()

    def feed_entries(self, district_id: int | None = None) -> Iterator[FeedEntry]:
        if district_id is not None:
            return  # a panel concerns the whole municipality
        panels = CitizensPanel.objects.public().filter(city=current_city())
        for panel in panels:
            yield FeedEntry(
                key=f"panels:panel:{panel.pk}",
                title=panel.topic,
                url=panel.get_absolute_url(),
                summary=panel.question,
                updated=panel.created_at,
            )
            if panel.results_published_at:
                voted = _("recommendations voted")
                yield FeedEntry(
                    key=f"panels:results:{panel.pk}",
                    title=f"{panel.topic}: {voted}",
                    url=panel.get_absolute_url(),
                    summary=panel.question,
                    updated=panel.results_published_at,
                )

    def open_items(self) -> Iterator[OpenItem]:
        for panel in _public():
            if panel.phase == PanelPhase.RECRUITMENT:
                yield OpenItem(
                    title=panel.topic,
                    url=panel.get_absolute_url(),
                    tool_label=TOOL,
                    action_label=_("Apply for the lottery"),
                    closes_at=panel.recruitment_ends,
                )

    def decisions(self) -> Iterator[Decision]:
        for panel in _public().filter(results_published_at__isnull=False):
            yield Decision(
                title=panel.topic,
                url=panel.get_absolute_url(),
                tool_label=TOOL,
                summary=_("Recommendations adopted by the panel"),
                decided_on=timezone.localdate(panel.results_published_at),
            )

    def search_documents(self) -> Iterator[SearchDocument]:
        for panel in _public():
            phase = panel.phase
            yield SearchDocument(
                key=f"panel:{panel.pk}",
                title=panel.topic,
                url=panel.get_absolute_url(),
                body=f"{panel.question} {panel.description}",
                kind_label=TOOL,
                status=phase.value,
                status_label=phase.label,
                year=panel.recruitment_starts.year,
            )
        recommendations = Recommendation.objects.filter(
            panel__is_published=True, panel__city=current_city()
        )
        for r in recommendations.select_related("panel"):
            yield SearchDocument(
                key=f"recommendation:{r.pk}",
                title=f"{r.number}. {r.title}",
                url=reverse("panels:recommendation", args=[r.panel.slug, r.pk]),
                body=f"{r.text} {r.response}",
                kind_label=RECOMMENDATION,
                status=r.implementation_status,
                status_label=r.get_implementation_status_display(),
                year=r.created_at.year,
            )

    def calendar_entries(self) -> Iterator[CalendarEntry]:
        for panel in _public():
            yield CalendarEntry(
                key=f"recruitment:{panel.pk}",
                title=_("%(topic)s: recruitment") % {"topic": panel.topic},
                url=panel.get_absolute_url(),
                kind_label=TOOL,
                starts=panel.recruitment_starts,
                ends=panel.recruitment_ends,
            )
        for s in Session.objects.filter(
            panel__is_published=True, panel__city=current_city()
        ).select_related("panel"):
            yield CalendarEntry(
                key=f"session:{s.pk}",
                title=f"{s.title} ({s.panel.topic})",
                url=reverse("panels:session", args=[s.panel.slug, s.pk]),
                kind_label=_("Panel session"),
                starts=s.starts_at,
                location=s.place or s.link,
            )

    def my_items(self, user: Any) -> Iterator[MyItem]:
        for seat in Panelist.objects.filter(user=user, panel__city=current_city()).select_related(
            "panel"
        ):
            yield MyItem(
                kind_label=_("My panel seat"),
                title=seat.panel.topic,
                url=seat.panel.get_absolute_url(),
                status_label=f"{seat.get_kind_display()}: {seat.get_status_display()}",
            )
        applied = CitizensPanel.objects.filter(
            respondents__user=user, city=current_city()
        ).distinct()
        for panel in applied:
            yield MyItem(
                kind_label=_("My application"),
                title=panel.topic,
                url=panel.get_absolute_url(),
                status_label=panel.phase.label,
                deadline=panel.recruitment_ends if panel.phase == PanelPhase.RECRUITMENT else None,
                deadline_label=_("recruitment ends"),
            )

    def office_tasks(self, user: Any) -> Iterator[OfficeTask]:
        waiting = Recommendation.objects.filter(
            panel__city=current_city(),
            response="",
            votes_yes__isnull=False,
            panel__results_published_at__isnull=False,
        ).select_related("panel")
        for r in waiting:
            yield OfficeTask(
                key=f"respond:{r.pk}",
                title=f"{r.number}. {r.title}",
                url=reverse("panels:recommendation", args=[r.panel.slug, r.pk]),
                kind_label=_("Respond to a panel recommendation"),
                perm="panels.respond",
                obj=r.panel,
                received=timezone.localdate(r.panel.results_published_at),
            )

    def processes(self) -> Iterator[Process]:
        from wiec.places.selectors import current_city

        city = current_city()
        if city is None:
            return
        today = timezone.localdate()
        for panel in _public().filter(city=city):
            phase = panel.phase_on(today)
            if phase == PanelPhase.ANNOUNCED:
                status = "planned"
            elif phase == PanelPhase.MONITORING:
                status = "finished"
            else:
                status = "ongoing"
            yield Process(
                key=f"panel:{panel.pk}",
                title=panel.topic,
                url=panel.get_absolute_url(),
                status=status,
                status_label=phase.label,
                year=panel.recruitment_starts.year,
                lat=city.center_latitude,
                lon=city.center_longitude,
            )

    def recounts(self) -> Iterator[Recount]:
        """Each finished lottery, drawn again from its stored seed and files, with the
        people it seated (as the record's anonymous rows) and the seats kept."""
        from wiec.panels.adapters import recount_lottery

        lotteries = Lottery.objects.filter(
            panel__city=current_city(), status=LotteryStatus.DONE
        ).select_related("panel")
        for lottery in lotteries.order_by("panel__slug", "pk"):
            seats = Panelist.objects.filter(panel=lottery.panel)
            yield Recount(
                title=f"{lottery.panel.slug} (lottery)",
                lines=(
                    f"seed {lottery.seed}, inputs {lottery.inputs_hash}, "
                    f"{len(lottery.respondent_ids)} applicants",
                    "panel " + " ".join(anonymous_id(r) for r in lottery.panel_rows),
                    "reserves " + " ".join(anonymous_id(r) for r in lottery.reserve_rows),
                    f"seats drawn {seats.filter(drawn_as=PanelistKind.MEMBER).count()}, "
                    f"reserves drawn {seats.filter(drawn_as=PanelistKind.RESERVE).count()}",
                ),
                differences=tuple(recount_lottery(lottery)),
            )
