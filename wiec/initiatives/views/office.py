"""The office's screens: a year's local initiative pool and a village fund year."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wiec.commons.money import format_pln
from wiec.core.access import attach_errors, require
from wiec.initiatives import selectors
from wiec.initiatives.forms import FundYearForm, PoolForm, ResidentsLines
from wiec.initiatives.models import FundYear, InitiativePool, Solectwo, deadlines
from wiec.initiatives.services import local as local_services
from wiec.initiatives.services import villagefund as fund_services


def pools(request: HttpRequest) -> HttpResponse:
    require(request, "initiatives.manage")
    rows = []
    for pool in InitiativePool.objects.filter(city=selectors.city_or_404()):
        committed = local_services.committed_grosze(pool)
        rows.append((pool, committed, pool.amount_grosze - committed))
    return render(request, "initiatives/pools.html", {"rows": rows})


def pool_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request, "initiatives.manage")
    city = selectors.city_or_404()
    pool = get_object_or_404(InitiativePool, pk=pk, city=city) if pk else None
    if pool is not None:
        initial = {name: getattr(pool, name) for name in local_services.POOL_FIELDS}
        initial["amount_grosze"] = format_pln(pool.amount_grosze)
        initial["work_rate_grosze"] = format_pln(pool.work_rate_grosze)
    else:
        latest = InitiativePool.objects.filter(city=city).first()
        initial = {
            "year": (latest.year + 1) if latest else None,
            "weight_work": 40,
            "weight_other": 20,
            "weight_usefulness": 25,
            "weight_feasibility": 15,
        }
    form = PoolForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = local_services.save_pool(
                actor=request.user, city=city, pool=pool, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("The pool for %(year)s has been saved.") % {"year": saved.year}
            )
            return redirect("initiatives:pools")
    committed = local_services.committed_grosze(pool) if pool else 0
    return render(
        request,
        "initiatives/pool_form.html",
        {"pool": pool, "form": form, "committed": committed},
        status=400 if form.errors else 200,
    )


def fund_year_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request, "initiatives.manage")
    city = selectors.city_or_404()
    fund = get_object_or_404(FundYear, pk=pk, city=city) if pk else None
    solectwa = list(Solectwo.objects.filter(city=city))
    if fund is not None:
        initial = {
            "budget_year": fund.budget_year,
            "council_resolution": fund.council_resolution,
            "kb_grosze": format_pln(fund.kb_grosze),
            "kb_as_of": fund.kb_as_of,
        }
        existing = {a.solectwo_id: a for a in fund.allocations.all()}
    else:
        latest = FundYear.objects.filter(city=city).first()
        initial = {"budget_year": (latest.budget_year + 1) if latest else None}
        existing = {}
    lines_initial = [
        {
            "solectwo": s.pk,
            "residents": existing[s.pk].residents if s.pk in existing else None,
            "residents_as_of": existing[s.pk].residents_as_of if s.pk in existing else None,
        }
        for s in solectwa
    ]
    data = request.POST if request.method == "POST" else None
    form = FundYearForm(data, initial=initial)
    lines = ResidentsLines(data, prefix="lm", initial=lines_initial)
    if data is not None and form.is_valid() and lines.is_valid():
        by_pk = {s.pk: s for s in solectwa}
        residents = [
            (
                by_pk[f.cleaned_data["solectwo"]],
                f.cleaned_data["residents"],
                f.cleaned_data.get("residents_as_of"),
            )
            for f in lines
            if f.cleaned_data.get("solectwo") in by_pk
            and f.cleaned_data.get("residents") is not None
        ]
        try:
            saved = fund_services.save_fund_year(
                actor=request.user,
                city=city,
                fund_year=fund,
                residents=residents,
                **form.cleaned_data,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("The village fund for %(year)s has been saved and the amounts computed.")
                % {"year": saved.budget_year},
            )
            return redirect("initiatives:villagefund")
    posted = getattr(form, "cleaned_data", {}).get("budget_year")
    year = posted or (fund.budget_year if fund else initial.get("budget_year"))
    return render(
        request,
        "initiatives/fund_year_form.html",
        {
            "fund": fund,
            "form": form,
            "lines": list(zip(solectwa, lines, strict=False)),
            "management_form": lines.management_form,
            "deadlines": deadlines(year) if year else None,
            "census_day": fund_services.census_day(year) if year else None,
            "total": fund.allocations.aggregate(t=Sum("amount_grosze"))["t"] if fund else None,
        },
        status=400 if form.errors or (data is not None and not lines.is_valid()) else 200,
    )
