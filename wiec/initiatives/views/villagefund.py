"""Pages of the village fund: the amounts and how they are computed, the deadlines, the
village assembly's request, the wójt's decision and realisation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wiec.core.access import attach_errors, load
from wiec.initiatives import selectors
from wiec.initiatives.forms import (
    AssemblyRequestForm,
    CalculatorForm,
    FundDecisionForm,
    ProgressForm,
    TaskLines,
)
from wiec.initiatives.models import (
    Allocation,
    AssemblyRequest,
    AssemblyRequestStatus,
    FundYear,
    fund_amount,
)
from wiec.initiatives.services import villagefund as services


def index(request: HttpRequest) -> HttpResponse:
    city = selectors.city_or_404()
    years = FundYear.objects.filter(city=city).prefetch_related(
        "allocations__solectwo", "allocations__requests"
    )
    calculator = CalculatorForm(request.GET or None)
    computed = None
    if request.GET and calculator.is_valid():
        data = calculator.cleaned_data
        computed = fund_amount(data["residents"], data["kb"])
    return render(
        request,
        "initiatives/villagefund.html",
        {"years": years, "calculator": calculator, "computed": computed},
    )


def _allocations():
    return Allocation.objects.filter(fund_year__city=selectors.city_or_404()).select_related(
        "fund_year", "solectwo"
    )


def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = load(request, _allocations(), "initiatives.file_assembly_request", pk=pk)
    data = request.POST if request.method == "POST" else None
    form = AssemblyRequestForm(data)
    lines = TaskLines(data, prefix="tasks")
    if data is not None and form.is_valid() and lines.is_valid():
        tasks = [
            {"task": f.cleaned_data["task"], "cost_grosze": f.cleaned_data["cost"]}
            for f in lines
            if f.cleaned_data.get("task") and f.cleaned_data.get("cost")
        ]
        try:
            filed = services.file_request(
                actor=request.user, allocation=allocation, tasks=tasks, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The request has been sent to the wójt."))
            return redirect("initiatives:fund_request", pk=filed.pk)
    return render(
        request,
        "initiatives/villagefund_request_form.html",
        {"allocation": allocation, "form": form, "lines": lines},
    )


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = load(
        request,
        AssemblyRequest.objects.filter(
            allocation__fund_year__city=selectors.city_or_404()
        ).select_related("allocation__solectwo", "allocation__fund_year"),
        pk=pk,
    )
    can_decide = request.user.has_perm("initiatives.decide_assembly_request", obj)
    decision = FundDecisionForm(prefix="d")
    progress = ProgressForm(prefix="p", initial={"progress": obj.progress})
    # Which form was sent follows from the request's status, not from a field of it: a
    # decision sent without a choice has no "d-accept" and was taken for the realisation.
    deciding = obj.status == AssemblyRequestStatus.FILED
    if request.method == "POST" and can_decide:
        try:
            if deciding:
                decision = FundDecisionForm(request.POST, prefix="d")
                if decision.is_valid():
                    services.decide(actor=request.user, request=obj, **decision.cleaned_data)
                    messages.success(request, _("The decision has been saved."))
                    return redirect("initiatives:fund_request", pk=obj.pk)
            else:
                progress = ProgressForm(request.POST, prefix="p")
                if progress.is_valid():
                    services.record_progress(
                        actor=request.user, request=obj, **progress.cleaned_data
                    )
                    messages.success(request, _("The realisation has been updated."))
                    return redirect("initiatives:fund_request", pk=obj.pk)
        except ValidationError as error:
            attach_errors(decision if deciding else progress, error)
    return render(
        request,
        "initiatives/villagefund_request.html",
        {"r": obj, "can_decide": can_decide, "decision": decision, "progress": progress},
    )
