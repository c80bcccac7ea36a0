"""The participatory budget in the public API: editions, pools, proposals with their
verification and appeals, published results with explanations, implementation.

Only what a page shows to someone not signed in: no drafts, no authors' names (a
proposal's page names them to residents, the API does not republish them), no
comments, no ballots. Money is in grosze (integers), as everywhere in Wiec.
"""

import datetime
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from wiec.budgets import selectors
from wiec.budgets.models import (
    Category,
    CountRun,
    Edition,
    Implementation,
    Pool,
    ProjectProgress,
    Proposal,
    ProposalQuerySet,
    Status,
)
from wiec.budgets.phases import PhaseType
from wiec.core.api.files import (
    CSV_DOC,
    GEOJSON_DOC,
    XLSX_DOC,
    csv_response,
    feature,
    geojson_response,
    point,
    xlsx_response,
)
from wiec.core.api.pagination import Pages, Rows
from wiec.core.api.places import city_or_404

ProposalStatus = Literal[tuple(s for s in Status.values if s != Status.DRAFT)]  # type: ignore[valid-type]
Sort = Literal["", "poparcie", "koszt", "koszt-malejaco", "nazwa"]
ImplStatus = Literal[tuple(ProjectProgress.values)]  # type: ignore[valid-type]


class PhaseOut(Schema):
    type: str
    label: str
    starts_on: datetime.date
    ends_on: datetime.date


class PoolOut(Schema):
    id: int
    name: str
    kind: str
    district_id: int | None
    amount: int = Field(description="Grosze.")
    ballot_type: str
    counting_rule: str
    max_choices: int | None
    min_project_cost: int
    max_project_cost: int | None


class EditionOut(Schema):
    slug: str
    name: str
    url: str
    current_phase: str | None
    phases: list[PhaseOut]


class EditionDetailOut(EditionOut):
    description: str
    resolution: str
    support_signatures: bool
    appeal_days: int
    pools: list[PoolOut]
    results_published: bool


class CategoryOut(Schema):
    id: int
    name: str


class ProposalOut(Schema):
    id: int
    number: str
    title: str
    url: str
    edition: str
    pool_id: int | None
    pool: str
    district_id: int | None
    category: str
    cost: int = Field(description="Estimated cost in grosze.")
    status: str
    status_label: str
    address: str
    latitude: float | None
    longitude: float | None
    submitted_at: datetime.datetime | None


class CostItemOut(Schema):
    description: str
    amount: int


class VerificationOut(Schema):
    formal_passed: bool | None
    formal_notes: str
    unit: str
    outcome: str
    outcome_label: str
    justification: str
    changes: str
    adjusted_cost: int | None
    author_accepted_changes: bool | None


class AppealOut(Schema):
    filed_at: datetime.datetime
    deadline: datetime.date
    reasons: str
    status: str
    status_label: str
    decision: str
    decided_at: datetime.datetime | None


class StatusChangeOut(Schema):
    old_status: str
    new_status: str
    new_status_label: str
    changed_at: datetime.datetime


class ProposalDetailOut(ProposalOut):
    description: str
    beneficiaries: str
    cost_items: list[CostItemOut]
    verification: VerificationOut | None
    appeal: AppealOut | None
    history: list[StatusChangeOut]


class ProjectResultOut(Schema):
    proposal_id: int
    title: str
    position: int
    votes: int
    score: int
    cost: int
    selected: bool
    status: str
    explanation: str


class PoolResultOut(Schema):
    pool_id: int
    pool: str
    rule: str
    budget: int
    spent: int
    voters: int
    projects: list[ProjectResultOut]


class ResultsOut(Schema):
    edition: str
    published_at: datetime.datetime | None
    pools: list[PoolResultOut]


class ImplementationUpdateOut(Schema):
    day: datetime.date
    text: str


class ImplementationOut(Schema):
    id: int
    proposal_id: int
    title: str
    url: str
    edition: str
    district_id: int | None
    status: str
    status_label: str
    percent_done: int
    planned_cost: int
    actual_cost: int | None
    latitude: float | None
    longitude: float | None
    updated_at: datetime.datetime


class ImplementationDetailOut(ImplementationOut):
    updates: list[ImplementationUpdateOut]


