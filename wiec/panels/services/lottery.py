"""The lottery: the seed announced first, then the draw, its progress and seats."""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wiec.core.services import notify, record_event
from wiec.panels import adapters
from wiec.panels.models import (
    CitizensPanel,
    Lottery,
    LotteryStatus,
    Panelist,
    PanelistKind,
    PanelistStatus,
    Respondent,
    anonymous_id,
)
from wiec.panels.phases import PanelPhase


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
    if panel.phase in (PanelPhase.ANNOUNCED, PanelPhase.RECRUITMENT):
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
