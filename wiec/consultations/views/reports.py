"""The report on a consultation: the page, its PDF, and publishing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from wiec.consultations import forms as f
from wiec.consultations import selectors, services
from wiec.consultations.models import Consultation
from wiec.consultations.views.common import charted, consultation_or_404, posted_data
from wiec.core.access import attach_errors, require
from wiec.core.charts import bar_chart
from wiec.core.pdf import html_to_pdf


def report_context(request: HttpRequest, consultation: Consultation) -> dict[str, Any]:
    published = getattr(consultation, "report", None)
    if published is None and not request.user.has_perm(
        "consultations.manage_consultation", consultation
    ):
        raise Http404(_("The report has not been published yet."))
    data = selectors.report_data(consultation)
    surveys = [(s, n, charted(results)) for s, n, results in data.surveys]
    return {
        "consultation": consultation,
        "report": published,
        "data": data,
        "surveys": surveys,
        "district_chart": bar_chart(data.participation.by_district, title=_("By district")),
        "age_chart": bar_chart(data.participation.by_age, title=_("By age group")),
    }


def report(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    context = report_context(request, consultation)
    context["can_publish"] = request.user.has_perm("consultations.publish_report", consultation)
    return render(request, "consultations/report.html", context)


def report_html(request: HttpRequest, consultation: Consultation) -> str:
    """The HTML the PDF is printed from."""
    return render_to_string(
        "consultations/report_pdf.html", report_context(request, consultation), request=request
    )


def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    pdf = html_to_pdf(report_html(request, consultation), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="raport-{consultation.slug}.pdf"'
    return response


def report_publish(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    require(request, "consultations.manage_consultation", consultation)
    form = f.PublishForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_report(
                actor=request.user,
                consultation=consultation,
                conclusions=form.cleaned_data["conclusions"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The report has been published."))
            return redirect("consultations:report", slug=slug)
    return render(
        request,
        "consultations/report_publish.html",
        {
            "consultation": consultation,
            "form": form,
            "unanswered": consultation.remarks.visible().unanswered().count(),
        },
    )