class ProposalFilters(FilterSchema):
    edition: str | None = Field(None, description="Edition slug.", max_length=100)
    pool: int | None = Field(None, ge=1, le=2**31 - 1)
    district: int | None = Field(None, ge=1, le=2**31 - 1)
    category: int | None = Field(None, ge=1, le=2**31 - 1)
    status: ProposalStatus | None = None  # type: ignore[valid-type]
    sort: Sort = Field("", description="As on the page: newest first unless given.")


class ImplementationFilters(FilterSchema):
    edition: str | None = Field(None, description="Edition slug.", max_length=100)
    district: int | None = Field(None, ge=1, le=2**31 - 1)
    status: ImplStatus | None = None  # type: ignore[valid-type]


def _url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _editions() -> QuerySet[Edition]:
    return Edition.objects.filter(city=city_or_404()).prefetch_related("phases")


def _edition(slug: str) -> Edition:
    return get_object_or_404(_editions(), slug=slug)


def edition_out(request: HttpRequest, edition: Edition) -> dict[str, Any]:
    phase = edition.current_phase()
    return {
        "slug": edition.slug,
        "name": edition.name,
        "url": _url(request, edition.get_absolute_url()),
        "current_phase": phase.type if phase else None,
        "phases": [
            {
                "type": p.type,
                "label": str(PhaseType(p.type).label),
                "starts_on": p.starts_on,
                "ends_on": p.ends_on,
            }
            for p in edition.phases.all()
        ],
    }


def public_proposals() -> ProposalQuerySet:
    """The municipality's public proposals, with what a list row shows."""
    return (
        Proposal.objects.public()
        .filter(edition__city=city_or_404())
        .select_related("edition", "pool", "category")
    )


def filtered_proposals(filters: ProposalFilters) -> QuerySet[Proposal]:
    queryset = public_proposals()
    if filters.edition:
        # By id, not by a join on the slug, so the planner reads the edition's rows from
        # its index already in order (``Proposal.Meta.indexes``) instead of sorting them.
        edition = (
            Edition.objects.filter(city=city_or_404(), slug=filters.edition)
            .values_list("pk", flat=True)
            .first()
        )
        queryset = queryset.filter(edition_id=edition) if edition else queryset.none()
    params = {
        "pool": filters.pool or "",
        "district": filters.district or "",
        "category": filters.category or "",
        "status": filters.status or "",
        "sort": filters.sort or "",
    }
    return selectors.filter_proposals(queryset, params)


class ProposalRows:
    """Turns proposals into API rows, with what every row shares worked out once per
    request (the status labels in the reader's language, the address of a page)."""

    def __init__(self, request: HttpRequest) -> None:
        self.labels = {value: str(label) for value, label in Status.choices}
        self.page = request.build_absolute_uri(reverse("budgets:proposal", args=[0]))[:-2]

    def __call__(self, p: Proposal) -> dict[str, Any]:
        return {
            "id": p.pk,
            "number": p.number,
            "title": p.title,
            "url": f"{self.page}{p.pk}/",
            "edition": p.edition.slug,
            "pool_id": p.pool_id,
            "pool": p.pool.name if p.pool else "",
            "district_id": p.pool.district_id if p.pool else None,
            "category": p.category.name if p.category else "",
            "cost": p.cost,
            "status": p.status,
            "status_label": self.labels.get(p.status, p.status),
            "address": p.address,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "submitted_at": p.submitted_at,
        }


def proposal_out(request: HttpRequest, p: Proposal) -> dict[str, Any]:
    return ProposalRows(request)(p)


def _verification(p: Proposal) -> dict[str, Any] | None:
    sheet = getattr(p, "verification_sheet", None)
    if sheet is None:
        return None
    return {
        "formal_passed": sheet.formal_passed,
        "formal_notes": sheet.formal_notes,
        "unit": sheet.unit,
        "outcome": sheet.outcome,
        "outcome_label": str(sheet.get_outcome_display()) if sheet.outcome else "",
        "justification": sheet.justification,
        "changes": sheet.changes,
        "adjusted_cost": sheet.adjusted_cost,
        "author_accepted_changes": sheet.author_accepted_changes,
    }


def _appeal(p: Proposal) -> dict[str, Any] | None:
    appeal = getattr(p, "appeal", None)
    if appeal is None:
        return None
    return {
        "filed_at": appeal.filed_at,
        "deadline": appeal.deadline,
        "reasons": appeal.reasons,
        "status": appeal.status,
        "status_label": str(appeal.get_status_display()),
        "decision": appeal.decision,
        "decided_at": appeal.decided_at,
    }


