"""What consultations tell the platform (home, search, map, calendar, my activity, the
office's inbox): :class:`ConsultationContents`, registered in ``apps.py``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.commons.models import Signature
from wiec.consultations.models import (
    Consultation,
    ConsultationReport,
    ConsultationRequest,
    Meeting,
    Paragraph,
    Remark,
    RequestStatus,
)
from wiec.core.participation import (
    CalendarEntry,
    Decision,
    FeedEntry,
    MapFeature,
    MyItem,
    OfficeTask,
    OpenItem,
    Process,
    Recount,
    SearchDocument,
    ToolContents,
)
from wiec.places.selectors import current_city

TOOL = _("Consultations")
CONSULTATION = _("Consultation")
REQUEST = _("Request for a consultation")
MEETING = _("Consultation meeting")
REMARK = _("Remark on a map")


def _consultations() -> Any:
    city = current_city()
    if city is None:
        return Consultation.objects.none()
    return Consultation.objects.filter(city=city).select_related("district")


class ConsultationContents(ToolContents):
    indexed_models = (
        "consultations.Consultation",
        "consultations.Paragraph",
        "consultations.ConsultationRequest",
    )

    def datasets(self) -> Any:
        from wiec.consultations.opendata_sets import datasets

        city = current_city()
        return datasets(city) if city is not None else ()

    def api_router(self) -> Any:
        from wiec.consultations.api import build_router

        return build_router()

    def feed_entries(self, district_id: int | None = None) -> Iterator[FeedEntry]:
        from wiec.consultations.feeds import entries

        consultations = Consultation.objects.filter(city=current_city())
        if district_id is not None:
            consultations = consultations.filter(district_id=district_id)
        yield from entries(consultations)

    def open_items(self) -> Iterator[OpenItem]:
        for c in _consultations().ongoing():
            yield OpenItem(
                title=c.title,
                url=c.get_absolute_url(),
                tool_label=TOOL,
                action_label=_("Share your opinion"),
                closes_at=c.ends_on,
                area_label=str(c.district) if c.district else "",
                district_id=c.district_id,
            )
        collecting = ConsultationRequest.objects.filter(
            status=RequestStatus.COLLECTING, city=current_city()
        )
        for r in collecting.select_related("district"):
            yield OpenItem(
                title=r.title,
                url=r.get_absolute_url(),
                tool_label=TOOL,
                action_label=_("Support the request"),
                area_label=str(r.district) if r.district else "",
                district_id=r.district_id,
            )

    def decisions(self) -> Iterator[Decision]:
        for report in ConsultationReport.objects.filter(
            consultation__city=current_city()
        ).select_related("consultation"):
            c = report.consultation
            yield Decision(
                title=c.title,
                url=reverse("consultations:report", args=[c.slug]),
                tool_label=TOOL,
                summary=_("Report published, with an answer to every remark"),
                decided_on=timezone.localdate(report.published_at),
                district_id=c.district_id,
            )

    def search_documents(self) -> Iterator[SearchDocument]:
        documents: dict[int, list[str]] = {}
        for consultation_id, text in Paragraph.objects.filter(
            consultation__city=current_city()
        ).values_list("consultation_id", "text"):
            documents.setdefault(consultation_id, []).append(text)
        for c in _consultations():
            phase = c.phase()
            yield SearchDocument(
                key=f"consultation:{c.pk}",
                title=c.title,
                url=c.get_absolute_url(),
                body=" ".join(
                    [c.summary, c.subject, c.goal, c.document_title, *documents.get(c.pk, [])]
                ),
                kind_label=CONSULTATION,
                status=phase.value,
                status_label=phase.label,
                district_id=c.district_id,
                year=c.starts_on.year,
            )
        for r in ConsultationRequest.objects.filter(city=current_city()):
            yield SearchDocument(
                key=f"request:{r.pk}",
                title=r.title,
                url=r.get_absolute_url(),
                body=r.justification,
                kind_label=REQUEST,
                status=r.status,
                status_label=r.get_status_display(),
                district_id=r.district_id,
                year=r.created_at.year,
            )

    def map_features(self) -> Iterator[MapFeature]:
        located = (
            Remark.objects.visible()
            .filter(consultation__city=current_city())
            .filter(Q(latitude__isnull=False) | ~Q(area=[]))
            .select_related("consultation")
        )
        for remark in located:
            c = remark.consultation
            polygon = tuple((float(p[0]), float(p[1])) for p in remark.area or ())
            yield MapFeature(
                key=f"remark:{remark.pk}",
                title=remark.text[:120],
                url=reverse("consultations:map", args=[c.slug]),
                kind_label=REMARK,
                status=c.phase().value,
                status_label=c.title,
                lat=remark.latitude,
                lon=remark.longitude,
                polygon=polygon,
                district_id=c.district_id,
                year=c.starts_on.year,
            )

    def calendar_entries(self) -> Iterator[CalendarEntry]:
        for c in _consultations():
            yield CalendarEntry(
                key=f"consultation:{c.pk}",
                title=c.title,
                url=c.get_absolute_url(),
                kind_label=CONSULTATION,
                starts=c.starts_on,
                ends=c.ends_on,
                district_id=c.district_id,
            )
        for m in Meeting.objects.filter(consultation__city=current_city()).select_related(
            "consultation"
        ):
            yield CalendarEntry(
                key=f"meeting:{m.pk}",
                title=f"{m.title} ({m.consultation.title})",
                url=m.consultation.get_absolute_url(),
                kind_label=MEETING,
                starts=m.starts_at,
                ends=m.ends_at,
                location=m.place,
                district_id=m.consultation.district_id,
            )

    def my_items(self, user: Any) -> Iterator[MyItem]:
        for remark in Remark.objects.filter(
            author=user, consultation__city=current_city()
        ).select_related("consultation"):
            answered = bool(remark.response)
            yield MyItem(
                kind_label=_("My remark"),
                title=remark.consultation.title,
                url=remark.consultation.get_absolute_url(),
                status_label=remark.get_response_display() if answered else _("awaiting answer"),
                detail=remark.justification if answered else remark.text[:200],
                when=remark.created_at,
            )
        mine = ConsultationRequest.objects.filter(
            Q(author=user)
            | Q(collection__in=Signature.objects.filter(user=user).values("collection")),
            city=current_city(),
        )
        for r in mine.distinct():
            yield MyItem(
                kind_label=_("My request") if r.author_id == user.pk else _("My support"),
                title=r.title,
                url=r.get_absolute_url(),
                status_label=r.get_status_display(),
                deadline=r.answer_due_on if r.status == RequestStatus.SUBMITTED else None,
                deadline_label=_("the office answers by"),
                when=r.created_at,
            )
        for m in Meeting.objects.filter(
            registrations__user=user, consultation__city=current_city()
        ).select_related("consultation"):
            yield MyItem(
                kind_label=_("My meeting"),
                title=m.title,
                url=m.consultation.get_absolute_url(),
                when=m.starts_at,
            )

    def office_tasks(self, user: Any) -> Iterator[OfficeTask]:
        for r in ConsultationRequest.objects.filter(
            status=RequestStatus.SUBMITTED, city=current_city()
        ):
            yield OfficeTask(
                key=f"request:{r.pk}",
                title=r.title,
                url=reverse("consultations:request_detail", args=[r.pk]),
                kind_label=_("Answer a request for a consultation"),
                perm="consultations.answer_request",
                obj=r,
                due=r.answer_due_on,
                legal_basis=_("the city's resolution on consultations"),
                district_id=r.district_id,
                received=timezone.localdate(r.submitted_at) if r.submitted_at else None,
            )
        unanswered = (
            _consultations()
            .finished()
            .filter(report__isnull=True)
            .annotate(waiting=Count("remarks", filter=Q(remarks__response="")))
            .filter(waiting__gt=0)
        )
        for c in unanswered:
            yield OfficeTask(
                key=f"remarks:{c.pk}",
                title=c.title,
                url=reverse("consultations:remarks", args=[c.slug]),
                kind_label=_("Answer remarks and publish the report"),
                perm="consultations.manage_consultation",
                obj=c,
                district_id=c.district_id,
                received=c.ends_on,
            )

    def processes(self) -> Iterator[Process]:
        city = current_city()
        for c in _consultations().select_related("topic"):
            phase = c.phase()
            district = c.district
            located = district is not None and district.center_latitude is not None
            yield Process(
                key=f"consultation:{c.pk}",
                title=c.title,
                url=c.get_absolute_url(),
                status=phase.value,
                status_label=phase.label,
                year=c.starts_on.year,
                topic=c.topic.name if c.topic else "",
                lat=district.center_latitude if located else city.center_latitude,
                lon=district.center_longitude if located else city.center_longitude,
            )

    def recounts(self) -> Iterator[Recount]:
        """Each published report's survey results, tallied again from the stored answers.

        The report keeps no figures of its own (it is assembled when shown), so there is
        nothing stored to disagree with: the lines are what a restore must reproduce.
        """
        from wiec.consultations.selectors import survey_results

        reported = Consultation.objects.filter(city=current_city(), report__isnull=False)
        for consultation in reported.order_by("slug", "pk"):
            lines = []
            for survey in consultation.surveys.order_by("pk"):
                lines.append(f"{survey.title}: {survey.responses.count()} responses")
                for result in survey_results(survey):
                    figures = ", ".join(f"{label} {value:g}" for label, value in result.rows)
                    texts = f", {len(result.texts)} texts" if result.texts else ""
                    lines.append(
                        f"  {result.question.position}. {result.question.text}: "
                        f"{result.answers} answered{texts}; {figures}"
                    )
            remarks = Remark.objects.filter(consultation=consultation).count()
            lines.append(f"remarks {remarks}")
            yield Recount(title=f"{consultation.slug} (report)", lines=tuple(lines))
