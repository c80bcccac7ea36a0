"""The office's page of proposal categories: the shared vocabulary (read only) and the
municipality's own words, added, renamed or removed (only while no proposal uses one)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wiec.budgets import selectors, services
from wiec.budgets.forms import CategoryForm
from wiec.budgets.models import Category, Proposal
from wiec.core.access import attach_errors, load, require
from wiec.places.selectors import current_city

PERM = "budgets.configure_edition"


def _city():
    city = current_city()
    if city is None:
        raise Http404
    return city


def _own(request: HttpRequest, pk: int) -> Category:
    """The municipality's own category ``pk``: 404 for a shared one or another's."""
    return load(request, Category.objects.filter(city=_city()), PERM, pk=pk)


@require_http_methods(["GET", "POST"])
def category_list(request: HttpRequest) -> HttpResponse:
    require(request, PERM)
    city = _city()
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            category = services.add_category(
                actor=request.user, city=city, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("The category “%(name)s” has been added.") % {"name": category.name}
            )
            return redirect("budgets:categories")
    categories = selectors.categories_in_use(city)
    return render(
        request,
        "budgets/category_list.html",
        {
            "form": form,
            "shared": [c for c in categories if c.city_id is None],
            "own": [c for c in categories if c.city_id is not None],
        },
    )


@require_http_methods(["GET", "POST"])
def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    category = _own(request, pk)
    form = CategoryForm(request.POST or None, initial={"name": category.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.rename_category(
                actor=request.user, category=category, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The category has been renamed."))
            return redirect("budgets:categories")
    return _edit_page(request, category, form)


@require_POST
def category_remove(request: HttpRequest, pk: int) -> HttpResponse:
    category = _own(request, pk)
    try:
        services.remove_category(actor=request.user, category=category)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("budgets:category_edit", pk=category.pk)
    messages.success(
        request, _("The category “%(name)s” has been removed.") % {"name": category.name}
    )
    return redirect("budgets:categories")


def _edit_page(request: HttpRequest, category: Category, form: CategoryForm) -> HttpResponse:
    uses = Proposal.objects.filter(category=category).count()
    return render(
        request,
        "budgets/category_edit.html",
        {"category": category, "form": form, "uses": uses},
    )
