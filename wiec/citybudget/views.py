"""The open city budget: where the money goes (public) and the upload (the office)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wiec.citybudget import selectors, services
from wiec.citybudget.forms import UploadForm
from wiec.core.access import attach_errors, require
from wiec.core.charts import bar_chart
from wiec.places.selectors import current_city


def _city():
    city = current_city()
    if city is None:
        raise Http404
    return city


def index(request: HttpRequest) -> HttpResponse:
    city = _city()
    years = selectors.years(city)
    if years:
        return redirect("citybudget:year", year=years[0])
    return render(
        request,
        "citybudget/year.html",
        {
            "summary": None,
            "years": [],
            "can_upload": request.user.has_perm("citybudget.upload_report"),
        },
    )


def _short(label: str, width: int = 21) -> str:
    """A chart's label fits beside its bar; the table beside the chart has it whole."""
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def _zl(grosze: int) -> float:
    return round(grosze / 100, 2)


def year_page(request: HttpRequest, year: int) -> HttpResponse:
    city = _city()
    summary = selectors.summary(city, year)
    if summary.report is None:
        raise Http404
    whole = _("the whole municipality")
    for row in summary.by_district:
        row.label = row.label or whole
    charts = {
        "dzial": bar_chart(
            [(_short(r.label), _zl(r.plan) / 1e6) for r in summary.by_dzial],
            title=_("Plan by area (dział), million złoty"),
            chart_id="chart-dzial",
        ),
        "district": bar_chart(
            [(_short(r.label), _zl(r.plan) / 1e6) for r in summary.by_district],
            title=_("Plan by district, million złoty"),
            chart_id="chart-district",
        ),
        "quarter": bar_chart(
            [(r.label, round(r.percent, 1)) for r in summary.by_quarter],
            title=_("Executed by the end of each quarter, per cent of the plan"),
            chart_id="chart-quarter",
            unit=" %",
        )
        if summary.by_quarter
        else None,
    }
    return render(
        request,
        "citybudget/year.html",
        {
            "summary": summary,
            "charts": charts,
            "years": selectors.years(city),
            "can_upload": request.user.has_perm("citybudget.upload_report"),
        },
    )


def upload(request: HttpRequest) -> HttpResponse:
    require(request, "citybudget.upload_report")
    city = _city()
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.import_report(
                actor=request.user,
                city=city,
                year=data["year"],
                quarter=data["quarter"],
                raw=data["file"].read(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("The file has been read: %(n)s lines.") % {"n": report.lines.count()},
            )
            return redirect("citybudget:year", year=report.year)
    return render(request, "citybudget/upload.html", {"form": form})
