"""The local initiative's workflow: apply, assess, decide, agree, carry out, report.

Art. 19b–19h ustawy o działalności pożytku publicznego i o wolontariacie.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.commons import contributions
from wiec.commons.models import Contribution, ContributionLedger, Party
from wiec.commons.money import format_pln
from wiec.core.access import ensure
from wiec.core.services import notify, record_event
from wiec.initiatives.models import (
    ACCEPTED,
    MAX_POINTS,
    AgreementVersion,
    Application,
    ApplicationStatus,
    Criterion,
    InitiativeArea,
    InitiativePool,
    Score,
    Timesheet,
    Update,
)


def committed_grosze(pool: InitiativePool) -> int:
    """The city's money promised to accepted initiatives of the pool."""
    return (
        Contribution.objects.filter(
            party=Party.CITY,
            ledger__in=Application.objects.filter(pool=pool, status__in=ACCEPTED).values("ledger"),
        ).aggregate(total=Sum("value_grosze"))["total"]
        or 0
    )


@dataclass(frozen=True)
class Draft:
    """What the application form holds."""

    group: str
    title: str
    area: str
    description: str
    place: str
    justification: str
    schedule: str
    total_grosze: int
    latitude: float | None = None
    longitude: float | None = None


def check_draft(
    pool: InitiativePool, draft: Draft, items: Sequence[contributions.Item]
) -> contributions.Shares:
    """The shares the items give, once they add up; ``ValidationError`` otherwise.

    The city's costs and the residents' valued contributions must add up to the total
    cost; the residents must give something (art. 19c ust. 1: "wkład własny"); the
    city's part must fit in what is left of the pool; the area must be one the
    council's resolution allows.
    """
    ledger = ContributionLedger(city_id=pool.city_id, work_rate_grosze=pool.work_rate_grosze)
    shares = contributions.shares(contributions.build(ledger, items))
    if draft.area not in pool.areas:
        raise ValidationError(
            {"area": _("The council's resolution does not allow this area.")}, code="area"
        )
    if not shares.residents_grosze:
        raise ValidationError(
            _("List the residents' own contribution: social work, money, goods or services."),
            code="no_contribution",
        )
    if shares.total_grosze != draft.total_grosze:
        raise ValidationError(
            _(
                "The contributions do not add up: the city's costs (%(city)s) and the "
                "residents' contribution (%(residents)s) make %(sum)s, but the total cost "
                "is %(total)s."
            ),
            code="does_not_add_up",
            params={
                "city": format_pln(shares.city_grosze),
                "residents": format_pln(shares.residents_grosze),
                "sum": format_pln(shares.total_grosze),
                "total": format_pln(draft.total_grosze),
            },
        )
    left = pool.amount_grosze - committed_grosze(pool)
    if shares.city_grosze > left:
        raise ValidationError(
            _("The city's costs (%(city)s) exceed what is left in this year's pool (%(left)s)."),
            code="pool_exceeded",
            params={"city": format_pln(shares.city_grosze), "left": format_pln(left)},
        )
    return shares


@transaction.atomic
def submit_application(
    *, actor: Any, pool: InitiativePool, draft: Draft, items: Sequence[contributions.Item]
) -> Application:
    """File a group's application; nothing is saved unless every check passes."""
    ensure(
        actor,
        "initiatives.apply",
        refusal=_("Only verified residents may apply for a local initiative."),
    )
    check_draft(pool, draft, items)
    ledger = ContributionLedger.objects.create(
        city=pool.city, work_rate_grosze=pool.work_rate_grosze
    )
    contributions.replace(ledger, items)
    application = Application(
        city=pool.city, pool=pool, ledger=ledger, applicant=actor, **draft.__dict__
    )
    application.full_clean(exclude=["ledger", "applicant", "pool", "city"])
    application.save()
    record_event(actor=actor, action="initiatives.application_submitted", target=application)
    return application


def weighted_result(application: Application) -> tuple[int, dict[str, float]]:
    """The application's result in points of 100, and each criterion's mean points.

    Result = Σ weight × mean points ÷ (Σ weights × the maximum) × 100, rounded half up.
    """
    weights = application.pool.weights()
    totals: dict[str, list[int]] = {}
    for score in application.scores.all():
        totals.setdefault(score.criterion, []).append(score.points)
    means = {key: sum(p) / len(p) for key, p in totals.items()}
    if not means:
        return 0, {}
    raw = sum(weights[key] * means.get(key, 0) for key in weights)
    result = int(raw * 100 / (sum(weights.values()) * MAX_POINTS) + 0.5)
    return result, means


@transaction.atomic
def assess(
    *, actor: Any, application: Application, scores: dict[str, tuple[int, str]]
) -> list[Score]:
    """A committee member's justified points for every criterion (art. 19d)."""
    ensure(actor, "initiatives.assess", application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("This application is no longer being assessed."), code="closed")
    missing = [c for c in Criterion.values if not (scores.get(c) or (0, ""))[1].strip()]
    if missing:
        raise ValidationError(_("Justify the points for every criterion."), code="unjustified")
    saved = []
    for criterion, (points, justification) in scores.items():
        if not 0 <= points <= MAX_POINTS:
            raise ValidationError(_("Points are from 0 to 10."), code="points")
        score, _created = Score.objects.update_or_create(
            application=application,
            assessor=actor,
            criterion=criterion,
            defaults={"points": points, "justification": justification.strip()},
        )
        saved.append(score)
    record_event(actor=actor, action="initiatives.application_assessed", target=application)
    return saved


