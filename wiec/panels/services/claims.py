"""Claim codes: drawn people without an account take their seat."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.core.services import record_event
from wiec.panels.models import (
    CitizensPanel,
    Lottery,
    LotteryStatus,
    Panelist,
    PanelistStatus,
    Respondent,
)
from wiec.panels.services.common import CODE_ALPHABET, CODE_LENGTH, _keyed_hash, normalise_code


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
