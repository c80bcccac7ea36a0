"""Every change to a citizens' panel: one transaction and one audit event each.

Views parse input and check permissions; these functions re-check the invariants
that must hold whoever calls them (the seed announced before the draw, votes only
inside the window, one use per invitation code) and leave nothing behind on error.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import hmac
import io
import secrets
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wiec.core.services import notify, record_event
from wiec.panels import adapters
from wiec.panels.models import (
    Attendance,
    CitizensPanel,
    Feature,
    FeatureKind,
    FeatureValue,
    ImplementationStatus,
    ImplementationUpdate,
    InvitationCode,
    Lottery,
    LotteryStatus,
    Material,
    Panelist,
    PanelistKind,
    PanelistStatus,
    Recommendation,
    Respondent,
    Session,
    Source,
    Vote,
    anonymous_id,
)
from wiec.panels.phases import DRAFTING_PHASES, Phase
from wiec.panels.quotas import bounds_from_share
from wiec.panels.selectors import active_seat_of, tally

CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B)
CODE_LENGTH = 10


def _keyed_hash(*parts: Any) -> str:
    message = "|".join(str(p) for p in parts).encode("utf-8")
    return hmac.new(settings.SECRET_KEY.encode("utf-8"), message, hashlib.sha256).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(panel: CitizensPanel, code: str) -> str:
    return _keyed_hash("panels.invitation", panel.pk, normalise_code(code))


def household_hash(panel: CitizensPanel, key: str) -> str:
    normalised = " ".join(key.lower().split())
    return _keyed_hash("panels.household", panel.pk, normalised) if normalised else ""


# Recruitment -------------------------------------------------------------------------


@transaction.atomic
def generate_invitation_codes(*, actor: Any, panel: CitizensPanel, count: int) -> list[str]:
    """New one-use codes for letters; only their hashes are stored, so show them once."""
    if not 1 <= count <= 50_000:
        raise ValidationError(_("Generate between 1 and 50,000 codes at a time."), code="bad_count")
    codes: list[str] = []
    hashes: set[str] = set()
    while len(codes) < count:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        code = f"{raw[:5]}-{raw[5:]}"
        digest = code_hash(panel, code)
        if digest not in hashes:
            hashes.add(digest)
            codes.append(code)
    InvitationCode.objects.bulk_create(
        [InvitationCode(panel=panel, code_hash=h) for h in hashes], batch_size=1000
    )
    record_event(
        actor=actor, action="panels.invitations_generated", target=panel, data={"count": count}
    )
    return codes


def _check_answers(panel: CitizensPanel, answers: Mapping[str, str]) -> dict[str, str]:
    clean: dict[str, str] = {}
    for feature in panel.features.prefetch_related("values"):
        value = answers.get(feature.key, "")
        keys = {v.key for v in feature.values.all()}
        if value not in keys:
            raise ValidationError(
                _("Answer the question “%(question)s”."),
                code="missing_answer",
                params={"question": feature.label},
            )
        clean[feature.key] = value
    return clean


@transaction.atomic
def apply_to_panel(
    *,
    actor: Any,
    panel: CitizensPanel,
    full_name: str,
    email: str,
    answers: Mapping[str, str],
    consent: bool,
    phone: str = "",
    household_key: str = "",
    code: str = "",
) -> Respondent:
    """A resident volunteers for the lottery (the public application form)."""
    if panel.phase != Phase.RECRUITMENT:
        raise ValidationError(_("Recruitment for this panel is closed."), code="not_recruiting")
    if not consent:
        raise ValidationError(
            _("Without consent to processing your data we cannot include you in the lottery."),
            code="no_consent",
        )
    if (
        actor is not None
        and actor.is_authenticated
        and Respondent.objects.filter(panel=panel, user=actor).exists()
    ):
        raise ValidationError(_("You have already applied to this panel."), code="duplicate")
    invitation = None
    if panel.uses_invitations:
        invitation = (
            InvitationCode.objects.select_for_update()
            .filter(panel=panel, code_hash=code_hash(panel, code))
            .first()
        )
        if invitation is None:
            raise ValidationError(
                _("This invitation code is not valid for this panel; check the letter."),
                code="bad_code",
            )
        if invitation.used_at is not None:
            raise ValidationError(_("This invitation code has already been used."), code="used")
    now = timezone.now()
    respondent = Respondent.objects.create(
        panel=panel,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        full_name=full_name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        answers=_check_answers(panel, answers),
        household_hash=household_hash(panel, household_key or (code if invitation else "")),
        source=Source.FORM,
        consent_at=now,
    )
    if invitation is not None:
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
    record_event(actor=actor, action="panels.applied", target=panel, data={"via": "form"})
    return respondent


class ImportRejected(ValidationError):
    """The CSV file has problems; ``messages`` lists them by row; nothing was saved."""


IMPORT_BASE_COLUMNS = ("full_name", "email", "phone", "household")


def _value_lookup(feature: Feature) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for value in feature.values.all():
        lookup[value.key.lower()] = value.key
        lookup[value.label.strip().lower()] = value.key
    return lookup


@transaction.atomic
def import_respondents(*, actor: Any, panel: CitizensPanel, text: str) -> int:
    """Add the pool from a CSV (answers to invitation letters); all rows or none.

    Columns: ``full_name`` (required), ``email``, ``phone``, ``household`` and one per
    question key; a value may be the answer's key or its label.
    """
    features = list(panel.features.prefetch_related("values"))
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    required = ["full_name", *(f.key for f in features)]
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportRejected(
            _("The file has no column(s): %(columns)s. Required: %(required)s."),
            code="missing_columns",
            params={"columns": ", ".join(missing), "required": ", ".join(required)},
        )
    lookups = {f.key: _value_lookup(f) for f in features}
    errors: list[ValidationError] = []
    rows: list[Respondent] = []
    now = timezone.now()
    for line, row in enumerate(reader, start=2):
        name = (row.get("full_name") or "").strip()
        if not name:
            errors.append(
                ValidationError(
                    _("Row %(row)s: the full name is empty."), params={"row": line}, code="empty"
                )
            )
        answers: dict[str, str] = {}
        for feature in features:
            given = (row.get(feature.key) or "").strip()
            key = lookups[feature.key].get(given.lower())
            if key is None:
                allowed = ", ".join(v.key for v in feature.values.all())
                errors.append(
                    ValidationError(
                        _(
                            "Row %(row)s, column “%(column)s”: unknown value “%(value)s” "
                            "(allowed: %(allowed)s)."
                        ),
                        code="unknown_value",
                        params={
                            "row": line,
                            "column": feature.key,
                            "value": given,
                            "allowed": allowed,
                        },
                    )
                )
            else:
                answers[feature.key] = key
        rows.append(
            Respondent(
                panel=panel,
                full_name=name,
                email=(row.get("email") or "").strip(),
                phone=(row.get("phone") or "").strip(),
                answers=answers,
                household_hash=household_hash(panel, row.get("household") or ""),
                source=Source.IMPORT,
                consent_at=now,
            )
        )
    if not rows and not errors:
        errors.append(ValidationError(_("The file has no rows."), code="empty_file"))
    if errors:
        raise ImportRejected(errors)
    Respondent.objects.bulk_create(rows, batch_size=500)
    record_event(actor=actor, action="panels.pool_imported", target=panel, data={"rows": len(rows)})
    return len(rows)


# Quotas ------------------------------------------------------------------------------


def _panel_is_drawn(panel: CitizensPanel) -> bool:
    return Lottery.objects.filter(
        panel=panel, status__in=[LotteryStatus.RUNNING, LotteryStatus.DONE]
    ).exists()


@transaction.atomic
def set_quotas(
    *,
    actor: Any,
    panel: CitizensPanel,
    bounds: Mapping[int, tuple[int | None, int | None]],
    shares: Mapping[int, Decimal | None] | None = None,
) -> None:
    """Set min and max seats per answer; a question has quotas on all answers or none."""
    if _panel_is_drawn(panel):
        raise ValidationError(_("The panel has been drawn; quotas are final."), code="drawn")
    values = {
        v.pk: v for v in FeatureValue.objects.filter(feature__panel=panel).select_related("feature")
    }
    errors: list[ValidationError] = []
    for pk, (low, high) in bounds.items():
        value = values[pk]
        if (low is None) != (high is None):
            errors.append(
                ValidationError(
                    _("“%(value)s”: give both the minimum and the maximum, or neither."),
                    params={"value": str(value)},
                    code="half_quota",
                )
            )
        elif low is not None and high is not None and low > high:
            errors.append(
                ValidationError(
                    _("“%(value)s”: the minimum (%(min)s) is above the maximum (%(max)s)."),
                    params={"value": str(value), "min": low, "max": high},
                    code="min_above_max",
                )
            )
        value.quota_min, value.quota_max = low, high
        if shares is not None and pk in shares:
            value.population_share = shares[pk]
    by_feature: dict[int, list[FeatureValue]] = {}
    for value in values.values():
        by_feature.setdefault(value.feature_id, []).append(value)
    for group in by_feature.values():
        set_count = sum(v.has_quota for v in group)
        if 0 < set_count < len(group):
            errors.append(
                ValidationError(
                    _(
                        "“%(question)s”: set quotas for every answer, or for none "
                        "(then the question does not count in the lottery)."
                    ),
                    params={"question": group[0].feature.label},
                    code="partial_feature",
                )
            )
    if errors:
        raise ValidationError(errors)
    FeatureValue.objects.bulk_update(
        list(values.values()), ["quota_min", "quota_max", "population_share"]
    )
    record_event(
        actor=actor,
        action="panels.quotas_set",
        target=panel,
        data={"quotas": [[str(v), v.quota_min, v.quota_max] for v in values.values()]},
    )


def quotas_from_census(
    panel: CitizensPanel, shares: Mapping[int, Decimal | None], tolerance: Decimal
) -> dict[int, tuple[int | None, int | None]]:
    """Min and max per answer from census shares (%) and a tolerance (points)."""
    return {
        pk: (
            bounds_from_share(share, tolerance_points=tolerance, panel_size=panel.panel_size)
            if share is not None
            else (None, None)
        )
        for pk, share in shares.items()
    }


# The lottery -------------------------------------------------------------------------


@transaction.atomic
def announce_seed(*, actor: Any, panel: CitizensPanel, seed: str) -> Lottery:
    """Publish the seed before the draw (e.g. digits drawn in public); it cannot change."""
    seed = seed.strip()
    if not seed:
        raise ValidationError(_("Give the seed."), code="empty_seed")
    if Lottery.objects.filter(panel=panel).exists():
        raise ValidationError(
            _("The seed has already been announced and cannot be changed."), code="announced"
        )
    lottery = Lottery.objects.create(
        panel=panel,
        seed=seed,
        seed_announced_at=timezone.now(),
        seed_announced_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record_event(actor=actor, action="panels.seed_announced", target=panel, data={"seed": seed})
    return lottery


@transaction.atomic
def start_draw(*, actor: Any, panel: CitizensPanel) -> Lottery:
    """Start the draw in the background; refused without an announced seed."""
    lottery = Lottery.objects.select_for_update().filter(panel=panel).first()
    if lottery is None:
        raise ValidationError(
            _("Announce the seed before the draw: the draw is refused without it."),
            code="no_seed",
        )
    if lottery.status in (LotteryStatus.RUNNING, LotteryStatus.DONE):
        raise ValidationError(_("The panel is already being drawn or has been drawn."), code="done")
    if panel.phase in (Phase.ANNOUNCED, Phase.RECRUITMENT):
        raise ValidationError(
            _("The draw can start only after recruitment has closed."), code="recruiting"
        )
    lottery.status = LotteryStatus.RUNNING
    lottery.progress = 0.0
    lottery.progress_message = ""
    lottery.error = {}
    lottery.started_at = timezone.now()
    lottery.save(update_fields=["status", "progress", "progress_message", "error", "started_at"])
    record_event(actor=actor, action="panels.draw_started", target=panel, data={})
    from wiec.panels.tasks import draw_panel_task

    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    # Enqueued inside the transaction: the database backend's task row commits with
    # the "running" status or not at all (tests' immediate backend runs it here).
    draw_panel_task.enqueue(lottery.pk, actor_id)
    lottery.refresh_from_db()
    return lottery


def _progress_writer(lottery_id: int):
    def progress(fraction: float, message: str) -> None:
        Lottery.objects.filter(pk=lottery_id).update(
            progress=max(0.0, min(1.0, float(fraction))), progress_message=str(message)[:200]
        )

    return progress


def draw_panel(*, actor: Any, lottery: Lottery) -> Lottery:
    """Run leximin and the lottery on the frozen inputs (the background task's body).

    On infeasible quotas or bad data the lottery is marked failed with the engine's
    code and parameters (shown in words by the views) and nobody is drawn.
    """
    from wiec import sortition

    panel = lottery.panel
    inputs = adapters.build_inputs(panel)
    try:
        record = adapters.run_draw(
            inputs,
            seed=lottery.seed,
            reserves=panel.reserves_count,
            progress=_progress_writer(lottery.pk),
        )
    except sortition.SortitionError as error:
        with transaction.atomic():
            lottery.status = LotteryStatus.FAILED
            lottery.error = error.as_dict()
            lottery.finished_at = timezone.now()
            lottery.save(update_fields=["status", "error", "finished_at"])
            record_event(
                actor=actor, action="panels.draw_failed", target=panel, data=error.as_dict()
            )
        return lottery
    return _store_draw(actor=actor, lottery=lottery, inputs=inputs, record=record)


@transaction.atomic
def _store_draw(*, actor: Any, lottery: Lottery, inputs: adapters.Inputs, record: Any) -> Lottery:
    panel = lottery.panel
    lottery.status = LotteryStatus.DONE
    lottery.progress = 1.0
    lottery.algorithm = record.algorithm
    lottery.engine_version = record.version
    lottery.inputs_hash = record.inputs_hash
    lottery.categories_csv = inputs.categories_csv
    lottery.respondents_csv = inputs.respondents_csv
    lottery.household_column = inputs.household_column
    lottery.respondent_ids = list(inputs.respondent_ids)
    lottery.probabilities = list(record.distribution.probabilities)
    lottery.panel_rows = list(record.panel)
    lottery.reserve_rows = list(record.reserves)
    lottery.record = record.as_dict()
    lottery.finished_at = timezone.now()
    lottery.save()
    respondents = Respondent.objects.in_bulk(inputs.respondent_ids)
    seated = []
    for row in record.panel:
        r = respondents[inputs.respondent_ids[row]]
        seated.append(
            Panelist(
                panel=panel,
                respondent=r,
                user=r.user,
                anonymous_id=anonymous_id(row),
                kind=PanelistKind.MEMBER,
                drawn_as=PanelistKind.MEMBER,
                status=PanelistStatus.INVITED,
            )
        )
    for position, row in enumerate(record.reserves, start=1):
        r = respondents[inputs.respondent_ids[row]]
        seated.append(
            Panelist(
                panel=panel,
                respondent=r,
                user=r.user,
                anonymous_id=anonymous_id(row),
                kind=PanelistKind.RESERVE,
                drawn_as=PanelistKind.RESERVE,
                reserve_position=position,
                status=PanelistStatus.WAITING,
            )
        )
    Panelist.objects.bulk_create(seated)
    record_event(
        actor=actor,
        action="panels.drawn",
        target=panel,
        data={
            "seed": lottery.seed,
            "inputs_hash": lottery.inputs_hash,
            "panel": [anonymous_id(r) for r in record.panel],
            "reserves": [anonymous_id(r) for r in record.reserves],
        },
    )
    for panelist in Panelist.objects.filter(panel=panel, kind=PanelistKind.MEMBER):
        _tell_drawn(panelist)
    return lottery


def _tell_drawn(panelist: Panelist) -> None:
    if panelist.user is None:
        return  # reached by the organisers by letter or phone
    notify(
        recipient=panelist.user,
        subject=_("You have been drawn to the citizens' panel"),
        body=format_lazy(
            _("Please confirm that you will take part in the panel “{topic}”."),
            topic=panelist.panel.topic,
        ),
        url=panelist.panel.get_absolute_url(),
        kind="status",
    )


def _set_status(panelist: Panelist, status: str) -> None:
    panelist.status = status
    panelist.status_changed_at = timezone.now()
    panelist.save(update_fields=["status", "status_changed_at"])


@transaction.atomic
def confirm_seat(*, actor: Any, panelist: Panelist) -> Panelist:
    """The drawn person (or an organiser on their behalf) confirms they will take part."""
    panelist = Panelist.objects.select_for_update().get(pk=panelist.pk)
    if panelist.kind != PanelistKind.MEMBER or panelist.status != PanelistStatus.INVITED:
        raise ValidationError(_("There is nothing to confirm."), code="not_invited")
    _set_status(panelist, PanelistStatus.CONFIRMED)
    record_event(actor=actor, action="panels.seat_confirmed", target=panelist, data={})
    return panelist


@transaction.atomic
def withdraw_panelist(*, actor: Any, panelist: Panelist, declined: bool = False) -> Panelist | None:
    """A panelist declines or drops out; the first waiting reserve takes the seat.

    Returns the reserve called up, or ``None`` when the reserve list is used up.
    """
    panelist = Panelist.objects.select_for_update().get(pk=panelist.pk)
    if not panelist.is_active_member:
        raise ValidationError(_("This person does not hold a seat."), code="not_seated")
    _set_status(panelist, PanelistStatus.DECLINED if declined else PanelistStatus.DROPPED_OUT)
    reserve = (
        Panelist.objects.select_for_update()
        .filter(panel=panelist.panel, kind=PanelistKind.RESERVE, status=PanelistStatus.WAITING)
        .order_by("reserve_position")
        .first()
    )
    if reserve is not None:
        reserve.kind = PanelistKind.MEMBER
        reserve.status = PanelistStatus.INVITED
        reserve.replaces = panelist
        reserve.status_changed_at = timezone.now()
        reserve.save(update_fields=["kind", "status", "replaces", "status_changed_at"])
        _tell_drawn(reserve)
    record_event(
        actor=actor,
        action="panels.panelist_withdrawn",
        target=panelist,
        data={
            "declined": declined,
            "replacement": reserve.anonymous_id if reserve is not None else None,
        },
    )
    return reserve


# Deliberation -------------------------------------------------------------------------


@transaction.atomic
def schedule_session(
    *,
    actor: Any,
    panel: CitizensPanel,
    title: str,
    starts_at: datetime.datetime,
    place: str = "",
    link: str = "",
    description: str = "",
) -> Session:
    session = Session(
        panel=panel,
        title=title,
        starts_at=starts_at,
        place=place,
        link=link,
        description=description,
    )
    if not place and not link:
        raise ValidationError(_("Give the place or the online link."), code="no_place")
    session.full_clean()
    session.save()
    record_event(actor=actor, action="panels.session_scheduled", target=session, data={})
    return session


@transaction.atomic
def add_material(
    *, actor: Any, session: Session, title: str, kind: str, url: str, author: str = ""
) -> Material:
    material = Material(session=session, title=title, kind=kind, url=url, author=author)
    material.full_clean()
    material.save()
    record_event(actor=actor, action="panels.material_added", target=session, data={"url": url})
    return material


@transaction.atomic
def record_attendance(*, actor: Any, session: Session, present: list[Panelist]) -> int:
    """Replace the session's attendance list with the panelists present."""
    if any(p.panel_id != session.panel_id for p in present):
        raise ValidationError(_("Only this panel's panelists can attend."), code="other_panel")
    Attendance.objects.filter(session=session).delete()
    Attendance.objects.bulk_create([Attendance(session=session, panelist=p) for p in present])
    record_event(
        actor=actor,
        action="panels.attendance_recorded",
        target=session,
        data={"present": sorted(p.anonymous_id for p in present)},
    )
    return len(present)


# Recommendations -----------------------------------------------------------------------


@transaction.atomic
def draft_recommendation(
    *, actor: Any, panel: CitizensPanel, title: str, text: str
) -> Recommendation:
    """A panelist puts a recommendation forward during deliberation."""
    seat = active_seat_of(actor, panel)
    if seat is None:
        raise PermissionDenied(_("Only the panel's panelists can draft recommendations."))
    if panel.phase not in DRAFTING_PHASES:
        raise ValidationError(
            _("Recommendations can be drafted only during deliberation."), code="phase"
        )
    if not title.strip() or not text.strip():
        raise ValidationError(_("Give the title and the text."), code="empty")
    CitizensPanel.objects.select_for_update().get(pk=panel.pk)  # serialise numbering
    last = panel.recommendations.order_by("-number").values_list("number", flat=True).first()
    number = (last or 0) + 1
    recommendation = Recommendation.objects.create(
        panel=panel, number=number, title=title.strip(), text=text.strip(), drafted_by=seat
    )
    record_event(
        actor=actor, action="panels.recommendation_drafted", target=recommendation, data={}
    )
    return recommendation


@transaction.atomic
def cast_vote(*, actor: Any, recommendation: Recommendation, choice: str) -> Vote:
    """A panelist's vote on a recommendation, only inside the voting window.

    A panelist may change their vote until the window closes.
    """
    panel = recommendation.panel
    seat = active_seat_of(actor, panel)
    if seat is None:
        raise PermissionDenied(_("Only the panel's panelists can vote."))
    if not panel.voting_is_open():
        raise ValidationError(
            _("Voting is closed: votes are accepted only inside the voting window."),
            code="window_closed",
        )
    if panel.results_published_at is not None:
        raise ValidationError(_("The results have been published."), code="published")
    if choice not in {"yes", "no", "abstain"}:
        raise ValidationError(_("Choose one of the answers."), code="bad_choice")
    vote, _created = Vote.objects.update_or_create(
        recommendation=recommendation,
        panelist=seat,
        defaults={"choice": choice, "cast_at": timezone.now()},
    )
    record_event(
        actor=actor,
        action="panels.vote_cast",
        target=recommendation,
        data={"panelist": seat.anonymous_id},
    )
    return vote


@transaction.atomic
def publish_results(*, actor: Any, panel: CitizensPanel) -> list[Recommendation]:
    """Count support after the window closes, fix it on each recommendation, publish."""
    panel = CitizensPanel.objects.select_for_update().get(pk=panel.pk)
    if not panel.voting_has_closed():
        raise ValidationError(
            _("Results can be published only after the voting window closes."), code="open"
        )
    if panel.results_published_at is not None:
        raise ValidationError(_("The results are already published."), code="published")
    recommendations = list(panel.recommendations.all())
    for rec in recommendations:
        result = tally(rec)
        rec.votes_yes = result.yes
        rec.votes_counted = result.voted
        rec.support_denominator = result.denominator
        rec.support_level = result.level
    Recommendation.objects.bulk_update(
        recommendations, ["votes_yes", "votes_counted", "support_denominator", "support_level"]
    )
    panel.results_published_at = timezone.now()
    panel.save(update_fields=["results_published_at"])
    record_event(
        actor=actor,
        action="panels.results_published",
        target=panel,
        data={
            str(r.number): [r.votes_yes, r.support_denominator, r.support_level]
            for r in recommendations
        },
    )
    return recommendations


def _published(recommendation: Recommendation) -> bool:
    return CitizensPanel.objects.filter(
        pk=recommendation.panel_id, results_published_at__isnull=False
    ).exists()


@transaction.atomic
def respond_to_recommendation(
    *, actor: Any, recommendation: Recommendation, response: str, status: str
) -> Recommendation:
    """The city's answer to a recommendation and where its implementation stands."""
    if not _published(recommendation):
        raise ValidationError(
            _("The city responds after the results are published."), code="unpublished"
        )
    if not response.strip():
        raise ValidationError(_("Write the response."), code="empty")
    if status not in ImplementationStatus.values:
        raise ValidationError(_("Choose the implementation status."), code="bad_status")
    recommendation.response = response.strip()
    recommendation.responded_at = timezone.now()
    recommendation.implementation_status = status
    recommendation.save(update_fields=["response", "responded_at", "implementation_status"])
    record_event(
        actor=actor,
        action="panels.recommendation_answered",
        target=recommendation,
        data={"status": status},
    )
    return recommendation


@transaction.atomic
def add_implementation_update(
    *, actor: Any, recommendation: Recommendation, date: datetime.date, status: str, note: str
) -> ImplementationUpdate:
    if not _published(recommendation):
        raise ValidationError(
            _("Implementation is followed after the results are published."), code="unpublished"
        )
    if status not in ImplementationStatus.values or not note.strip():
        raise ValidationError(_("Give the status and what happened."), code="empty")
    update = ImplementationUpdate.objects.create(
        recommendation=recommendation, date=date, status=status, note=note.strip(), author=actor
    )
    recommendation.implementation_status = status
    recommendation.save(update_fields=["implementation_status"])
    record_event(
        actor=actor,
        action="panels.implementation_updated",
        target=recommendation,
        data={"status": status, "date": date.isoformat()},
    )
    return update


# Set-up -------------------------------------------------------------------------------

STANDARD_QUESTIONS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    ("sex", FeatureKind.SEX, _("Sex"), [("female", _("female")), ("male", _("male"))]),
    (
        "age",
        FeatureKind.AGE_GROUP,
        _("Age group"),
        [
            ("16-29", _("16–29")),
            ("30-44", _("30–44")),
            ("45-64", _("45–64")),
            ("65+", _("65 or more")),
        ],
    ),
    ("district", FeatureKind.DISTRICT, _("District"), []),
    (
        "education",
        FeatureKind.EDUCATION,
        _("Education"),
        [
            ("basic", _("primary or vocational")),
            ("secondary", _("secondary")),
            ("higher", _("higher")),
        ],
    ),
]