def implementation_queryset(filters: ImplementationFilters) -> QuerySet[Implementation]:
    queryset = Implementation.objects.filter(proposal__edition__city=city_or_404())
    if filters.edition:
        queryset = queryset.filter(proposal__edition__slug=filters.edition)
    if filters.district:
        queryset = queryset.filter(proposal__pool__district_id=filters.district)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset.select_related("proposal", "proposal__edition", "proposal__pool").order_by(
        "-proposal__edition__created_at", "proposal__title", "pk"
    )


def implementation_out(request: HttpRequest, i: Implementation) -> dict[str, Any]:
    p = i.proposal
    return {
        "id": i.pk,
        "proposal_id": p.pk,
        "title": p.title,
        "url": _url(request, f"/bo/realizacja/{i.pk}/"),
        "edition": p.edition.slug,
        "district_id": p.pool.district_id if p.pool else None,
        "status": i.status,
        "status_label": str(i.get_status_display()),
        "percent_done": i.percent_done,
        "planned_cost": p.cost,
        "actual_cost": i.actual_cost,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "updated_at": i.updated_at,
    }


PROPOSAL_COLUMNS = [
    "id",
    "numer",
    "tytul",
    "edycja",
    "pula",
    "id_dzielnicy",
    "kategoria",
    "koszt_zl",
    "status",
    "opis_statusu",
    "adres",
    "szerokosc",
    "dlugosc",
    "adres_strony",
]


def _proposal_rows(request: HttpRequest, filters: ProposalFilters) -> list[list[Any]]:
    rows = []
    convert = ProposalRows(request)
    for p in filtered_proposals(filters):
        o = convert(p)
        rows.append(
            [
                o["id"],
                o["number"],
                o["title"],
                o["edition"],
                o["pool"],
                o["district_id"] or "",
                o["category"],
                p.cost / 100,
                o["status"],
                o["status_label"],
                o["address"],
                o["latitude"] if o["latitude"] is not None else "",
                o["longitude"] if o["longitude"] is not None else "",
                o["url"],
            ]
        )
    return rows


