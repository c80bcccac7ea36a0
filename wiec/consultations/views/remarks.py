"""Remarks: residents' on the document and the map; the office's register and answers."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wiec.consultations import forms as f
from wiec.consultations import services
from wiec.consultations.rendering import render_markdown
from wiec.consultations.views.common import consultation_or_404, posted_data
from wiec.core import media
from wiec.core.access import attach_errors, permission_required, require, require_login
from wiec.core.limits import limited
from wiec.places.views import locate, map_search


@limited("remark")
def paragraph(request: HttpRequest, slug: str, position: int) -> HttpResponse:
    consultation = consultation_or_404(slug)
    obj = get_object_or_404(consultation.paragraphs, position=position)
    form = f.RemarkForm(posted_data(request))
    if request.method == "POST":
        require_login(request)
        if form.is_valid():
            try:
                services.comment_on_paragraph(
                    actor=request.user, paragraph=obj, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Thank you, your remark has been saved."))
                document = reverse("consultations:document", kwargs={"slug": slug})
                return redirect(f"{document}?akapit={position}#p{position}")
    return render(
        request,
        "consultations/paragraph.html",
        {
            "consultation": consultation,
            "paragraph": obj,
            "html": render_markdown(obj.body or obj.text),
            "remarks": obj.remarks.visible().select_related("author"),
            "form": form,
            "can_take_part": request.user.has_perm("consultations.take_part", consultation),
            "can_moderate": request.user.has_perm("consultations.moderate_remark"),
        },
    )


@limited("remark")
def map_view(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    if not consultation.map_enabled:
        raise Http404
    form = f.MapRemarkForm(posted_data(request), consultation=consultation)
    located = None
    if request.method == "POST" and "locate" in request.POST:
        # "Find this address on the map" without JavaScript: the form again, unsaved,
        # with the coordinates of the address filled in.
        match, sentence = locate(consultation.city, request.POST.get("address", ""))
        located = {"found": match is not None, "message": sentence}
        initial = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        if match is not None:
            initial["latitude"] = f"{match.latitude:.6f}"
            initial["longitude"] = f"{match.longitude:.6f}"
        form = f.MapRemarkForm(initial=initial, consultation=consultation)
    elif request.method == "POST":
        require_login(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.comment_on_map(
                    actor=request.user,
                    consultation=consultation,
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    text=data["text"],
                    category=data.get("category"),
                    area=data["area"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Thank you, your remark has been saved."))
                return redirect("consultations:map", slug=slug)
    remarks = consultation.remarks.visible().filter(channel="map").select_related("category")
    points = [
        {
            "lat": r.latitude,
            "lon": r.longitude,
            "area": r.area,
            "text": r.text[:200],
            "category": str(r.category or ""),
        }
        for r in remarks
    ]
    return render(
        request,
        "consultations/map.html",
        {
            "consultation": consultation,
            "form": form,
            "tiles": settings.LEAFLET_CONFIG["TILES"],
            "remarks": remarks,
            "points": points,
            "can_take_part": request.user.has_perm("consultations.take_part", consultation),
            "can_moderate": request.user.has_perm("consultations.moderate_remark"),
            "located": located,
            "address": request.POST.get("address", "")[:200],
            **map_search(request),
        },
    )


@require_safe
def remark_scan(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A scanned letter (a person's name and address): the office only."""
    consultation = consultation_or_404(slug)
    remark = get_object_or_404(consultation.remarks.exclude(attachment=""), pk=pk)
    require(request, "consultations.manage_consultation", consultation)
    return media.send_private(remark.attachment.name)


def remark_list(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    require(request, "consultations.manage_consultation", consultation)
    remarks = consultation.remarks.select_related("paragraph", "category", "author")
    return render(
        request,
        "consultations/remark_list.html",
        {
            "consultation": consultation,
            "remarks": remarks,
            "unanswered": remarks.visible().unanswered().count(),
        },
    )


def remark_enter(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    require(request, "consultations.manage_consultation", consultation)
    form = f.OfficeRemarkForm(
        posted_data(request), request.FILES or None, consultation=consultation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.enter_remark(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The remark has been entered."))
            return redirect("consultations:remarks", slug=slug)
    return render(
        request, "consultations/remark_enter.html", {"consultation": consultation, "form": form}
    )


def remark_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = consultation_or_404(slug)
    require(request, "consultations.manage_consultation", consultation)
    remark = get_object_or_404(consultation.remarks, pk=pk)
    initial = {"response": remark.response, "justification": remark.justification}
    form = f.ResponseForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_remark(actor=request.user, remark=remark, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The response has been saved."))
            return redirect("consultations:remarks", slug=slug)
    return render(
        request,
        "consultations/remark_answer.html",
        {"consultation": consultation, "remark": remark, "form": form},
    )


@permission_required("consultations.moderate_remark")
def remark_hide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = consultation_or_404(slug)
    remark = get_object_or_404(consultation.remarks, pk=pk)
    form = f.HideForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        services.hide_remark(actor=request.user, remark=remark, reason=form.cleaned_data["reason"])
        messages.success(request, _("The remark has been hidden."))
        return redirect(consultation.get_absolute_url())
    return render(
        request,
        "consultations/remark_hide.html",
        {"consultation": consultation, "remark": remark, "form": form},
    )