@transaction.atomic
def add_standard_questions(*, actor: Any, panel: CitizensPanel) -> list[Feature]:
    """Sex, age group, district (the city's districts) and education, in the panel's
    language at the time (labels are stored, so each panel can word its own)."""
    from wiec.places.selectors import districts_of

    features = []
    for order, (key, kind, label, answers) in enumerate(STANDARD_QUESTIONS):
        feature, created = Feature.objects.get_or_create(
            panel=panel, key=key, defaults={"label": str(label), "kind": kind, "order": order}
        )
        features.append(feature)
        if not created:
            continue
        if kind == FeatureKind.DISTRICT:
            answers = [(d.slug, d.name) for d in districts_of(panel.city)]
        FeatureValue.objects.bulk_create(
            [
                FeatureValue(feature=feature, key=k, label=str(v), order=n)
                for n, (k, v) in enumerate(answers)
            ]
        )
    record_event(actor=actor, action="panels.questions_added", target=panel, data={})
    return features


@transaction.atomic
def add_question(
    *, actor: Any, panel: CitizensPanel, key: str, label: str, answers: list[tuple[str, str]]
) -> Feature:
    """A custom demographic question (e.g. attitude to the topic) with its answers."""
    if _panel_is_drawn(panel):
        raise ValidationError(_("The panel has been drawn; questions are final."), code="drawn")
    order = panel.features.count()
    feature = Feature.objects.create(
        panel=panel, key=key, label=label, kind=FeatureKind.CUSTOM, order=order
    )
    FeatureValue.objects.bulk_create(
        [FeatureValue(feature=feature, key=k, label=v, order=n) for n, (k, v) in enumerate(answers)]
    )
    record_event(actor=actor, action="panels.question_added", target=feature, data={"key": key})
    return feature
