"""Consultations in the public API: the register, each consultation's document,
remarks with the city's responses, meetings, survey results and the report.

Remarks come without their authors (neither the account nor the name written on a
paper remark); survey results are counts, published with the report, without the
free-text answers; meetings without who registered.
"""

import datetime
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from wiec.consultations import selectors
from wiec.consultations.models import (
    Consultation,
    QuestionKind,
    Remark,
    RemarkChannel,
    Response,
)
from wiec.consultations.phases import ConsultationPhase
from wiec.core.api.files import (
    CSV_DOC,
    GEOJSON_DOC,
    XLSX_DOC,
    csv_response,
    feature,
    geojson_response,
    point,
    polygon,
    xlsx_response,
)
from wiec.core.api.pagination import Pages, Rows
from wiec.core.api.places import city_or_404

PhaseValue = Literal[tuple(ConsultationPhase.values)]  # type: ignore[valid-type]
ChannelValue = Literal[tuple(RemarkChannel.values)]  # type: ignore[valid-type]
ResponseValue = Literal[(*Response.values, "none")]  # type: ignore[valid-type]


class ConsultationOut(Schema):
    slug: str
    title: str
    url: str
    topic: str
    district_id: int | None
    phase: str
    phase_label: str
    starts_on: datetime.date
    ends_on: datetime.date
    summary: str
    remark_count: int
    report_published: bool


class ParagraphOut(Schema):
    position: int
    text: str
    remark_count: int


class MeetingOut(Schema):
    id: int
    title: str
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    online_url: str
    description: str


class ConsultationDetailOut(ConsultationOut):
    subject: str
    goal: str
    target_groups: str
    legal_basis: str
    responsible_unit: str
    coordinator: str
    can_influence: str
    already_decided: str
    document_title: str
    map_enabled: bool
    documents: list[ParagraphOut]
    meetings: list[MeetingOut]


class RemarkOut(Schema):
    id: int
    channel: str
    channel_label: str
    paragraph: int | None
    category: str
    text: str
    latitude: float | None
    longitude: float | None
    submitted_on: datetime.date
    response: str
    response_label: str
    justification: str
    responded_on: datetime.date | None


class AnswerRow(Schema):
    label: str
    value: float


class QuestionResultOut(Schema):
    position: int
    kind: str
    question: str
    respondents: int
    rows: list[AnswerRow]


class SurveyResultOut(Schema):
    id: int
    title: str
    questions: list[QuestionResultOut]


class ReportOut(Schema):
    consultation: str
    published_at: datetime.datetime
    conclusions: str
    remark_count: int
    responses: dict[str, int]
    surveys: list[SurveyResultOut]


class ConsultationFilters(FilterSchema):
    topic: str | None = Field(None, description="Topic slug.", max_length=100)
    district: str | None = Field(
        None, description="District slug, or `miasto` for city-wide ones.", max_length=100
    )
    status: PhaseValue | None = None  # type: ignore[valid-type]


class RemarkFilters(FilterSchema):
    channel: ChannelValue | None = None  # type: ignore[valid-type]
    paragraph: int | None = Field(None, ge=1, le=32767)
    response: ResponseValue | None = Field(  # type: ignore[valid-type]
        None, description="The city's response; `none` for remarks not answered yet."
    )


def _register(filters: ConsultationFilters) -> QuerySet[Consultation]:
    return (
        selectors.register(
            city_or_404(),
            topic=filters.topic or "",
            district=filters.district or "",
            status=filters.status or "",
        )
        .annotate(remark_count=Count("remarks", filter=Q(remarks__hidden=False)))
        .select_related("report")
        .order_by("-starts_on", "title", "pk")
    )


def _consultation(slug: str) -> Consultation:
    return get_object_or_404(_register(ConsultationFilters()), slug=slug)


def consultation_out(request: HttpRequest, c: Consultation) -> dict[str, Any]:
    phase = c.phase()
    return {
        "slug": c.slug,
        "title": c.title,
        "url": request.build_absolute_uri(c.get_absolute_url()),
        "topic": c.topic.name if c.topic else "",
        "district_id": c.district_id,
        "phase": phase.value,
        "phase_label": str(phase.label),
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "summary": c.summary,
        "remark_count": getattr(c, "remark_count", 0),
        "report_published": hasattr(c, "report"),
    }


