"""Setting a consultation up: its card, document and map categories."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wiec.consultations import forms as f
from wiec.consultations import services
from wiec.consultations.models import Consultation
from wiec.consultations.views.common import city_or_404, consultation_or_404, posted_data
from wiec.core.access import attach_errors, permission_required, require


def map_categories_edit(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    require(request, "consultations.manage_consultation", consultation)
    form = f.MapCategoriesForm(posted_data(request), categories=consultation.map_categories.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_map_categories(
                actor=request.user, consultation=consultation, **form.service_arguments()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The map's categories have been saved."))
            return redirect("consultations:map_categories", slug=slug)
    return render(
        request,
        "consultations/setup_form.html",
        {"consultation": consultation, "form": form, "heading": _("Categories of the map")},
    )


@permission_required("consultations.add_consultation")
def consultation_create(request: HttpRequest) -> HttpResponse:
    city = city_or_404()
    form = f.ConsultationForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.create_consultation(
                actor=request.user, city=city, **form.cleaned_data
            )
        except PermissionDenied:
            form.add_error("district", _("You may create consultations only in your districts."))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The consultation has been created."))
            return redirect(consultation.get_absolute_url())
    return render(request, "consultations/consultation_form.html", {"form": form})


def consultation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    require(request, "consultations.manage_consultation", consultation)
    form = f.ConsultationForm(posted_data(request), instance=consultation)
    if request.method == "POST" and form.is_valid():
        fresh = Consultation.objects.get(pk=consultation.pk)
        try:
            services.update_consultation(
                actor=request.user,
                consultation=fresh,
                **{k: v for k, v in form.cleaned_data.items()},
            )
        except PermissionDenied:
            form.add_error("district", _("You may create consultations only in your districts."))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The consultation has been saved."))
            return redirect(fresh.get_absolute_url())
    return render(
        request,
        "consultations/consultation_form.html",
        {"form": form, "consultation": consultation},
    )


def document_edit(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    require(request, "consultations.manage_consultation", consultation)
    text = "\n\n".join(consultation.paragraphs.values_list("text", flat=True))
    form = f.DocumentForm(
        posted_data(request), initial={"title": consultation.document_title, "text": text}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_document(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The document has been saved."))
            return redirect("consultations:document", slug=slug)
    return render(
        request,
        "consultations/setup_form.html",
        {"consultation": consultation, "form": form, "heading": _("The document")},
    )
