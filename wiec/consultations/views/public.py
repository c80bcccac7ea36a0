"""The public pages: the register, a consultation's card and document, the evaluation."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.consultations import forms as f
from wiec.consultations import selectors, services
from wiec.consultations.models import AnnualPlan, Registration, Remark, Topic
from wiec.consultations.rendering import render_markdown
from wiec.consultations.views.common import city_or_404, consultation_or_404, posted_data
from wiec.core.access import attach_errors
from wiec.core.numbers import page_number
from wiec.places.selectors import districts_of


def consultation_register(request: HttpRequest) -> HttpResponse:
    city = city_or_404()
    form = f.RegisterFilterForm(
        request.GET or None,
        topics=Topic.objects.filter(city=city),
        districts=districts_of(city),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    consultations = (
        selectors.register(
            city,
            topic=filters.get("topic", ""),
            district=filters.get("district", ""),
            status=filters.get("status", ""),
        )
        .annotate(remark_count=Count("remarks", filter=Q(remarks__hidden=False)))
        .order_by("-starts_on", "title")
    )
    page = Paginator(consultations, 20).get_page(page_number(request))
    return render(
        request,
        "consultations/consultation_list.html",
        {"form": form, "page": page, "plans": AnnualPlan.objects.filter(city=city)},
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    user = request.user
    registered = set()
    if user.is_authenticated:
        registered = set(
            Registration.objects.filter(meeting__consultation=consultation, user=user).values_list(
                "meeting_id", flat=True
            )
        )
    meetings = consultation.meetings.annotate(taken=Count("registrations")).prefetch_related(
        "materials"
    )
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            "phase": consultation.phase(),
            "report": getattr(consultation, "report", None),
            "surveys": consultation.surveys.all(),
            "meetings": meetings,
            "registered": registered,
            "paragraph_count": consultation.paragraphs.count(),
            "remark_count": consultation.remarks.visible().count(),
            "can_take_part": user.has_perm("consultations.take_part", consultation),
            "can_manage": user.has_perm("consultations.manage_consultation", consultation),
            "can_evaluate": user.has_perm("consultations.evaluate", consultation),
            "now": timezone.now(),
        },
    )


def document(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole document on one page, each paragraph with its remarks and a form."""
    consultation = consultation_or_404(slug)
    paragraphs = consultation.paragraphs.prefetch_related(
        Prefetch(
            "remarks",
            queryset=Remark.objects.visible().select_related("author").order_by("created_at"),
            to_attr="visible_remarks",
        )
    )
    opened = request.GET.get("akapit", "")
    rows = [
        {
            "paragraph": p,
            "heading": render_markdown(demote_headings(p.heading)) if p.heading else "",
            "html": render_markdown(p.body) if p.body else "",
            "remarks": p.visible_remarks,
            "form": f.RemarkForm(auto_id=f"p{p.position}-%s"),
            "open": opened == str(p.position),
        }
        for p in paragraphs
    ]
    return render(
        request,
        "consultations/document.html",
        {
            "consultation": consultation,
            "phase": consultation.phase(),
            "rows": rows,
            "can_take_part": request.user.has_perm("consultations.take_part", consultation),
            "can_moderate": request.user.has_perm("consultations.moderate_remark"),
        },
    )


def demote_headings(markdown_text: str) -> str:
    """One level down (``#`` becomes ``##``): the page's own title is the only h1."""
    markdown_text = re.sub(r"^(.+)\n {0,3}=+\s*$", r"# \1", markdown_text, flags=re.MULTILINE)
    markdown_text = re.sub(r"^(.+)\n {0,3}-+\s*$", r"## \1", markdown_text, flags=re.MULTILINE)
    return re.sub(r"^( {0,3})(#{1,5})(?=\s|$)", r"\1#\2", markdown_text, flags=re.MULTILINE)


@login_required
def evaluate(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    form = f.EvaluationForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_evaluation(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Thank you for your evaluation."))
            return redirect(consultation.get_absolute_url())
    return render(
        request, "consultations/evaluation_form.html", {"consultation": consultation, "form": form}
    )
