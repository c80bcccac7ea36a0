"""The annual plan of consultations: the page and its editing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.consultations import forms as f
from wiec.consultations import selectors, services
from wiec.consultations.models import AnnualPlan, Consultation
from wiec.consultations.views.common import city_or_404, posted_data
from wiec.core.access import attach_errors, permission_required


def plan(request: HttpRequest, year: int | None = None) -> HttpResponse:
    city = city_or_404()
    year = year or timezone.localdate().year
    annual_plan = AnnualPlan.objects.filter(city=city, year=year).first()
    consultations = (
        annual_plan.consultations.select_related("topic", "district")
        if annual_plan
        else Consultation.objects.none()
    )
    return render(
        request,
        "consultations/plan_detail.html",
        {
            "year": year,
            "plan": annual_plan,
            "consultations": consultations.order_by("starts_on"),
            "years": AnnualPlan.objects.filter(city=city).values_list("year", flat=True),
            "evaluation": selectors.evaluation_by_year(city, year),
        },
    )


@permission_required("consultations.manage_plan")
def plan_edit(request: HttpRequest, year: int | None = None) -> HttpResponse:
    city = city_or_404()
    plan = get_object_or_404(AnnualPlan, city=city, year=year) if year else None
    initial = {} if plan else {"year": timezone.localdate().year + 1}
    form = f.AnnualPlanForm(posted_data(request), instance=plan, initial=initial, city=city)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.save_annual_plan(
                actor=request.user,
                city=city,
                plan=AnnualPlan.objects.get(pk=plan.pk) if plan else None,
                year=data["year"],
                introduction=data["introduction"],
                adopted_on=data["adopted_on"],
                consultations=data["consultations"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The annual plan has been saved."))
            return redirect(saved.get_absolute_url())
    return render(request, "consultations/plan_form.html", {"form": form, "plan": plan})
