"""Pages of the local initiative: the pool and the public list, applying, the
committee's assessment and the decision, the agreement, realisation and the report."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.commons import contributions
from wiec.core.access import attach_errors, load, require
from wiec.core.pdf import html_to_pdf
from wiec.initiatives import selectors
from wiec.initiatives.forms import (
    AgreementForm,
    ApplicationForm,
    CityLines,
    DecisionForm,
    HoursForm,
    ReportForm,
    ResidentLines,
    ScoreForm,
    UpdateForm,
    draft_initial,
    items_of,
)
from wiec.initiatives.models import ApplicationStatus, Contact, Criterion, Timesheet
from wiec.initiatives.services import incubator
from wiec.initiatives.services import local as services


def _points(rows) -> str:
    return json.dumps(
        [
            {"lat": a.latitude, "lon": a.longitude, "title": a.title, "url": a.get_absolute_url()}
            for a in rows
            if a.latitude is not None and a.longitude is not None
        ]
    )


def index(request: HttpRequest) -> HttpResponse:
    city = selectors.city_or_404()
    pool = selectors.current_pool()
    realised = list(selectors.realised())
    rows = [(a, contributions.shares(a.ledger.items.all())) for a in realised]
    committed = services.committed_grosze(pool) if pool else 0
    in_assessment = selectors.applications().filter(status=ApplicationStatus.SUBMITTED)
    return render(
        request,
        "initiatives/index.html",
        {
            "pool": pool,
            "committed": committed,
            "left": pool.amount_grosze - committed if pool else 0,
            "realised": rows,
            "in_assessment": in_assessment,
            "points": _points(realised),
            "centre": [city.center_latitude, city.center_longitude],
            "contacts": Contact.objects.filter(city=city),
            "waiting": (
                incubator.waiting_for_advice(city)
                if request.user.has_perm("initiatives.view_drafts")
                else None
            ),
        },
    )


def apply(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The application form; also a saved draft's, to change it (``pk``)."""
    existing = None
    if pk is not None:
        existing = load(
            request,
            selectors.applications().filter(status=ApplicationStatus.DRAFT),
            "initiatives.edit_draft",
            pk=pk,
        )
        pool = existing.pool
    else:
        require(request, "initiatives.apply")
        pool = selectors.current_pool()
    if pool is None:
        messages.error(request, _("The city has not opened a local initiative pool yet."))
        return redirect("initiatives:index")
    data = request.POST if request.method == "POST" else None
    initial, resident_rows, city_rows = draft_initial(existing) if existing else ({}, [], [])
    form = ApplicationForm(data, pool=pool, initial=initial)
    residents = ResidentLines(data, prefix="residents", initial=resident_rows)
    city_lines = CityLines(data, prefix="city", initial=city_rows)
    shares = None
    if data is not None and form.is_valid() and residents.is_valid() and city_lines.is_valid():
        items = items_of(residents, city_lines)
        fields = {k: v for k, v in form.cleaned_data.items() if k != "total"}
        draft = services.Draft(total_grosze=form.cleaned_data["total"], **fields)
        try:
            if "preview" in request.POST:
                shares = services.check_draft(pool, draft, items)
            elif "save_draft" in request.POST or existing is not None:
                saved = incubator.save_draft(
                    actor=request.user, pool=pool, draft=draft, items=items, application=existing
                )
                messages.success(
                    request,
                    _("Your draft has been saved. Ask a coordinator or an ambassador for help."),
                )
                return redirect("initiatives:draft", pk=saved.pk)
            else:
                application = services.submit_application(
                    actor=request.user, pool=pool, draft=draft, items=items
                )
                messages.success(request, _("Your application has been filed."))
                return redirect(application)
        except ValidationError as error:
            attach_errors(form, error)
    return render(
        request,
        "initiatives/apply.html",
        {
            "pool": pool,
            "form": form,
            "residents": residents,
            "city_lines": city_lines,
            "shares": shares,
            "weights": pool.weights(),
            "criteria": Criterion.choices,
            "centre": f"{pool.city.center_latitude},{pool.city.center_longitude}",
            "existing": existing,
        },
    )


def _application(request: HttpRequest, pk: int, perm: str = "initiatives.view_application"):
    return load(request, selectors.applications(), perm, pk=pk)


