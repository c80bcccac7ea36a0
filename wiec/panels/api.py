"""Citizens' panels in the public API: panels, their lotteries (the announced seed, the
inputs' hash, every respondent's probability under an anonymous id), sessions,
recommendations with the vote's outcome and the city's response.

Respondents and panelists appear only as the lottery record's anonymous ids
(``R0001``): no names, contacts, answers or the link between an id and a seat.
"""

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema

from wiec.core.api.places import city_or_404
from wiec.panels.models import CitizensPanel, Lottery, LotteryStatus, anonymous_id


class PanelOut(Schema):
    slug: str
    topic: str
    url: str
    phase: str
    phase_label: str
    panel_size: int
    recruitment_starts: datetime.date
    recruitment_ends: datetime.date
    deliberation_starts: datetime.date
    recommendations_start: datetime.date
    monitoring_starts: datetime.date


class SessionOut(Schema):
    title: str
    starts_at: datetime.datetime
    place: str
    description: str


class PanelDetailOut(PanelOut):
    question: str
    description: str
    organisers: str
    experts: list[str]
    reserves_count: int
    binding_threshold: int
    advisory_threshold: int
    sessions: list[SessionOut]
    lottery_done: bool
    results_published_at: datetime.datetime | None


class ProbabilityOut(Schema):
    id: str = Field(description="Anonymous id of a row of the published respondents file.")
    probability: float
    on_panel: bool
    reserve: int | None = Field(description="Position on the reserve list, if drawn as one.")


class LotteryOut(Schema):
    panel: str
    status: str
    seed: str
    seed_announced_at: datetime.datetime
    algorithm: str
    engine_version: str
    inputs_hash: str
    finished_at: datetime.datetime | None
    panel_ids: list[str]
    reserve_ids: list[str]
    probabilities: list[ProbabilityOut]


class RecommendationUpdateOut(Schema):
    date: datetime.date
    status: str
    note: str


class RecommendationOut(Schema):
    number: int
    title: str
    text: str
    votes_yes: int | None
    votes_counted: int | None
    support_denominator: int | None
    support_level: str
    response: str
    responded_at: datetime.datetime | None
    implementation_status: str
    updates: list[RecommendationUpdateOut]


def _panels():
    return CitizensPanel.objects.public().filter(city=city_or_404())


def _panel(slug: str) -> CitizensPanel:
    return get_object_or_404(_panels(), slug=slug)


def panel_out(request: HttpRequest, panel: CitizensPanel) -> dict[str, Any]:
    phase = panel.phase
    return {
        "slug": panel.slug,
        "topic": panel.topic,
        "url": request.build_absolute_uri(panel.get_absolute_url()),
        "phase": phase.value,
        "phase_label": str(phase.label),
        "panel_size": panel.panel_size,
        "recruitment_starts": panel.recruitment_starts,
        "recruitment_ends": panel.recruitment_ends,
        "deliberation_starts": panel.deliberation_starts,
        "recommendations_start": panel.recommendations_start,
        "monitoring_starts": panel.monitoring_starts,
    }


def lottery_out(panel: CitizensPanel, lottery: Lottery) -> dict[str, Any]:
    done = lottery.status == LotteryStatus.DONE
    in_panel = set(lottery.panel_rows) if done else set()
    reserve_at = {row: n for n, row in enumerate(lottery.reserve_rows, start=1)} if done else {}
    return {
        "panel": panel.slug,
        "status": lottery.status,
        "seed": lottery.seed,
        "seed_announced_at": lottery.seed_announced_at,
        "algorithm": lottery.algorithm,
        "engine_version": lottery.engine_version,
        "inputs_hash": lottery.inputs_hash,
        "finished_at": lottery.finished_at,
        "panel_ids": [anonymous_id(r) for r in sorted(in_panel)],
        "reserve_ids": [anonymous_id(r) for r in lottery.reserve_rows] if done else [],
        "probabilities": [
            {
                "id": anonymous_id(row),
                "probability": probability,
                "on_panel": row in in_panel,
                "reserve": reserve_at.get(row),
            }
            for row, probability in enumerate(lottery.probabilities if done else [])
        ],
    }


def build_router() -> Router:
    router = Router(tags=["panels"])

    @router.get("", response=list[PanelOut], summary=_("Citizens' panels"))
    def panels(request: HttpRequest):
        return [panel_out(request, p) for p in _panels().order_by("-recruitment_starts", "pk")]

    @router.get("/{slug}", response=PanelDetailOut, summary=_("A citizens' panel"))
    def panel(request: HttpRequest, slug: str):
        p = _panel(slug)
        lottery = Lottery.objects.filter(panel=p).first()
        return {
            **panel_out(request, p),
            "question": p.question,
            "description": p.description,
            "organisers": p.organisers,
            "experts": p.expert_list(),
            "reserves_count": p.reserves_count,
            "binding_threshold": p.binding_threshold,
            "advisory_threshold": p.advisory_threshold,
            "sessions": [
                {
                    "title": s.title,
                    "starts_at": s.starts_at,
                    "place": s.place,
                    "description": s.description,
                }
                for s in p.sessions.order_by("starts_at", "pk")
            ],
            "lottery_done": lottery is not None and lottery.is_done,
            "results_published_at": p.results_published_at,
        }

    @router.get("/{slug}/lottery", response=LotteryOut, summary=_("The lottery's public record"))
    def lottery(request: HttpRequest, slug: str):
        p = _panel(slug)
        return lottery_out(p, get_object_or_404(Lottery, panel=p))

    @router.get(
        "/{slug}/recommendations",
        response=list[RecommendationOut],
        summary=_("Recommendations and the city's responses"),
    )
    def recommendations(request: HttpRequest, slug: str):
        p = _panel(slug)
        published = p.results_published_at is not None
        return [
            {
                "number": r.number,
                "title": r.title,
                "text": r.text,
                "votes_yes": r.votes_yes if published else None,
                "votes_counted": r.votes_counted if published else None,
                "support_denominator": r.support_denominator if published else None,
                "support_level": r.support_level if published else "",
                "response": r.response,
                "responded_at": r.responded_at,
                "implementation_status": r.implementation_status,
                "updates": [
                    {"date": u.date, "status": u.status, "note": u.note}
                    for u in r.updates.order_by("date", "pk")
                ],
            }
            for r in p.recommendations.order_by("number", "pk").prefetch_related("updates")
        ]

    return router
