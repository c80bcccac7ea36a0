"""Residents' requests for a consultation: the list, filing, support and the answer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.accounts.verification import verify_first
from wiec.consultations import forms as f
from wiec.consultations import selectors, services
from wiec.consultations.models import ConsultationRequest
from wiec.consultations.views.common import city_or_404, posted_data
from wiec.core.access import attach_errors, require, require_login
from wiec.core.limits import limited
from wiec.core.numbers import page_number


def request_list(request: HttpRequest) -> HttpResponse:
    city = city_or_404()
    requests = (
        ConsultationRequest.objects.filter(city=city)
        .select_related("district")
        .annotate(support_count=Coalesce("collection__valid_count", 0))
        .order_by("-created_at")
    )
    queue = []
    if request.user.has_perm("consultations.view_request_queue"):
        queue = selectors.request_queue(request.user)
    return render(
        request,
        "consultations/request_list.html",
        {
            "page": Paginator(requests, 20).get_page(page_number(request)),
            "queue": queue,
            "rules": selectors.settings_of(city),
        },
    )


@limited("request")
def request_create(request: HttpRequest) -> HttpResponse:
    require_login(request)
    city = city_or_404()
    form = f.RequestForm(posted_data(request), districts=city.districts.all())
    if request.method == "POST" and form.is_valid():
        try:
            created = services.file_request(actor=request.user, city=city, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your request has been filed. Ask others to support it."))
            return redirect(created.get_absolute_url())
    return render(
        request,
        "consultations/request_form.html",
        {
            "form": form,
            "rules": selectors.settings_of(city),
            "can_file": request.user.has_perm("consultations.file_request"),
        },
    )


def _request(pk: int) -> ConsultationRequest:
    return get_object_or_404(
        ConsultationRequest.objects.select_related("district", "author", "collection"),
        pk=pk,
        city=city_or_404(),
    )


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _request(pk)
    user = request.user
    return render(
        request,
        "consultations/request_detail.html",
        {
            "req": obj,
            "supporters": selectors.supporters(obj),
            "supported": selectors.supports(user, obj),
            "can_support": user.has_perm("consultations.support_request", obj),
            "can_answer": user.has_perm("consultations.answer_request", obj),
            "answer_form": f.RequestAnswerForm(),
        },
    )


@require_POST
def request_support(request: HttpRequest, pk: int) -> HttpResponse:
    require_login(request)
    obj = _request(pk)
    if (verify := verify_first(request, obj.get_absolute_url())) is not None:
        return verify
    try:
        services.support_request(actor=request.user, request=obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you for your support."))
    return redirect(obj.get_absolute_url())


@require_POST
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _request(pk)
    require(request, "consultations.answer_request", obj)
    form = f.RequestAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_request(actor=request.user, request=obj, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The answer has been published."))
            return redirect(obj.get_absolute_url())
    return render(
        request,
        "consultations/request_detail.html",
        {
            "req": obj,
            "supporters": selectors.supporters(obj),
            "can_answer": True,
            "answer_form": form,
        },
        status=400,
    )