def application(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _application(request, pk)
    if obj.status == ApplicationStatus.DRAFT:
        return redirect("initiatives:draft", pk=obj.pk)
    result, means = services.weighted_result(obj)
    logged, signed = services.hours_done(obj)
    return render(
        request,
        "initiatives/application.html",
        {
            "a": obj,
            "items": obj.ledger.items.all(),
            "shares": contributions.shares(obj.ledger.items.all()),
            "result": result,
            "means": [(label, means.get(key)) for key, label in Criterion.choices],
            "scores": obj.scores.select_related("assessor"),
            "updates": obj.updates.all(),
            "timesheets": obj.timesheets.all(),
            "hours_logged": logged,
            "hours_signed": signed,
            "agreement": obj.agreement_versions.first(),
            "points": _points([obj]),
            "centre": [obj.city.center_latitude, obj.city.center_longitude],
        },
    )


def assess(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _application(request, pk, "initiatives.assess")
    form = ScoreForm(request.POST or None, weights=obj.pool.weights())
    if request.method == "POST" and form.is_valid():
        try:
            services.assess(actor=request.user, application=obj, scores=form.scores())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your assessment has been saved."))
            return redirect("initiatives:decide", pk=obj.pk)
    return render(request, "initiatives/assess.html", {"a": obj, "form": form})


def decide(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _application(request, pk, "initiatives.decide")
    form = DecisionForm(request.POST or None)
    result, _means = services.weighted_result(obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide(actor=request.user, application=obj, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The decision has been saved and the group told."))
            return redirect(obj)
    return render(
        request,
        "initiatives/decide.html",
        {
            "a": obj,
            "form": form,
            "result": result,
            "scores": obj.scores.select_related("assessor"),
        },
    )


def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _application(request, pk, "initiatives.view_agreement")
    versions = list(obj.agreement_versions.select_related("author"))
    if not versions:
        messages.error(request, _("This application has no agreement."))
        return redirect(obj)
    form = None
    if request.user.has_perm("initiatives.edit_agreement", obj):
        form = AgreementForm(request.POST or None, clauses=versions[0].clauses)
        if request.method == "POST" and form.is_valid():
            texts = {k: v for k, v in form.cleaned_data.items() if k != "note"}
            try:
                services.revise_agreement(
                    actor=request.user,
                    application=obj,
                    texts=texts,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("A new version of the agreement has been saved."))
                return redirect("initiatives:agreement", pk=obj.pk)
    return render(
        request,
        "initiatives/agreement.html",
        {"a": obj, "current": versions[0], "versions": versions, "form": form},
    )


def agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _application(request, pk, "initiatives.view_agreement")
    version = obj.agreement_versions.first()
    if version is None:
        return redirect(obj)
    html = render_to_string(
        "initiatives/agreement_print.html",
        {
            "a": obj,
            "version": version,
            "city": obj.city,
            "items": obj.ledger.items.all(),
            "shares": contributions.shares(obj.ledger.items.all()),
        },
        request=request,
    )
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"), tagged=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="umowa-inicjatywa-{obj.pk}-v{version.number}.pdf"'
    )
    return response


def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's realisation page: updates with photos, hours, the final report."""
    obj = _application(request, pk, "initiatives.report")
    update_form = UpdateForm(prefix="u")
    hours_form = HoursForm(prefix="h")
    report_form = ReportForm(prefix="r")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "update":
                update_form = UpdateForm(request.POST, request.FILES, prefix="u")
                if update_form.is_valid():
                    services.add_update(
                        actor=request.user, application=obj, **update_form.cleaned_data
                    )
                    messages.success(request, _("The update has been published."))
                    return redirect("initiatives:report", pk=obj.pk)
            elif action == "hours":
                hours_form = HoursForm(request.POST, prefix="h")
                if hours_form.is_valid():
                    services.log_hours(
                        actor=request.user, application=obj, **hours_form.cleaned_data
                    )
                    messages.success(request, _("The hours have been logged."))
                    return redirect("initiatives:report", pk=obj.pk)
            elif action == "report":
                report_form = ReportForm(request.POST, prefix="r")
                if report_form.is_valid():
                    services.file_report(
                        actor=request.user, application=obj, **report_form.cleaned_data
                    )
                    messages.success(
                        request, _("Thank you: the initiative is on the list of realised ones.")
                    )
                    return redirect(obj)
        except ValidationError as error:
            target = {"update": update_form, "hours": hours_form}.get(action, report_form)
            attach_errors(target, error)
    logged, signed = services.hours_done(obj)
    return render(
        request,
        "initiatives/report.html",
        {
            "a": obj,
            "update_form": update_form,
            "hours_form": hours_form,
            "report_form": report_form,
            "timesheets": obj.timesheets.all(),
            "hours_logged": logged,
            "hours_signed": signed,
        },
    )


@require_POST
def sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        Timesheet.objects.select_related("application"),
        pk=pk,
        application__city=selectors.city_or_404(),
    )
    require(request, "initiatives.sign_off_hours", entry.application)
    services.sign_off_hours(actor=request.user, entry=entry)
    messages.success(request, _("The hours have been signed off."))
    return redirect(entry.application)
