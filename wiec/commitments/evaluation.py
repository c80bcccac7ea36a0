"""Evaluation after every process of every tool: the standard short questionnaire, the
tool's extra questions, invitations to everyone who took part, results per process, tool
and year.

Consultations already invite their participants and ask two of the four standard
questions (``consultations.Evaluation``); they are not asked again here, and the results
count their answers beside the others'.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.commitments.models import CommitmentSource, ProcessEvaluation, ProcessEvaluationInvitation

STANDARD = [
    ("information_clear", _("The information about the process was clear.")),
    ("felt_heard", _("I felt heard.")),
    ("know_outcome", _("I know what happened with my opinion.")),
    ("take_part_again", _("I would take part again.")),
]

#: Each tool's own extra questions (key, text), asked after the standard ones.
EXTRA: dict[str, list[tuple[str, Any]]] = {
    CommitmentSource.BUDGETS: [("voting_easy", _("Submitting a project or voting was easy."))],
    CommitmentSource.PANELS: [("materials_helped", _("The experts' materials helped me decide."))],
}


@dataclass(frozen=True)
class EvaluatedProcess:
    tool: str
    key: str
    title: str
    url: str
    year: int
    ended_on: datetime.date
    participants: Callable[[], set[int]]

    @property
    def evaluate_url(self) -> str:
        return reverse("commitments:evaluate", args=[self.tool, self.key])


def finished_processes(city: Any, today: datetime.date | None = None) -> list[EvaluatedProcess]:
    """Budget editions whose voting ended and panels whose recommendations were published
    (consultations evaluate themselves)."""
    from wiec.budgets.models import Edition, Follow
    from wiec.budgets.phases import PhaseType
    from wiec.panels.models import CitizensPanel, Panelist

    today = today or timezone.localdate()
    found = []
    for e in Edition.objects.filter(
        city=city, phases__type=PhaseType.VOTING, phases__ends_on__lt=today
    ).distinct():
        voting = e.phase(PhaseType.VOTING)

        def budget_people(e=e) -> set[int]:
            ids: set[int] = set()
            for p in e.proposals.exclude(status="draft").prefetch_related("coauthors"):
                ids |= p.people_ids()
            ids |= set(Follow.objects.filter(proposal__edition=e).values_list("user_id", flat=True))
            return ids

        found.append(
            EvaluatedProcess(
                CommitmentSource.BUDGETS,
                str(e.pk),
                e.name,
                e.get_absolute_url(),
                voting.ends_on.year,
                voting.ends_on,
                budget_people,
            )
        )
    for p in CitizensPanel.objects.filter(city=city, results_published_at__isnull=False):
        found.append(
            EvaluatedProcess(
                CommitmentSource.PANELS,
                str(p.pk),
                p.topic,
                p.get_absolute_url(),
                p.recommendations_start.year,
                timezone.localdate(p.results_published_at),
                lambda p=p: set(
                    Panelist.objects.filter(panel=p, user__isnull=False).values_list(
                        "user_id", flat=True
                    )
                ),
            )
        )
    return found


def find(city: Any, tool: str, key: str) -> EvaluatedProcess | None:
    return next((p for p in finished_processes(city) if p.tool == tool and p.key == key), None)


@transaction.atomic
def invite(*, city: Any, window_days: int = 60) -> int:
    """Invite each participant of each recently finished process once; returns how many."""
    from wiec.accounts.models import User
    from wiec.core.services import notify

    today = timezone.localdate()
    invited = 0
    for process in finished_processes(city, today):
        if (today - process.ended_on).days > window_days:
            continue
        done = set(
            ProcessEvaluationInvitation.objects.filter(
                tool=process.tool, process_key=process.key
            ).values_list("user_id", flat=True)
        )
        for user in User.objects.filter(pk__in=process.participants() - done, is_active=True):
            try:
                with transaction.atomic():
                    ProcessEvaluationInvitation.objects.create(
                        tool=process.tool, process_key=process.key, user=user
                    )
            except IntegrityError:
                continue
            notify(
                recipient=user,
                kind="status",
                subject=str(_("How did it go? %(title)s")) % {"title": process.title[:150]},
                body=_("You took part. Four short questions tell the city what to do better."),
                url=process.evaluate_url,
            )
            invited += 1
    return invited


@transaction.atomic
def submit(
    *, actor: Any, city: Any, process: EvaluatedProcess, answers: dict[str, int], comment: str = ""
) -> ProcessEvaluation:
    """One evaluation per person and process; every answer from 1 to 5."""
    if actor is None or not actor.is_authenticated:
        raise ValidationError(_("Log in to evaluate."), code="anonymous")
    if actor.pk not in process.participants():
        raise ValidationError(
            _("Only those who took part in the process evaluate it."), code="not_participant"
        )
    keys = [k for k, _t in STANDARD] + [k for k, _t in EXTRA.get(process.tool, [])]
    for key in keys:
        value = answers.get(key)
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError({key: _("Choose from 1 to 5.")}, code="scale")
    if ProcessEvaluation.objects.filter(
        tool=process.tool, process_key=process.key, user=actor
    ).exists():
        raise ValidationError(_("You have already evaluated this process."), code="twice")
    return ProcessEvaluation.objects.create(
        city=city,
        tool=process.tool,
        process_key=process.key,
        process_title=process.title[:300],
        year=process.year,
        user=actor,
        **{k: answers[k] for k, _t in STANDARD},
        extra={k: answers[k] for k, _t in EXTRA.get(process.tool, [])},
        comment=(comment or "").strip()[:3000],
    )


@dataclass
class Result:
    tool_label: Any
    title: str
    year: int
    responses: int
    averages: dict[str, float | None]


def results(city: Any, year: int | None = None) -> list[Result]:
    """Averages per process, the consultations' own evaluations included."""
    from wiec.consultations.models import Evaluation as ConsultationEvaluation

    rows = []
    qs = ProcessEvaluation.objects.filter(city=city)
    if year:
        qs = qs.filter(year=year)
    grouped = (
        qs.values("tool", "process_key", "process_title", "year")
        .annotate(
            n=Count("pk"),
            **{k: Avg(k) for k, _t in STANDARD},
        )
        .order_by("year", "tool", "process_title")
    )
    labels = dict(CommitmentSource.choices)
    for g in grouped:
        rows.append(
            Result(
                labels[g["tool"]],
                g["process_title"],
                g["year"],
                g["n"],
                {k: g[k] for k, _t in STANDARD},
            )
        )
    consultations = ConsultationEvaluation.objects.filter(consultation__city=city)
    if year:
        consultations = consultations.filter(consultation__ends_on__year=year)
    for g in (
        consultations.values("consultation__title", "consultation__ends_on__year")
        .annotate(
            n=Count("pk"), information_clear=Avg("information_clear"), felt_heard=Avg("felt_heard")
        )
        .order_by("consultation__title")
    ):
        rows.append(
            Result(
                labels[CommitmentSource.CONSULTATIONS],
                g["consultation__title"],
                g["consultation__ends_on__year"],
                g["n"],
                {
                    "information_clear": g["information_clear"],
                    "felt_heard": g["felt_heard"],
                    "know_outcome": None,
                    "take_part_again": None,
                },
            )
        )
    return rows


def by_tool(rows: list[Result]) -> list[Result]:
    """The processes' averages weighted by their responses, one row per tool."""
    tools: dict[str, list[Result]] = {}
    for r in rows:
        tools.setdefault(str(r.tool_label), []).append(r)
    out = []
    for label, group in tools.items():
        averages: dict[str, float | None] = {}
        for key, _t in STANDARD:
            pairs = [(r.averages[key], r.responses) for r in group if r.averages[key] is not None]
            weight = sum(n for _v, n in pairs)
            averages[key] = sum(v * n for v, n in pairs) / weight if weight else None
        out.append(Result(label, "", 0, sum(r.responses for r in group), averages))
    return out