def _remarks(c: Consultation, filters: RemarkFilters) -> QuerySet[Remark]:
    remarks = c.remarks.visible().select_related("paragraph", "category")
    if filters.channel:
        remarks = remarks.filter(channel=filters.channel)
    if filters.paragraph:
        remarks = remarks.filter(paragraph__position=filters.paragraph)
    if filters.response == "none":
        remarks = remarks.filter(response="")
    elif filters.response:
        remarks = remarks.filter(response=filters.response)
    return remarks.order_by("created_at", "pk")


def remark_out(r: Remark) -> dict[str, Any]:
    return {
        "id": r.pk,
        "channel": r.channel,
        "channel_label": str(r.get_channel_display()),
        "paragraph": r.paragraph.position if r.paragraph else None,
        "category": r.category.name if r.category else "",
        "text": r.text,
        "latitude": r.latitude,
        "longitude": r.longitude,
        "submitted_on": r.received_on or timezone.localdate(r.created_at),
        "response": r.response,
        "response_label": str(r.get_response_display()) if r.response else "",
        "justification": r.justification,
        "responded_on": timezone.localdate(r.responded_at) if r.responded_at else None,
    }


def survey_results(c: Consultation) -> list[dict[str, Any]]:
    out = []
    for survey in c.surveys.order_by("pk"):
        questions = []
        for result in selectors.survey_results(survey):
            q = result.question
            rows = [] if q.kind == QuestionKind.TEXT else result.rows
            questions.append(
                {
                    "position": q.position,
                    "kind": q.kind,
                    "question": q.text,
                    "respondents": result.answers,
                    "rows": [{"label": str(label), "value": value} for label, value in rows],
                }
            )
        out.append({"id": survey.pk, "title": survey.title, "questions": questions})
    return out


CONSULTATION_COLUMNS = [
    "adres",
    "tytul",
    "temat",
    "id_dzielnicy",
    "etap",
    "od",
    "do",
    "liczba_uwag",
    "raport",
    "adres_strony",
]
REMARK_COLUMNS = [
    "id",
    "kanal",
    "paragraf",
    "kategoria",
    "tresc",
    "szerokosc",
    "dlugosc",
    "zlozono",
    "odpowiedz",
    "uzasadnienie",
]


def _consultation_rows(request: HttpRequest, filters: ConsultationFilters) -> list[list[Any]]:
    rows = []
    for c in _register(filters):
        o = consultation_out(request, c)
        rows.append(
            [
                o["slug"],
                o["title"],
                o["topic"],
                o["district_id"] or "",
                o["phase_label"],
                o["starts_on"].isoformat(),
                o["ends_on"].isoformat(),
                o["remark_count"],
                "tak" if o["report_published"] else "nie",
                o["url"],
            ]
        )
    return rows


def _remark_rows(c: Consultation, filters: RemarkFilters) -> list[list[Any]]:
    rows = []
    for r in _remarks(c, filters):
        o = remark_out(r)
        rows.append(
            [
                o["id"],
                o["channel_label"],
                o["paragraph"] or "",
                o["category"],
                o["text"],
                o["latitude"] if o["latitude"] is not None else "",
                o["longitude"] if o["longitude"] is not None else "",
                o["submitted_on"].isoformat(),
                o["response_label"],
                o["justification"],
            ]
        )
    return rows


