"""Every change to a citizens' panel: one transaction and one audit event each.

Views parse input and check permissions; these functions re-check the invariants
that must hold whoever calls them (the seed announced before the draw, votes only
inside the window, one use per invitation code) and leave nothing behind on error.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wiec.core import normalise
from wiec.core.services import notify, record_event
from wiec.core.tables import read_rows
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
    """A printed code as it is looked up: ``Ｋ７ＱＭ－２ＸＰＡ`` is ``K7QM2XPA``."""
    return normalise.code(code)


def code_hash(panel: CitizensPanel, code: str) -> str:
    return _keyed_hash("panels.invitation", panel.pk, normalise_code(code))


def household_hash(panel: CitizensPanel, key: str) -> str:
    """Keyed hash of a household key (an address or a letter's code).

    Normalised by ``wiec.core.normalise.text`` (NFKC, invisible characters, case,
    spacing), which gives the same hash as before for every ordinary spelling, so a
    pool collected across an upgrade keeps its households together.
    """
    normalised = normalise.text(key)
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
    """A resident volunteers for the lottery (the public application form).

    Where the panel recruits by letters the one-use code is the credential, so no
    account is needed: the application keeps the contact details and the consent,
    and if the person is drawn, the claim code in the next letter links the seat to
    an account (:func:`claim_seat`). Without letters an account is required, as it is
    then the only thing that keeps one person to one application.
    """
    if panel.phase != Phase.RECRUITMENT:
        raise ValidationError(_("Recruitment for this panel is closed."), code="not_recruiting")
    authenticated = bool(getattr(actor, "is_authenticated", False))
    if not authenticated and not panel.uses_invitations:
        raise ValidationError(
            _(
                "Log in to apply: this panel recruits without letters, so an account keeps "
                "each person to one application."
            ),
            code="account_needed",
        )
    if not consent:
        raise ValidationError(
            _("Without consent to processing your data we cannot include you in the lottery."),
            code="no_consent",
        )
    if not full_name.strip():
        raise ValidationError(_("Give your full name."), code="no_name")
    if not authenticated and not (email.strip() or phone.strip()):
        raise ValidationError(
            _(
                "Give an e-mail address or a phone number, so that the organisers can reach "
                "you if you are drawn."
            ),
            code="no_contact",
        )
    if authenticated and Respondent.objects.filter(panel=panel, user=actor).exists():
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
        user=actor if authenticated else None,
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
    record_event(
        actor=actor,
        action="panels.applied",
        target=panel,
        data={"via": "form", "account": authenticated},
    )
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


def _too_long(line: int, row: dict[str, str]) -> list[ValidationError]:
    """A value longer than its column holds, as a message naming the row and column."""
    problems = []
    for column in ("full_name", "email", "phone"):
        limit = Respondent._meta.get_field(column).max_length
        if len((row.get(column) or "").strip()) > limit:
            problems.append(
                ValidationError(
                    _("Row %(row)s, column “%(column)s”: at most %(limit)s characters."),
                    code="too_long",
                    params={"row": line, "column": column, "limit": limit},
                )
            )
    return problems


@transaction.atomic
def import_respondents(*, actor: Any, panel: CitizensPanel, text: str) -> int:
    """Add the pool from a CSV (answers to invitation letters); all rows or none.

    Columns: ``full_name`` (required), ``email``, ``phone``, ``household`` and one per
    question key; a value may be the answer's key or its label.
    """
    features = list(panel.features.prefetch_related("values"))
    try:
        header, records = read_rows(text)
    except ValidationError as error:
        raise ImportRejected(error.messages, code="unreadable") from None
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
    try:
        records = list(records)
    except ValidationError as error:
        raise ImportRejected(error.messages, code="unreadable") from None
    for line, row in records:
        name = (row.get("full_name") or "").strip()
        if not name:
            errors.append(
                ValidationError(
                    _("Row %(row)s: the full name is empty."), params={"row": line}, code="empty"
                )
            )
        errors.extend(_too_long(line, row))
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
    lottery.progress_stage = ""
    lottery.progress_minimum = None
    lottery.progress_gap = None
    lottery.error = {}
    lottery.started_at = timezone.now()
    lottery.finished_at = None
    lottery.save(
        update_fields=[
            "status",
            "progress",
            "progress_message",
            "progress_stage",
            "progress_minimum",
            "progress_gap",
            "error",
            "started_at",
            "finished_at",
        ]
    )
    record_event(actor=actor, action="panels.draw_started", target=panel, data={})
    from wiec.panels.tasks import draw_panel_task

    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    # Enqueued inside the transaction: the database backend's task row commits with
    # the "running" status or not at all (tests' immediate backend runs it here).
    draw_panel_task.enqueue(lottery.pk, actor_id)
    lottery.refresh_from_db()
    return lottery


def _this_run(lottery: Lottery) -> Any:
    """The lottery row while it is still this run's: running, with this start time.

    ``started_at`` tells runs apart, so a cancelled run that has not stopped yet can
    never write into a later one started with the same seed.
    """
    return Lottery.objects.filter(
        pk=lottery.pk, status=LotteryStatus.RUNNING, started_at=lottery.started_at
    )


def _progress_writer(lottery: Lottery):
    def progress(report: Any) -> None:
        _this_run(lottery).update(
            progress=max(0.0, min(1.0, float(report.fraction))),
            progress_message=str(report.message)[:200],
            progress_stage=str(report.stage)[:20],
            progress_minimum=report.minimum,
            progress_gap=report.gap,
        )

    return progress


#: Seconds between two looks at the database for a cancellation.
CANCEL_POLL_SECONDS = 0.5


def _cancel_checker(lottery: Lottery):
    """The engine's cancel callback: has this run been cancelled (or replaced)?"""
    last = [float("-inf")]

    def cancelled() -> bool:
        now = time.monotonic()
        if now - last[0] < CANCEL_POLL_SECONDS:
            return False
        last[0] = now
        return not _this_run(lottery).exists()

    return cancelled


@transaction.atomic
def cancel_draw(*, actor: Any, panel: CitizensPanel) -> Lottery:
    """Stop a running draw; nobody is drawn and the draw can start again, same seed.

    The engine notices between two of its iterations (the background task asks the
    database at most twice a second) and stops without storing anything.
    """
    lottery = Lottery.objects.select_for_update().filter(panel=panel).first()
    if lottery is None or lottery.status != LotteryStatus.RUNNING:
        raise ValidationError(_("Only a draw that is running can be cancelled."), code="idle")
    lottery.status = LotteryStatus.CANCELLED
    lottery.finished_at = timezone.now()
    lottery.save(update_fields=["status", "finished_at"])
    record_event(
        actor=actor,
        action="panels.draw_cancelled",
        target=panel,
        data={"progress": lottery.progress, "stage": lottery.progress_stage},
    )
    return lottery


def draw_panel(*, actor: Any, lottery: Lottery) -> Lottery:
    """Run leximin and the lottery on the frozen inputs (the background task's body).

    On infeasible quotas or bad data the lottery is marked failed with the engine's
    code and parameters (shown in words by the views) and nobody is drawn. A run
    cancelled meanwhile (:func:`cancel_draw`) stores nothing.
    """
    from wiec import sortition

    panel = lottery.panel
    inputs = adapters.build_inputs(panel)
    try:
        record = adapters.run_draw(
            inputs,
            seed=lottery.seed,
            reserves=panel.reserves_count,
            progress=_progress_writer(lottery),
            cancel=_cancel_checker(lottery),
        )
    except sortition.CancelledError:
        lottery.refresh_from_db()
        return lottery
    except sortition.SortitionError as error:
        with transaction.atomic():
            if not _this_run(lottery).select_for_update().exists():
                lottery.refresh_from_db()
                return lottery
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
    if not _this_run(lottery).select_for_update().exists():  # cancelled at the last moment
        lottery.refresh_from_db()
        return lottery
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
    drawn = [*record.panel, *record.reserves]
    public = dict(
        zip(drawn, adapters.seat_ids(panel, [inputs.respondent_ids[r] for r in drawn]), strict=True)
    )
    seated = []
    for row in record.panel:
        r = respondents[inputs.respondent_ids[row]]
        seated.append(
            Panelist(
                panel=panel,
                respondent=r,
                user=r.user,
                anonymous_id=public[row],
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
                anonymous_id=public[row],
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


RESERVED_SLUGS = frozenset({"nowy"})

#: Fields that stop changing once something depends on them.
FIXED_AFTER_DRAW = ("panel_size", "reserves_count")
FIXED_AFTER_APPLICATIONS = ("uses_invitations",)
FIXED_AFTER_RESULTS = (
    "voting_opens_at",
    "voting_closes_at",
    "binding_threshold",
    "advisory_threshold",
    "denominator",
)


def panel_problems(panel: CitizensPanel) -> dict[str, list[ValidationError]]:
    """What is wrong with a panel's settings, by field, in words an organiser reads.

    The database refuses the same (see the model's check constraints); saying it
    here first names the field and the rule.
    """
    problems: dict[str, list[ValidationError]] = {}

    def add(field: str, message: Any, code: str, **params: Any) -> None:
        problems.setdefault(field, []).append(
            ValidationError(message, code=code, params=params or None)
        )

    if panel.slug in RESERVED_SLUGS:
        add("slug", _("This address is reserved; choose another."), "reserved_slug")
    if panel.panel_size is not None and panel.panel_size < 2:
        add("panel_size", _("A panel needs at least 2 seats."), "too_small")
    dates = [
        (
            "recruitment_starts",
            "recruitment_ends",
            False,
            _("Recruitment cannot end before it starts."),
        ),
        (
            "recruitment_ends",
            "deliberation_starts",
            True,
            _("Deliberation starts after recruitment ends: the lottery is held in between."),
        ),
        (
            "deliberation_starts",
            "recommendations_start",
            False,
            _("The recommendations phase cannot start before deliberation."),
        ),
        (
            "recommendations_start",
            "monitoring_starts",
            False,
            _("Monitoring cannot start before the recommendations phase."),
        ),
    ]
    for earlier, later, strict, message in dates:
        first, second = getattr(panel, earlier), getattr(panel, later)
        if first is None or second is None:
            continue
        if second < first or (strict and second == first):
            add(later, message, "dates_out_of_order")
    opens, closes = panel.voting_opens_at, panel.voting_closes_at
    if (opens is None) != (closes is None):
        add(
            "voting_closes_at" if closes is None else "voting_opens_at",
            _("Give both the opening and the closing of the vote, or neither."),
            "half_window",
        )
    elif opens is not None and closes is not None and closes <= opens:
        add("voting_closes_at", _("The vote must close after it opens."), "window_order")
    binding, advisory = panel.binding_threshold, panel.advisory_threshold
    if binding is not None and binding > 100:
        add("binding_threshold", _("A threshold is a percentage: at most 100."), "over_100")
    if binding is not None and advisory is not None and advisory > binding:
        add(
            "advisory_threshold",
            _(
                "The advisory threshold (%(advisory)s%%) cannot be above the binding one "
                "(%(binding)s%%)."
            ),
            "thresholds_order",
            advisory=advisory,
            binding=binding,
        )
    return problems


def _fixed_fields(panel: CitizensPanel, before: CitizensPanel) -> dict[str, list[ValidationError]]:
    problems: dict[str, list[ValidationError]] = {}
    rules = [
        (
            FIXED_AFTER_DRAW,
            _panel_is_drawn(before),
            _("The panel has been drawn; this can no longer change."),
        ),
        (
            FIXED_AFTER_APPLICATIONS,
            before.respondents.exists(),
            _("Applications have come in; this can no longer change."),
        ),
        (
            FIXED_AFTER_RESULTS,
            before.results_published_at is not None,
            _("The results are published; this can no longer change."),
        ),
    ]
    for fields, fixed, message in rules:
        if not fixed:
            continue
        for field in fields:
            if getattr(panel, field) != getattr(before, field):
                problems.setdefault(field, []).append(ValidationError(message, code="fixed"))
    if before.slug != panel.slug:
        problems.setdefault("slug", []).append(
            ValidationError(_("The address cannot change: letters and links use it."), code="fixed")
        )
    return problems


@transaction.atomic
def save_panel(*, actor: Any, panel: CitizensPanel) -> CitizensPanel:
    """Create a panel or change its settings; refuses what would break a rule or
    change something others already rely on (the size after the draw, the thresholds
    after the results)."""
    creating = panel.pk is None
    problems = panel_problems(panel)
    if not creating:
        before = CitizensPanel.objects.select_for_update().get(pk=panel.pk)
        for field, errors in _fixed_fields(panel, before).items():
            problems.setdefault(field, []).extend(errors)
    if problems:
        raise ValidationError(problems)
    panel.full_clean(exclude=["city"])
    panel.save()
    record_event(
        actor=actor,
        action="panels.panel_created" if creating else "panels.panel_changed",
        target=panel,
        data={"slug": panel.slug},
    )
    return panel


# Demographic questions -------------------------------------------------------------


def questions_are_fixed(panel: CitizensPanel) -> bool:
    """No question can be added once applications are in: they could not answer it."""
    return panel.respondents.exists() or _panel_is_drawn(panel)


def question_in_use(feature: Feature) -> bool:
    """An applicant answered this question, so its answers are fixed."""
    return Respondent.objects.filter(
        panel_id=feature.panel_id, answers__has_key=feature.key
    ).exists()


def key_from(label: str, fallback: str) -> str:
    from django.utils.text import slugify

    plain = str(label).translate(str.maketrans("łŁ", "lL"))
    return slugify(plain)[:40].strip("-") or fallback


Answer = str | tuple[str, str]


def _answer_rows(answers: list[Answer]) -> list[tuple[str, str]]:
    """(key, label) per answer; a bare label gets its key from its wording later."""
    rows: list[tuple[str, str]] = []
    for answer in answers:
        key, label = answer if isinstance(answer, tuple) else ("", answer)
        if label.strip():
            rows.append((key.strip(), label.strip()))
    if len(rows) < 2:
        raise ValidationError(_("Give at least two answers, one per line."), code="few_answers")
    seen: set[str] = set()
    for _key, label in rows:
        if len(label) > 200:
            raise ValidationError(
                _("The answer “%(answer)s…” is too long (at most 200 characters)."),
                code="long_answer",
                params={"answer": label[:30]},
            )
        if label.lower() in seen:
            raise ValidationError(
                _("The answer “%(answer)s” is given twice."),
                code="repeated_answer",
                params={"answer": label},
            )
        seen.add(label.lower())
    return rows


def _check_question(panel: CitizensPanel, key: str, label: str, *, exclude: int | None) -> None:
    if not label.strip():
        raise ValidationError(_("Write the question."), code="no_label")
    others = panel.features.exclude(pk=exclude) if exclude else panel.features.all()
    if others.filter(key=key).exists():
        raise ValidationError(
            _("The panel already has a question with the key “%(key)s”; choose another."),
            code="key_taken",
            params={"key": key},
        )


def _set_answers(feature: Feature, rows: list[tuple[str, str]]) -> None:
    """Keep answers whose wording stays (with their keys and quotas), add and remove
    the rest; a new answer's key comes from its wording unless given."""
    existing = {v.label.strip().lower(): v for v in feature.values.all()}
    kept = {
        label.lower(): existing.pop(label.lower())
        for _k, label in rows
        if label.lower() in existing
    }
    FeatureValue.objects.filter(pk__in=[v.pk for v in existing.values()]).delete()
    used_keys = {v.key for v in kept.values()}
    for order, (key, label) in enumerate(rows):
        value = kept.get(label.lower())
        if value is not None:
            value.label, value.order = label, order
            value.save(update_fields=["label", "order"])
            continue
        base = key or key_from(label, f"a{order + 1}")
        key, n = base, 2
        while key in used_keys:
            key, n = f"{base[:36]}-{n}", n + 1
        used_keys.add(key)
        FeatureValue.objects.create(feature=feature, key=key, label=label, order=order)


@transaction.atomic
def add_standard_questions(*, actor: Any, panel: CitizensPanel) -> list[Feature]:
    """Sex, age group, district (the city's districts) and education, in the panel's
    language at the time (labels are stored, so each panel can word its own).

    Questions already there are kept; nothing is added once applications are in.
    """
    from wiec.places.selectors import districts_of

    if questions_are_fixed(panel):
        raise ValidationError(
            _("Applications have come in; the questions can no longer change."), code="fixed"
        )
    features = []
    start = panel.features.count()
    for order, (key, kind, label, answers) in enumerate(STANDARD_QUESTIONS, start=start):
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
    *, actor: Any, panel: CitizensPanel, label: str, answers: list[Answer], key: str = ""
) -> Feature:
    """A custom demographic question (e.g. attitude to the topic) with its answers,
    one label each; keys (CSV columns and values) are made from the wording."""
    CitizensPanel.objects.select_for_update().get(pk=panel.pk)
    if questions_are_fixed(panel):
        raise ValidationError(
            _("Applications have come in; the questions can no longer change."), code="fixed"
        )
    key = key.strip() or key_from(label, f"q{panel.features.count() + 1}")
    _check_question(panel, key, label, exclude=None)
    labels = _answer_rows(answers)
    order = (panel.features.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    feature = Feature(
        panel=panel, key=key, label=label.strip(), kind=FeatureKind.CUSTOM, order=order
    )
    feature.full_clean(exclude=["panel"])
    feature.save()
    _set_answers(feature, labels)
    record_event(actor=actor, action="panels.question_added", target=feature, data={"key": key})
    return feature


def _lock_question(feature: Feature) -> Feature:
    CitizensPanel.objects.select_for_update().get(pk=feature.panel_id)
    feature = Feature.objects.select_related("panel").get(pk=feature.pk)
    if question_in_use(feature) or _panel_is_drawn(feature.panel):
        raise ValidationError(
            _("Applicants have answered “%(question)s”; it can no longer change."),
            code="in_use",
            params={"question": feature.label},
        )
    return feature


@transaction.atomic
def edit_question(
    *, actor: Any, feature: Feature, label: str, answers: list[Answer], key: str = ""
) -> Feature:
    """Reword a question and its answers while no applicant has answered it."""
    feature = _lock_question(feature)
    key = key.strip() or feature.key
    _check_question(feature.panel, key, label, exclude=feature.pk)
    labels = _answer_rows(answers)
    feature.key, feature.label = key, label.strip()
    feature.full_clean(exclude=["panel"])
    feature.save(update_fields=["key", "label"])
    _set_answers(feature, labels)
    record_event(
        actor=actor,
        action="panels.question_changed",
        target=feature,
        data={"key": key, "answers": [label for _k, label in labels]},
    )
    return feature


@transaction.atomic
def remove_question(*, actor: Any, feature: Feature) -> None:
    """Remove a question (and its quotas) while no applicant has answered it."""
    feature = _lock_question(feature)
    panel, key = feature.panel, feature.key
    feature.delete()
    record_event(actor=actor, action="panels.question_removed", target=panel, data={"key": key})


# Claim codes: drawn people without an account ---------------------------------------


def claim_code_hash(panel: CitizensPanel, code: str) -> str:
    return _keyed_hash("panels.claim", panel.pk, normalise_code(code))


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def issue_claim_codes(*, actor: Any, panel: CitizensPanel) -> list[tuple[Panelist, str]]:
    """One-time codes for the letters to drawn people who have no account.

    Each panelist and waiting reserve without an account and without a code gets
    one; only the keyed hash is stored, so the codes are returned once, for the
    letters. A resident who enters the code after logging in takes the seat over
    (:func:`claim_seat`).
    """
    if not Lottery.objects.filter(panel=panel, status=LotteryStatus.DONE).exists():
        raise ValidationError(_("Codes are issued after the draw."), code="not_drawn")
    panelists = list(
        Panelist.objects.select_for_update()
        .filter(
            panel=panel,
            user__isnull=True,
            claim_code_hash="",
            status__in=[PanelistStatus.INVITED, PanelistStatus.CONFIRMED, PanelistStatus.WAITING],
        )
        .select_related("respondent")
        .order_by("kind", "reserve_position", "anonymous_id")
    )
    now = timezone.now()
    issued: list[tuple[Panelist, str]] = []
    for panelist in panelists:
        code = _new_code()
        panelist.claim_code_hash = claim_code_hash(panel, code)
        panelist.claim_code_issued_at = now
        issued.append((panelist, code))
    Panelist.objects.bulk_update(panelists, ["claim_code_hash", "claim_code_issued_at"])
    record_event(
        actor=actor,
        action="panels.claim_codes_issued",
        target=panel,
        data={"panelists": [p.anonymous_id for p in panelists]},
    )
    return issued


@transaction.atomic
def claim_seat(*, actor: Any, panel: CitizensPanel, code: str) -> Panelist:
    """A drawn person enters the code from their letter and the seat becomes theirs:
    from then on they confirm, draft and vote like panelists who applied online."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to enter the code."))
    panelist = (
        Panelist.objects.select_for_update()
        .filter(panel=panel, claim_code_hash=claim_code_hash(panel, code))
        .first()
        if normalise_code(code)
        else None
    )
    if panelist is None:
        raise ValidationError(
            _("This code is not valid for this panel. Check the letter and type it again."),
            code="bad_code",
        )
    if panelist.claimed_at is not None or panelist.user_id is not None:
        raise ValidationError(_("This code has already been used."), code="used")
    if panelist.status in (PanelistStatus.DECLINED, PanelistStatus.DROPPED_OUT):
        raise ValidationError(
            _("This seat has been given up. Please contact the organisers."), code="not_seated"
        )
    if Panelist.objects.filter(panel=panel, user=actor).exists():
        raise ValidationError(
            _("Your account already holds a place on this panel."), code="already_seated"
        )
    respondent = Respondent.objects.select_for_update().get(pk=panelist.respondent_id)
    if Respondent.objects.filter(panel=panel, user=actor).exclude(pk=respondent.pk).exists():
        raise ValidationError(
            _("Your account has another application to this panel. Please contact the organisers."),
            code="other_application",
        )
    panelist.user = actor
    panelist.claimed_at = timezone.now()
    panelist.save(update_fields=["user", "claimed_at"])
    respondent.user = actor
    respondent.save(update_fields=["user"])
    record_event(
        actor=actor,
        action="panels.seat_claimed",
        target=panelist,
        data={"panelist": panelist.anonymous_id},
    )
    return panelist
