"""Pages of the citizens' resolution initiative (art. 41a u.s.g.)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.commons import signatures
from wiec.commons.forms import CheckForm, PaperSignatureForm
from wiec.commons.models import Signature, SignatureStatus
from wiec.core.access import attach_errors, load, require
from wiec.core.pdf import html_to_pdf
from wiec.initiatives import selectors
from wiec.initiatives.forms import OutcomeForm, RegisterForm, ResolutionRulesForm
from wiec.initiatives.models import ResolutionInitiative, statutory_threshold
from wiec.initiatives.services import resolutions as services
from wiec.places import localities


def _initiatives():
    return ResolutionInitiative.objects.filter(city=selectors.city_or_404()).select_related(
        "collection", "city"
    )


def _load(request: HttpRequest, pk: int, perm: str | None = None) -> ResolutionInitiative:
    return load(request, _initiatives(), perm, pk=pk)


def index(request: HttpRequest) -> HttpResponse:
    city = selectors.city_or_404()
    rows = [(i, signatures.tally(i.collection)) for i in _initiatives()]
    return render(
        request,
        "initiatives/resolutions.html",
        {"rules": services.rules_of(city), "rows": rows, "city": city},
    )


def rules_edit(request: HttpRequest) -> HttpResponse:
    require(request, "initiatives.manage")
    city = selectors.city_or_404()
    current = services.rules_of(city)
    initial = (
        {
            "resolution_title": current.resolution_title,
            "threshold": current.threshold,
            "online_counts": current.online_counts,
            "promotion_rules": current.promotion_rules,
            "list_rules": current.list_rules,
        }
        if current
        else {"threshold": statutory_threshold(city.population)}
    )
    form = ResolutionRulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_rules(actor=request.user, city=city, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The rules have been saved."))
            return redirect("initiatives:resolutions")
    return render(
        request,
        "initiatives/resolution_rules.html",
        {"form": form, "minimum": statutory_threshold(city.population), "city": city},
    )


def register(request: HttpRequest) -> HttpResponse:
    require(request, "initiatives.register_resolution")
    city = selectors.city_or_404()
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.register(actor=request.user, city=city, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The committee is registered; collect signatures."))
            return redirect(initiative)
    return render(
        request,
        "initiatives/resolution_register.html",
        {"form": form, "rules": services.rules_of(city)},
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _load(request, pk)
    mine = request.user.has_perm("initiatives.enter_signatures", initiative)
    return render(
        request,
        "initiatives/resolution.html",
        {
            "i": initiative,
            "tally": signatures.tally(initiative.collection),
            "rules": services.rules_of(initiative.city),
            "can_enter": mine,
            "supported": request.user.is_authenticated
            and initiative.collection.signatures.filter(user=request.user).exists(),
            "members": initiative.members.splitlines(),
            "representatives": initiative.representatives.splitlines(),
        },
    )


@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _load(request, pk)
    try:
        services.support_online(actor=request.user, initiative=initiative)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: your support has been recorded."))
    return redirect(initiative)


def paper_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable list: the draft's title on every sheet (a list without it is void)."""
    initiative = _load(request, pk, "initiatives.enter_signatures")
    html = render_to_string(
        "initiatives/resolution_list_print.html",
        {
            "i": initiative,
            "rules": services.rules_of(initiative.city),
            "rows": range(1, 16),
            "sheets": range(1, 4),
        },
        request=request,
    )
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"), tagged=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lista-podpisow-{initiative.pk}.pdf"'
    return response


def paper_entry(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _load(request, pk, "initiatives.enter_signatures")
    form = PaperSignatureForm(
        request.POST or None, initial={"town": localities.base_name(initiative.city)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.enter_paper_signature(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The signature has been entered."))
            return redirect("initiatives:resolution_paper", pk=initiative.pk)
    entered = initiative.collection.signatures.filter(channel="paper")
    return render(
        request,
        "initiatives/resolution_paper.html",
        {"i": initiative, "form": form, "entered": entered},
    )


def check(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _load(request, pk, "initiatives.check_signatures")
    errors = {}
    if request.method == "POST":
        signature = get_object_or_404(
            Signature, pk=request.POST.get("signature", 0), collection=initiative.collection
        )
        form = CheckForm(request.POST, prefix=f"s{signature.pk}")
        if form.is_valid():
            try:
                services.check_signature(
                    actor=request.user,
                    initiative=initiative,
                    signature=signature,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                errors[signature.pk] = error.messages
            else:
                messages.success(request, _("The signature has been checked."))
                return redirect("initiatives:resolution_check", pk=initiative.pk)
        else:
            errors[signature.pk] = [e for es in form.errors.values() for e in es]
    rows = [
        (s, CheckForm(prefix=f"s{s.pk}"), errors.get(s.pk, []))
        for s in initiative.collection.signatures.all()
    ]
    return render(
        request,
        "initiatives/resolution_check.html",
        {
            "i": initiative,
            "rows": rows,
            "tally": signatures.tally(initiative.collection),
            "pending": SignatureStatus.PENDING,
        },
    )


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _load(request, pk, "initiatives.enter_signatures")
    try:
        services.submit(actor=request.user, initiative=initiative)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The draft has been submitted to the council."))
    return redirect(initiative)


def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _load(request, pk, "initiatives.record_outcome")
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_outcome(actor=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The outcome has been recorded."))
            return redirect(initiative)
    return render(request, "initiatives/resolution_outcome.html", {"i": initiative, "form": form})
