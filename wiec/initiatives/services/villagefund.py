"""The village fund: allocations from the statute's formula, the assembly's request,
the wójt's decision, realisation (ustawa o funduszu sołeckim)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from wiec.commons.money import format_pln
from wiec.core.access import ensure
from wiec.core.services import record_event
from wiec.initiatives.models import (
    Allocation,
    AssemblyRequest,
    AssemblyRequestStatus,
    FundYear,
    Solectwo,
    fund_amount,
)


@transaction.atomic
def allocate(
    *,
    actor: Any,
    fund_year: FundYear,
    solectwo: Solectwo,
    residents: int,
    residents_as_of: datetime.date,
) -> Allocation:
    """The sołectwo's amount from the formula (art. 3 ust. 1), with Lm's date."""
    ensure(actor, "initiatives.manage")
    allocation, _created = Allocation.objects.update_or_create(
        fund_year=fund_year,
        solectwo=solectwo,
        defaults={
            "residents": residents,
            "residents_as_of": residents_as_of,
            "amount_grosze": fund_amount(residents, fund_year.kb_grosze),
        },
    )
    record_event(actor=actor, action="initiatives.fund_allocated", target=allocation)
    return allocation


@transaction.atomic
def file_request(
    *,
    actor: Any,
    allocation: Allocation,
    assembly_on: datetime.date,
    convened_by: str,
    tasks: list[dict[str, Any]],
    justification: str,
    today: datetime.date | None = None,
) -> AssemblyRequest:
    """The assembly's request, by 30 September of the year before (art. 5 ust. 1)."""
    ensure(actor, "initiatives.file_assembly_request", allocation)
    today = today or timezone.localdate()
    due = allocation.fund_year.deadlines()["request"]
    if today > due:
        raise ValidationError(
            _(
                "The request for the %(year)s budget had to reach the wójt by %(due)s "
                "(art. 5 ust. 1 of the village fund act); it can no longer be filed."
            ),
            code="too_late",
            params={
                "year": allocation.fund_year.budget_year,
                "due": formats.date_format(due, "j E Y"),
            },
        )
    if assembly_on > today:
        raise ValidationError(
            {"assembly_on": _("The assembly must have adopted the request already.")},
            code="assembly_future",
        )
    if not tasks:
        raise ValidationError(_("List at least one task with its cost."), code="no_tasks")
    total = sum(t["cost_grosze"] for t in tasks)
    if total > allocation.total_grosze:
        raise ValidationError(
            _("The tasks cost %(total)s, more than the sołectwo's fund of %(fund)s."),
            code="over_fund",
            params={"total": format_pln(total), "fund": format_pln(allocation.total_grosze)},
        )
    request = AssemblyRequest(
        allocation=allocation,
        assembly_on=assembly_on,
        convened_by=convened_by,
        tasks=tasks,
        justification=justification.strip(),
        filed_by=actor,
        filed_on=today,
    )
    request.full_clean(exclude=["allocation", "filed_by"])
    request.save()
    record_event(actor=actor, action="initiatives.assembly_request_filed", target=request)
    return request


@transaction.atomic
def decide(*, actor: Any, request: AssemblyRequest, accept: bool, reasons: str) -> AssemblyRequest:
    """The wójt accepts the request or refuses it with reasons (art. 5 ust. 4)."""
    ensure(actor, "initiatives.decide_assembly_request", request)
    if request.status != AssemblyRequestStatus.FILED:
        raise ValidationError(_("This request has been decided already."), code="decided")
    reasons = (reasons or "").strip()
    if not accept and not reasons:
        raise ValidationError({"reasons": _("Give the reasons for the refusal.")}, code="reasons")
    request.status = AssemblyRequestStatus.ACCEPTED if accept else AssemblyRequestStatus.REFUSED
    request.decision_reasons = reasons
    request.decided_on = timezone.localdate()
    request.save(update_fields=["status", "decision_reasons", "decided_on"])
    record_event(
        actor=actor,
        action="initiatives.assembly_request_decided",
        target=request,
        data={"accept": accept},
    )
    return request


