"""Carrying out the selected projects (realizacja): status, progress, cost, updates."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.budgets.models import Implementation, ImplementationUpdate, ProjectProgress
from wiec.budgets.validators import validate_image
from wiec.core.access import ensure
from wiec.core.services import record_event


@transaction.atomic
def report_progress(
    *,
    actor: Any,
    implementation: Implementation,
    status: str,
    percent_done: int,
    text: str,
    day: datetime.date | None = None,
    actual_cost: int | None = None,
    photo: Any = None,
) -> ImplementationUpdate:
    ensure(actor, "budgets.report_implementation", implementation)
    errors = {}
    if status not in ProjectProgress.values:
        errors["status"] = ValidationError(_("Choose a status."), code="status")
    if not 0 <= percent_done <= 100:
        errors["percent_done"] = ValidationError(
            _("Give a percentage from 0 to 100."), code="percent"
        )
    if actual_cost is not None and actual_cost < 0:
        errors["actual_cost"] = ValidationError(_("The cost cannot be negative."), code="cost")
    if not (text or "").strip():
        errors["text"] = ValidationError(_("Say what happened."), code="text")
    if photo is not None:
        try:
            validate_image(photo)
        except ValidationError as error:
            errors["photo"] = error
    if errors:
        raise ValidationError(errors)
    implementation.status = status
    implementation.percent_done = percent_done
    if actual_cost is not None:
        implementation.actual_cost = actual_cost
    implementation.updated_at = timezone.now()
    implementation.save(update_fields=["status", "percent_done", "actual_cost", "updated_at"])
    update = ImplementationUpdate.objects.create(
        implementation=implementation,
        day=day or timezone.localdate(),
        text=text.strip(),
        photo=photo or "",
        author=actor,
    )
    record_event(
        actor=actor,
        action="budgets.implementation_reported",
        target=implementation.proposal,
        data={"status": status, "percent": percent_done},
    )
    return update
