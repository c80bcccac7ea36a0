"""The public accessibility statement, the request form and the office's queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wiec.accessibility import services
from wiec.accessibility.forms import AccessibilityRequestForm, AnswerForm, StatementForm
from wiec.accessibility.models import AccessibilityRequest, AccessibilityStatement
from wiec.core.access import permission_required
from wiec.core.limits import limited
from wiec.core.services import record_event
from wiec.places.selectors import current_city


def _city():
    city = current_city()
    if city is None:
        raise Http404(_("No city is configured yet."))
    return city


def statement(request: HttpRequest) -> HttpResponse:
    city = _city()
    obj = AccessibilityStatement.objects.filter(city=city).first()
    return render(request, "accessibility/statement.html", {"statement": obj})


@permission_required("accessibility.edit_statement")
def statement_edit(request: HttpRequest) -> HttpResponse:
    city = _city()
    instance = AccessibilityStatement.objects.filter(city=city).first()
    form = StatementForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.city = city
        obj.save()
        record_event(actor=request.user, action="accessibility.statement_edited", target=obj)
        messages.success(request, _("The accessibility statement has been saved."))
        return redirect("accessibility:statement")
    return render(request, "accessibility/statement_form.html", {"form": form})


@limited("accessibility_request")
def request_create(request: HttpRequest) -> HttpResponse:
    city = _city()
    form = AccessibilityRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = services.file_accessibility_request(
            actor=request.user, city=city, **form.cleaned_data
        )
        return render(request, "accessibility/request_sent.html", {"req": created})
    return render(request, "accessibility/request_form.html", {"form": form})


@permission_required("accessibility.handle_request")
def request_list(request: HttpRequest) -> HttpResponse:
    requests = AccessibilityRequest.objects.filter(city=_city())
    return render(
        request,
        "accessibility/request_list.html",
        {
            "open_requests": requests.open(),
            "closed_requests": requests.exclude(pk__in=requests.open()),
        },
    )


@permission_required("accessibility.handle_request")
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(AccessibilityRequest, pk=pk, city=_city())
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_accessibility_request(
                actor=request.user,
                request=obj,
                status=form.cleaned_data["status"],
                response=form.cleaned_data["response"],
                new_deadline=form.cleaned_data["new_deadline"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The response has been saved."))
            return redirect("accessibility:requests")
    return render(request, "accessibility/request_answer.html", {"req": obj, "form": form})