DECISIONS = (ApplicationStatus.ACCEPTED, ApplicationStatus.CHANGES, ApplicationStatus.REJECTED)


@transaction.atomic
def decide(*, actor: Any, application: Application, decision: str, reasons: str) -> Application:
    """Accept, accept with changes or reject; the group is told (reasons where not plain
    acceptance)."""
    ensure(actor, "initiatives.decide", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("This application has been decided already."), code="decided")
    if decision not in DECISIONS:
        raise ValidationError(_("Choose the decision."), code="decision")
    reasons = (reasons or "").strip()
    if decision != ApplicationStatus.ACCEPTED and not reasons:
        raise ValidationError(
            {"reasons": _("Give the reasons for a rejection or for the changes.")},
            code="reasons_required",
        )
    if not application.scores.exists():
        raise ValidationError(_("The committee has not assessed it yet."), code="not_assessed")
    application.status = decision
    application.decision_reason = reasons
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decision_reason", "decided_at"])
    if decision != ApplicationStatus.REJECTED:
        _first_agreement(actor, application)
    record_event(
        actor=actor,
        action="initiatives.application_decided",
        target=application,
        data={"decision": decision},
    )
    if application.applicant is not None:
        notify(
            recipient=application.applicant,
            kind="initiative_decision",
            subject=_("The city has decided on your local initiative"),
            body=_("Decision: %(decision)s. %(reasons)s")
            % {"decision": application.get_status_display(), "reasons": reasons},
            url=application.get_absolute_url(),
        )
    return application


CLAUSE_HEADINGS = {
    "parties": _("Parties"),
    "task": _("The task"),
    "schedule": _("Timetable"),
    "contributions": _("Contributions of the parties"),
    "communication": _("Communication"),
    "liability": _("Liability and insurance"),
    "control": _("Control"),
    "settlement": _("Settlement"),
    "termination": _("Termination"),
}


def template_clauses(application: Application) -> list[dict[str, str]]:
    """The city's agreement template filled in for this case (art. 19e)."""
    text = render_to_string(
        "initiatives/agreement_template.txt",
        {
            "a": application,
            "city": application.city,
            "shares": contributions.shares(application.ledger.items.all()),
        },
    )
    parts: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        if line.startswith("## "):
            key = line[3:].strip()
            parts[key] = ""
        elif key:
            parts[key] += line + "\n"
    return [
        {"key": k, "heading": str(CLAUSE_HEADINGS[k]), "text": parts.get(k, "").strip()}
        for k in CLAUSE_HEADINGS
    ]


def _first_agreement(actor: Any, application: Application) -> AgreementVersion:
    return AgreementVersion.objects.create(
        application=application,
        number=1,
        clauses=template_clauses(application),
        note=str(_("From the city's template")),
        author=actor,
    )


@transaction.atomic
def revise_agreement(
    *, actor: Any, application: Application, texts: dict[str, str], note: str
) -> AgreementVersion:
    """A new version of the agreement with the office's clauses; the old stay."""
    ensure(actor, "initiatives.edit_agreement", application)
    current = application.agreement_versions.select_for_update().first()
    if current is None:
        raise ValidationError(_("This application has no agreement."), code="no_agreement")
    if not (note or "").strip():
        raise ValidationError({"note": _("Say what changed.")}, code="note_required")
    clauses = []
    for clause in current.clauses:
        body = (texts.get(clause["key"], clause["text"]) or "").strip()
        if not body:
            raise ValidationError(
                _("The clause “%(heading)s” cannot be empty."),
                code="empty_clause",
                params={"heading": clause["heading"]},
            )
        clauses.append({**clause, "text": body})
    version = AgreementVersion.objects.create(
        application=application,
        number=current.number + 1,
        clauses=clauses,
        note=note.strip()[:300],
        author=actor,
    )
    record_event(
        actor=actor,
        action="initiatives.agreement_revised",
        target=application,
        data={"version": version.number},
    )
    return version


def _start_realisation(application: Application) -> None:
    if application.status in (ApplicationStatus.ACCEPTED, ApplicationStatus.CHANGES):
        application.status = ApplicationStatus.REALISATION
        application.save(update_fields=["status"])


@transaction.atomic
def add_update(
    *, actor: Any, application: Application, text: str, photo: Any = None, photo_alt: str = ""
) -> Update:
    """A dated note on the work, with a photo; the realisation starts with the first."""
    ensure(actor, "initiatives.report", application)
    if photo and not (photo_alt or "").strip():
        raise ValidationError({"photo_alt": _("Describe what the photo shows.")}, code="alt")
    update = Update(application=application, text=text.strip(), photo_alt=(photo_alt or "").strip())
    update.author = actor
    if photo:
        update.photo.save(photo.name, photo, save=False)
    update.full_clean(exclude=["application", "author"])
    update.save()
    _start_realisation(application)
    record_event(actor=actor, action="initiatives.update_added", target=application)
    return update


