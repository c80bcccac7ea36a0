"""The annual plan of consultations."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wiec.consultations.models import AnnualPlan, Consultation
from wiec.core.access import ensure
from wiec.core.services import record_event
from wiec.places.models import City


@transaction.atomic
def save_annual_plan(
    *,
    actor: Any,
    city: City,
    plan: AnnualPlan | None = None,
    year: int,
    introduction: str = "",
    adopted_on: datetime.date | None = None,
    consultations: Iterable[Consultation] = (),
) -> AnnualPlan:
    """Create or change the roczny plan konsultacji and choose the consultations in it."""
    ensure(actor, "consultations.manage_plan")
    taken = AnnualPlan.objects.filter(city=city, year=year)
    if plan is not None:
        taken = taken.exclude(pk=plan.pk)
    if taken.exists():
        raise ValidationError(
            _("The plan for %(year)s already exists; change it instead."),
            code="plan_exists",
            params={"year": year},
        )
    created = plan is None
    plan = plan or AnnualPlan(city=city)
    plan.year, plan.introduction, plan.adopted_on = year, (introduction or "").strip(), adopted_on
    plan.save()
    chosen = [c.pk for c in consultations if c.city_id == city.pk]
    Consultation.objects.filter(plan=plan).exclude(pk__in=chosen).update(plan=None)
    Consultation.objects.filter(pk__in=chosen).update(plan=plan)
    record_event(
        actor=actor,
        action="consultations.plan_created" if created else "consultations.plan_changed",
        target=plan,
        data={"year": year, "consultations": chosen},
    )
    return plan
