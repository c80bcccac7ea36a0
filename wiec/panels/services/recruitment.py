"""Recruitment: invitation codes, applications and imported pools."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.core.services import record_event
from wiec.core.tables import read_rows
from wiec.panels.models import (
    CitizensPanel,
    Feature,
    InvitationCode,
    Respondent,
    Source,
)
from wiec.panels.phases import PanelPhase
from wiec.panels.services.common import CODE_ALPHABET, CODE_LENGTH, code_hash, household_hash


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
    if panel.phase != PanelPhase.RECRUITMENT:
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