@transaction.atomic
def log_hours(
    *,
    actor: Any,
    application: Application,
    volunteer: str,
    day: datetime.date,
    hours: int,
    task: str,
) -> Timesheet:
    """Hours of social work one volunteer did, to be signed off by the office."""
    ensure(actor, "initiatives.report", application)
    if day > timezone.localdate():
        raise ValidationError({"day": _("Hours cannot be logged in advance.")}, code="future")
    entry = Timesheet(
        application=application,
        volunteer=volunteer.strip(),
        day=day,
        hours=hours,
        task=task.strip(),
        entered_by=actor,
    )
    entry.full_clean(exclude=["application", "entered_by"])
    entry.save()
    _start_realisation(application)
    record_event(actor=actor, action="initiatives.hours_logged", target=application)
    return entry


@transaction.atomic
def sign_off_hours(*, actor: Any, entry: Timesheet) -> Timesheet:
    ensure(actor, "initiatives.sign_off_hours", entry.application)
    entry.signed_off_by = actor
    entry.signed_off_at = timezone.now()
    entry.save(update_fields=["signed_off_by", "signed_off_at"])
    record_event(actor=actor, action="initiatives.hours_signed_off", target=entry.application)
    return entry


def hours_done(application: Application) -> tuple[int, int]:
    """Hours logged and hours signed off."""
    logged = signed = 0
    for entry in application.timesheets.all():
        logged += entry.hours
        signed += entry.hours if entry.signed_off_at else 0
    return logged, signed


@transaction.atomic
def file_report(*, actor: Any, application: Application, report: str) -> Application:
    """The final report: the initiative is realised and joins the public list."""
    ensure(actor, "initiatives.report", application)
    report = (report or "").strip()
    if not report:
        raise ValidationError({"report": _("Write the report.")}, code="report_required")
    if application.timesheets.filter(signed_off_at__isnull=True).exists():
        raise ValidationError(
            _("The office has not signed off every timesheet entry yet."), code="unsigned"
        )
    application.report = report
    application.status = ApplicationStatus.REALISED
    application.completed_on = timezone.localdate()
    application.save(update_fields=["report", "status", "completed_on"])
    record_event(actor=actor, action="initiatives.report_filed", target=application)
    return application


POOL_FIELDS = (
    "year",
    "resolution_title",
    "resolution_url",
    "amount_grosze",
    "work_rate_grosze",
    "areas",
    "weight_work",
    "weight_other",
    "weight_usefulness",
    "weight_feasibility",
)


@transaction.atomic
def save_pool(
    *, actor: Any, city: Any, pool: InitiativePool | None = None, **fields: Any
) -> InitiativePool:
    """Open a year's pool or change it, as the council's resolution sets it (art. 19c).

    Refused with a reason: a second pool for the same year, an amount below what is
    already committed to accepted initiatives, an area that accepted or pending
    applications use being taken away, weights where social work does not weigh most.
    """
    ensure(actor, "initiatives.manage")
    unknown = set(fields) - set(POOL_FIELDS)
    if unknown:
        raise TypeError(f"unknown pool fields: {sorted(unknown)}")
    if pool is None:
        pool = InitiativePool(city=city)
    else:
        pool = InitiativePool.objects.select_for_update().get(pk=pool.pk, city=city)
    for name, value in fields.items():
        setattr(pool, name, value)
    if InitiativePool.objects.filter(city=city, year=pool.year).exclude(pk=pool.pk).exists():
        raise ValidationError(
            {
                "year": ValidationError(
                    _("There is already a pool for %(year)s; change that one."),
                    params={"year": pool.year},
                )
            },
            code="year_taken",
        )
    if pool.pk:
        committed = committed_grosze(pool)
        if pool.amount_grosze < committed:
            raise ValidationError(
                {
                    "amount_grosze": ValidationError(
                        _(
                            "The pool cannot be smaller than what the city has already "
                            "committed to accepted initiatives (%(committed)s)."
                        ),
                        params={"committed": format_pln(committed)},
                    )
                },
                code="below_committed",
            )
        used = set(
            pool.applications.exclude(status=ApplicationStatus.REJECTED).values_list(
                "area", flat=True
            )
        )
        dropped = sorted(used - set(pool.areas or []))
        if dropped:
            labels = dict(InitiativeArea.choices)
            raise ValidationError(
                {
                    "areas": ValidationError(
                        _("Applications of this pool are in these areas: %(areas)s."),
                        params={"areas": ", ".join(str(labels.get(a, a)) for a in dropped)},
                    )
                },
                code="area_in_use",
            )
    pool.full_clean(exclude=["city"])
    pool.save()
    record_event(actor=actor, action="initiatives.pool_saved", target=pool)
    return pool