@transaction.atomic
def record_progress(
    *, actor: Any, request: AssemblyRequest, progress: str, realised: bool
) -> AssemblyRequest:
    ensure(actor, "initiatives.decide_assembly_request", request)
    if request.status not in (AssemblyRequestStatus.ACCEPTED, AssemblyRequestStatus.REALISED):
        raise ValidationError(_("Only an accepted request is carried out."), code="not_accepted")
    request.progress = progress.strip()
    if realised:
        request.status = AssemblyRequestStatus.REALISED
    request.save(update_fields=["progress", "status"])
    record_event(actor=actor, action="initiatives.assembly_request_progress", target=request)
    return request


def census_day(budget_year: int) -> datetime.date:
    """Art. 3 ust. 1: Lm is counted on 30 June of the year before the budget year."""
    return datetime.date(budget_year - 1, 6, 30)


@transaction.atomic
def save_fund_year(
    *,
    actor: Any,
    city: Any,
    fund_year: FundYear | None = None,
    residents: list[tuple[Solectwo, int, datetime.date | None]] = (),
    **fields: Any,
) -> FundYear:
    """Open a budget year of the fund or change it: the council's consent, Kb with its
    date, and each sołectwo's Lm; every amount is computed again from the formula.

    Refused with a reason: a second fund for the same budget year, Lm counted on another
    day than 30 June of the year before, a Kb that would make a sołectwo's fund smaller
    than what its assembly has already requested.
    """
    ensure(actor, "initiatives.manage")
    if fund_year is None:
        fund_year = FundYear(city=city)
    else:
        fund_year = FundYear.objects.select_for_update().get(pk=fund_year.pk, city=city)
    for name, value in fields.items():
        setattr(fund_year, name, value)
    taken = FundYear.objects.filter(city=city, budget_year=fund_year.budget_year)
    if taken.exclude(pk=fund_year.pk).exists():
        raise ValidationError(
            {
                "budget_year": ValidationError(
                    _("The fund for %(year)s is already open; change that one."),
                    params={"year": fund_year.budget_year},
                )
            },
            code="year_taken",
        )
    fund_year.full_clean(exclude=["city"])
    fund_year.save()
    day = census_day(fund_year.budget_year)
    given = {solectwo.pk: (lm, as_of or day) for solectwo, lm, as_of in residents}
    for solectwo, _lm, as_of in residents:
        if solectwo.city_id != city.pk:
            raise ValidationError(_("This sołectwo is not in the gmina."), code="other_city")
        if (as_of or day) != day:
            raise ValidationError(
                _(
                    "%(solectwo)s: Lm is the number of residents on %(day)s "
                    "(art. 3 ust. 1 of the village fund act), not on %(given)s."
                ),
                code="census_day",
                params={
                    "solectwo": solectwo.name,
                    "day": formats.date_format(day, "j E Y"),
                    "given": formats.date_format(as_of, "j E Y"),
                },
            )
    for solectwo in Solectwo.objects.filter(pk__in=given):
        lm, as_of = given[solectwo.pk]
        Allocation.objects.update_or_create(
            fund_year=fund_year,
            solectwo=solectwo,
            defaults={"residents": lm, "residents_as_of": as_of, "amount_grosze": 0},
        )
    for allocation in fund_year.allocations.select_related("solectwo"):
        allocation.amount_grosze = fund_amount(allocation.residents, fund_year.kb_grosze)
        allocation.save(update_fields=["amount_grosze"])
        requested = sum(
            r.total_grosze
            for r in allocation.requests.exclude(status=AssemblyRequestStatus.REFUSED)
        )
        if requested > allocation.total_grosze:
            raise ValidationError(
                _(
                    "%(solectwo)s would get %(fund)s, less than its village assembly has "
                    "already requested (%(requested)s)."
                ),
                code="below_requested",
                params={
                    "solectwo": allocation.solectwo.name,
                    "fund": format_pln(allocation.total_grosze),
                    "requested": format_pln(requested),
                },
            )
    record_event(actor=actor, action="initiatives.fund_year_saved", target=fund_year)
    return fund_year