def build_router() -> Router:
    router = Router(tags=["consultations"])

    @router.get("", response=list[ConsultationOut], summary=_("Consultations"))
    @paginate(Pages)
    def consultations(request: HttpRequest, filters: Query[ConsultationFilters]):
        return Rows(_register(filters), lambda c: consultation_out(request, c))

    @router.get("/register.csv", summary=_("Consultations as CSV"), openapi_extra=CSV_DOC)
    def consultations_csv(request: HttpRequest, filters: Query[ConsultationFilters]):
        rows = _consultation_rows(request, filters)
        return csv_response("konsultacje.csv", CONSULTATION_COLUMNS, rows)

    @router.get("/register.xlsx", summary=_("Consultations as XLSX"), openapi_extra=XLSX_DOC)
    def consultations_xlsx(request: HttpRequest, filters: Query[ConsultationFilters]):
        rows = _consultation_rows(request, filters)
        return xlsx_response("konsultacje.xlsx", CONSULTATION_COLUMNS, rows, sheet="konsultacje")

    @router.get("/{slug}", response=ConsultationDetailOut, summary=_("A consultation"))
    def consultation(request: HttpRequest, slug: str):
        c = _consultation(slug)
        counts = dict(
            c.remarks.visible()
            .filter(paragraph__isnull=False)
            .values_list("paragraph__position")
            .annotate(n=Count("pk"))
        )
        return {
            **consultation_out(request, c),
            "subject": c.subject,
            "goal": c.goal,
            "target_groups": c.target_groups,
            "legal_basis": c.legal_basis,
            "responsible_unit": c.responsible_unit,
            "coordinator": c.coordinator_name,
            "can_influence": c.can_influence,
            "already_decided": c.already_decided,
            "document_title": c.document_title,
            "map_enabled": c.map_enabled,
            "documents": [
                {"position": p.position, "text": p.text, "remark_count": counts.get(p.position, 0)}
                for p in c.paragraphs.order_by("position")
            ],
            "meetings": [
                {
                    "id": m.pk,
                    "title": m.title,
                    "kind": m.kind,
                    "starts_at": m.starts_at,
                    "ends_at": m.ends_at,
                    "place": m.place,
                    "online_url": m.online_url,
                    "description": m.description,
                }
                for m in c.meetings.order_by("starts_at", "pk")
            ],
        }

    @router.get(
        "/{slug}/remarks",
        response=list[RemarkOut],
        summary=_("Remarks with the city's responses"),
    )
    @paginate(Pages)
    def remarks(request: HttpRequest, slug: str, filters: Query[RemarkFilters]):
        return Rows(_remarks(_consultation(slug), filters), remark_out)

    @router.get("/{slug}/remarks.csv", summary=_("Remarks as CSV"), openapi_extra=CSV_DOC)
    def remarks_csv(request: HttpRequest, slug: str, filters: Query[RemarkFilters]):
        rows = _remark_rows(_consultation(slug), filters)
        return csv_response(f"uwagi-{slug}.csv", REMARK_COLUMNS, rows)

    @router.get("/{slug}/remarks.xlsx", summary=_("Remarks as XLSX"), openapi_extra=XLSX_DOC)
    def remarks_xlsx(request: HttpRequest, slug: str, filters: Query[RemarkFilters]):
        rows = _remark_rows(_consultation(slug), filters)
        return xlsx_response(f"uwagi-{slug}.xlsx", REMARK_COLUMNS, rows, sheet="uwagi")

    @router.get(
        "/{slug}/remarks.geojson",
        summary=_("Map remarks and areas as GeoJSON"),
        openapi_extra=GEOJSON_DOC,
    )
    def remarks_geojson(request: HttpRequest, slug: str, filters: Query[RemarkFilters]):
        features = []
        for r in _remarks(_consultation(slug), filters):
            shape = polygon(r.area) if r.area else None
            if shape is None and r.latitude is not None and r.longitude is not None:
                shape = point(r.latitude, r.longitude)
            if shape is not None:
                features.append(feature(shape, remark_out(r), r.pk))
        return geojson_response(f"uwagi-{slug}.geojson", features)

    @router.get("/{slug}/report", response=ReportOut, summary=_("The consultation report"))
    def report(request: HttpRequest, slug: str):
        c = _consultation(slug)
        published = getattr(c, "report", None)
        if published is None:
            from django.http import Http404

            raise Http404("No report yet.")
        responses = dict(
            c.remarks.visible().values_list("response").annotate(n=Count("pk")).order_by()
        )
        return {
            "consultation": c.slug,
            "published_at": published.published_at,
            "conclusions": published.conclusions,
            "remark_count": sum(responses.values()),
            "responses": {(k or "none"): v for k, v in responses.items()},
            "surveys": survey_results(c),
        }

    return router