def build_router() -> Router:
    router = Router(tags=["budgets"])

    @router.get("/editions", response=list[EditionOut], summary=_("Budget editions"))
    def editions(request: HttpRequest):
        return [edition_out(request, e) for e in _editions().order_by("-created_at", "pk")]

    @router.get("/editions/{slug}", response=EditionDetailOut, summary=_("A budget edition"))
    def edition(request: HttpRequest, slug: str):
        e = _edition(slug)
        pools = [
            {
                "id": pool.pk,
                "name": pool.name,
                "kind": pool.kind,
                "district_id": pool.district_id,
                "amount": pool.amount,
                "ballot_type": pool.ballot_type,
                "counting_rule": pool.counting_rule,
                "max_choices": pool.max_choices,
                "min_project_cost": pool.min_project_cost,
                "max_project_cost": pool.max_project_cost,
            }
            for pool in Pool.objects.filter(edition=e).order_by("name", "pk")
        ]
        return {
            **edition_out(request, e),
            "description": e.description,
            "resolution": e.resolution,
            "support_signatures": e.support_signatures,
            "appeal_days": e.appeal_days,
            "pools": pools,
            "results_published": e.counts.filter(published=True).exists(),
        }

    @router.get("/editions/{slug}/results", response=ResultsOut, summary=_("Published results"))
    def results(request: HttpRequest, slug: str):
        e = _edition(slug)
        run: CountRun | None = e.counts.filter(published=True).first()
        if run is None:
            return {"edition": e.slug, "published_at": None, "pools": []}
        pools = []
        for pr in run.pools.select_related("pool").order_by("pool__name", "pk"):
            projects = list(pr.projects.select_related("proposal").order_by("position", "pk"))
            titles = {str(r.proposal_id): r.proposal.title for r in projects}
            pools.append(
                {
                    "pool_id": pr.pool_id,
                    "pool": pr.pool.name,
                    "rule": pr.rule,
                    "budget": pr.budget,
                    "spent": pr.spent,
                    "voters": pr.voters,
                    "projects": [
                        {
                            "proposal_id": r.proposal_id,
                            "title": r.proposal.title,
                            "position": r.position,
                            "votes": r.votes,
                            "score": r.score,
                            "cost": r.cost,
                            "selected": r.selected,
                            "status": r.status,
                            "explanation": r.explain(titles),
                        }
                        for r in projects
                    ],
                }
            )
        return {"edition": e.slug, "published_at": run.published_at, "pools": pools}

    @router.get("/categories", response=list[CategoryOut], summary=_("Proposal categories"))
    def categories(request: HttpRequest):
        # The installation's shared categories and the municipality's own; it lists the
        # ones its own proposals use, so no other municipality's words show here.
        city = city_or_404()
        used = Proposal.objects.filter(edition__city=city).values("category")
        rows = Category.objects.for_city(city).filter(pk__in=used).order_by("name", "pk")
        return [{"id": c.pk, "name": c.name} for c in rows]

    @router.get("/proposals", response=list[ProposalOut], summary=_("Proposals"))
    @paginate(Pages)
    def proposals(request: HttpRequest, filters: Query[ProposalFilters]):
        rows = filtered_proposals(filters).defer("description", "beneficiaries", "title_key")
        return Rows(rows, ProposalRows(request))

    @router.get("/proposals.csv", summary=_("Proposals as CSV"), openapi_extra=CSV_DOC)
    def proposals_csv(request: HttpRequest, filters: Query[ProposalFilters]):
        return csv_response("projekty.csv", PROPOSAL_COLUMNS, _proposal_rows(request, filters))

    @router.get("/proposals.xlsx", summary=_("Proposals as XLSX"), openapi_extra=XLSX_DOC)
    def proposals_xlsx(request: HttpRequest, filters: Query[ProposalFilters]):
        rows = _proposal_rows(request, filters)
        return xlsx_response("projekty.xlsx", PROPOSAL_COLUMNS, rows, sheet="projekty")

    @router.get(
        "/proposals.geojson", summary=_("Located proposals as GeoJSON"), openapi_extra=GEOJSON_DOC
    )
    def proposals_geojson(request: HttpRequest, filters: Query[ProposalFilters]):
        convert = ProposalRows(request)
        features = [
            feature(point(p.latitude, p.longitude), convert(p), p.pk)
            for p in filtered_proposals(filters)
            if p.latitude is not None and p.longitude is not None
        ]
        return geojson_response("projekty.geojson", features)

    @router.get("/proposals/{proposal_id}", response=ProposalDetailOut, summary=_("A proposal"))
    def proposal(request: HttpRequest, proposal_id: int):
        p = get_object_or_404(
            public_proposals().select_related("verification_sheet", "appeal"), pk=proposal_id
        )
        return {
            **proposal_out(request, p),
            "description": p.description,
            "beneficiaries": p.beneficiaries,
            "cost_items": [
                {"description": c.description, "amount": c.amount}
                for c in p.cost_items.order_by("pk")
            ],
            "verification": _verification(p),
            "appeal": _appeal(p),
            "history": [
                {
                    "old_status": h.old_status,
                    "new_status": h.new_status,
                    "new_status_label": str(h.get_new_status_display()),
                    "changed_at": h.created_at,
                }
                for h in p.history.exclude(new_status=Status.DRAFT).order_by("created_at", "pk")
            ],
        }

    @router.get(
        "/implementations", response=list[ImplementationOut], summary=_("Projects being realised")
    )
    @paginate(Pages)
    def implementations(request: HttpRequest, filters: Query[ImplementationFilters]):
        return Rows(implementation_queryset(filters), lambda i: implementation_out(request, i))

    @router.get(
        "/implementations.geojson",
        summary=_("Projects being realised as GeoJSON"),
        openapi_extra=GEOJSON_DOC,
    )
    def implementations_geojson(request: HttpRequest, filters: Query[ImplementationFilters]):
        features = [
            feature(
                point(i.proposal.latitude, i.proposal.longitude),
                implementation_out(request, i),
                i.pk,
            )
            for i in implementation_queryset(filters)
            if i.proposal.latitude is not None and i.proposal.longitude is not None
        ]
        return geojson_response("realizacja.geojson", features)

    @router.get(
        "/implementations/{implementation_id}",
        response=ImplementationDetailOut,
        summary=_("A project being realised"),
    )
    def implementation(request: HttpRequest, implementation_id: int):
        i = get_object_or_404(
            implementation_queryset(ImplementationFilters()), pk=implementation_id
        )
        return {
            **implementation_out(request, i),
            "updates": [{"day": u.day, "text": u.text} for u in i.updates.order_by("-day", "-pk")],
        }

    return router
