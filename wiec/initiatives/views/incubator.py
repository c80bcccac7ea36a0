"""Pages of the incubator: a draft, its history and the advisers' advice."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.commons import contributions
from wiec.core.access import attach_errors, load
from wiec.initiatives import selectors
from wiec.initiatives.forms import AdviceForm
from wiec.initiatives.models import ApplicationStatus, Contact
from wiec.initiatives.services import incubator as services


def _draft(request: HttpRequest, pk: int, perm: str = "initiatives.view_application"):
    return load(
        request, selectors.applications().filter(status=ApplicationStatus.DRAFT), perm, pk=pk
    )


def draft(request: HttpRequest, pk: int, form: AdviceForm | None = None) -> HttpResponse:
    """The draft as the group and its advisers see it, with its history."""
    obj = _draft(request, pk)
    can_advise = request.user.has_perm("initiatives.advise", obj)
    return render(
        request,
        "initiatives/draft.html",
        {
            "a": obj,
            "items": obj.ledger.items.all(),
            "shares": contributions.shares(obj.ledger.items.all()),
            "history": services.history(obj),
            "can_edit": request.user.has_perm("initiatives.edit_draft", obj),
            "can_advise": can_advise,
            "advice_form": form or (AdviceForm() if can_advise else None),
            "contacts": Contact.objects.filter(city=obj.city),
        },
        status=400 if form is not None else 200,
    )


@require_POST
def advise(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _draft(request, pk, "initiatives.advise")
    form = AdviceForm(request.POST)
    if form.is_valid():
        try:
            services.give_advice(actor=request.user, application=obj, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your advice has been saved and the group told."))
            return redirect("initiatives:draft", pk=obj.pk)
    return draft(request, pk, form=form)


@require_POST
def ask_for_help(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _draft(request, pk, "initiatives.edit_draft")
    services.ask_for_help(actor=request.user, application=obj)
    messages.success(
        request,
        _("The coordinators and ambassadors have been asked to look at your draft."),
    )
    return redirect("initiatives:draft", pk=obj.pk)


@require_POST
def file(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _draft(request, pk, "initiatives.edit_draft")
    try:
        filed = services.file_draft(actor=request.user, application=obj)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("initiatives:draft", pk=obj.pk)
    messages.success(request, _("Your application has been filed."))
    return redirect(filed)
