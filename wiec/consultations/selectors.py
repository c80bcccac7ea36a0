"""Reads about consultations: the register, results, participation and the report."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.accounts.models import ResidencyDeclaration
from wiec.consultations.models import (
    Answer,
    Consultation,
    ConsultationRequest,
    ConsultationSettings,
    Evaluation,
    Question,
    QuestionKind,
    Registration,
    Remark,
    RequestStatus,
    Survey,
    SurveyResponse,
)
from wiec.consultations.phases import ConsultationPhase
from wiec.places.models import City
from wiec.places.selectors import current_city

AGE_GROUPS = [(0, 17), (18, 29), (30, 44), (45, 59), (60, 74), (75, 200)]


def settings_of(city: City) -> ConsultationSettings:
    obj, _created = ConsultationSettings.objects.get_or_create(city=city)
    return obj


def register(
    city: City,
    *,
    topic: str = "",
    district: str = "",
    status: str = "",
    today: datetime.date | None = None,
) -> QuerySet[Consultation]:
    """The public register, filtered by topic slug, district slug ("miasto": city-wide)
    and phase."""
    consultations = Consultation.objects.filter(city=city).select_related("topic", "district")
    if topic:
        consultations = consultations.filter(topic__slug=topic)
    if district == "miasto":
        consultations = consultations.filter(district__isnull=True)
    elif district:
        consultations = consultations.filter(district__slug=district)
    if status in ConsultationPhase.values:
        consultations = consultations.in_phase(status, today)
    return consultations


def participant_ids(consultation: Consultation) -> set[int]:
    """Accounts that commented, answered a survey or registered for a meeting."""
    ids: set[int] = set()
    ids.update(
        Remark.objects.filter(consultation=consultation, author__isnull=False).values_list(
            "author_id", flat=True
        )
    )
    ids.update(
        SurveyResponse.objects.filter(
            survey__consultation=consultation, user__isnull=False
        ).values_list("user_id", flat=True)
    )
    ids.update(
        Registration.objects.filter(meeting__consultation=consultation).values_list(
            "user_id", flat=True
        )
    )
    return ids


def commenter_ids(consultation: Consultation) -> set[int]:
    return set(
        Remark.objects.filter(consultation=consultation, author__isnull=False).values_list(
            "author_id", flat=True
        )
    )


def age_group_label(age: int | None) -> str:
    if age is None:
        return str(_("not given"))
    for low, high in AGE_GROUPS:
        if low <= age <= high:
            if low == 0:
                return str(_("under 18"))
            if high >= 200:
                return str(_("75 and over"))
            return f"{low}–{high}"
    return str(_("not given"))


@dataclass
class Participation:
    people: int = 0
    office_entered: int = 0
    by_district: list[tuple[str, int]] = field(default_factory=list)
    by_age: list[tuple[str, int]] = field(default_factory=list)


def participation(consultation: Consultation) -> Participation:
    """Who took part, counted by district and age group from their residency."""
    ids = participant_ids(consultation)
    declarations = {
        d.user_id: d
        for d in ResidencyDeclaration.objects.filter(user_id__in=ids).select_related("district")
    }
    districts: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    for user_id in ids:
        declaration = declarations.get(user_id)
        if declaration is None:
            districts[str(_("not declared"))] += 1
            ages[str(_("not given"))] += 1
            continue
        districts[str(declaration.district)] += 1
        ages[age_group_label(declaration.age_on(consultation.ends_on))] += 1
    order = [age_group_label(low) for low, _high in AGE_GROUPS] + [str(_("not given"))]
    return Participation(
        people=len(ids),
        office_entered=Remark.objects.filter(
            consultation=consultation, author__isnull=True
        ).count(),
        by_district=sorted(districts.items()),
        by_age=[(label, ages[label]) for label in order if ages[label]],
    )


@dataclass
class QuestionResult:
    question: Question
    rows: list[tuple[str, float]]
    answers: int
    texts: list[str] = field(default_factory=list)
    value_label: Any = ""


def question_result(question: Question) -> QuestionResult:
    answers = Answer.objects.filter(question=question)
    respondents = answers.values("response").distinct().count()
    if question.kind == QuestionKind.TEXT:
        texts = list(answers.exclude(text="").values_list("text", flat=True))
        return QuestionResult(question, [], respondents, texts)
    if question.kind == QuestionKind.SCALE:
        counts = Counter(answers.values_list("number", flat=True))
        rows = [
            (str(value), float(counts.get(value, 0)))
            for value in range(question.scale_min, question.scale_max + 1)
        ]
        return QuestionResult(question, rows, respondents, value_label=_("answers"))
    if question.kind == QuestionKind.RANKING:
        # Borda points: first place of n options earns n - 1 points, the last none.
        n = question.choices.count()
        points: Counter[int] = Counter()
        for choice_id, rank in answers.values_list("choice_id", "number"):
            points[choice_id] += n - rank
        rows = [(c.text, float(points.get(c.pk, 0))) for c in question.choices.all()]
        rows.sort(key=lambda row: -row[1])
        return QuestionResult(question, rows, respondents, value_label=_("points"))
    counts = Counter(answers.values_list("choice_id", flat=True))
    rows = [(c.text, float(counts.get(c.pk, 0))) for c in question.choices.all()]
    return QuestionResult(question, rows, respondents, value_label=_("answers"))


def survey_results(survey: Survey) -> list[QuestionResult]:
    return [question_result(q) for q in survey.questions.prefetch_related("choices")]


@dataclass
class ReportData:
    consultation: Consultation
    remarks: list[Remark]
    surveys: list[tuple[Survey, int, list[QuestionResult]]]
    participation: Participation
    counts: dict[str, int]
    evaluation: dict[str, Any]


def remarks_for_report(consultation: Consultation) -> QuerySet[Remark]:
    return (
        Remark.objects.filter(consultation=consultation)
        .visible()
        .select_related("paragraph", "category", "author")
        .order_by("channel", "paragraph__position", "created_at", "pk")
    )


def report_data(consultation: Consultation) -> ReportData:
    remarks = list(remarks_for_report(consultation))
    counts = Counter(r.response or "none" for r in remarks)
    return ReportData(
        consultation=consultation,
        remarks=remarks,
        surveys=[(s, s.responses.count(), survey_results(s)) for s in consultation.surveys.all()],
        participation=participation(consultation),
        counts=dict(counts),
        evaluation=evaluation_summary(Evaluation.objects.filter(consultation=consultation)),
    )


def evaluation_summary(evaluations: QuerySet[Evaluation]) -> dict[str, Any]:
    summary = evaluations.aggregate(
        count=Count("pk"), clear=Avg("information_clear"), heard=Avg("felt_heard")
    )
    return summary


def evaluation_by_year(city: City, year: int) -> dict[str, Any]:
    evaluations = Evaluation.objects.filter(
        consultation__city=city, consultation__ends_on__year=year
    )
    summary = evaluation_summary(evaluations)
    summary["per_consultation"] = list(
        evaluations.values("consultation__title", "consultation__slug")
        .annotate(count=Count("pk"), clear=Avg("information_clear"), heard=Avg("felt_heard"))
        .order_by("consultation__title")
    )
    return summary


def request_queue(user: Any) -> list[ConsultationRequest]:
    """Requests awaiting the office's answer that this user may answer, soonest due first."""
    waiting = ConsultationRequest.objects.filter(
        status=RequestStatus.SUBMITTED, city=current_city()
    ).select_related("district")
    return [
        r
        for r in waiting.order_by("answer_due_on")
        if user.has_perm("consultations.answer_request", r)
    ]


def today() -> datetime.date:
    return timezone.localdate()


def office_for_request(request: ConsultationRequest) -> list[Any]:
    """Officials in the request's scope and coordinators: who may answer it, and whom
    to tell when it reaches the threshold."""
    from wiec.accounts.models import User
    from wiec.core.roles import Role

    staff = (
        User.objects.filter(
            is_active=True,
            role_assignments__role__in=[Role.OFFICIAL, Role.COORDINATOR],
            role_assignments__city=request.city_id,
        )
        .distinct()
        .order_by("pk")
    )
    return [user for user in staff if user.has_perm("consultations.answer_request", request)]


def supports(user: Any, request: ConsultationRequest) -> bool:
    """Whether this person (this account, or another with the same identity key)
    already supports the request."""
    if not getattr(user, "is_authenticated", False):
        return False
    from wiec.accounts.selectors import identity_key_of
    from wiec.commons import signatures

    key = identity_key_of(user, request.city_id)
    return signatures.signed_by(request.collection, user=user, identity_key=key) is not None


def supporters(request: ConsultationRequest) -> int:
    """The request's support, counted once per person (the collection's stored count)."""
    return request.collection.valid_count if request.collection_id else 0
