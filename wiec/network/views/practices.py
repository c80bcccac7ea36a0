"""Good practices: the public list and search, writing one, the editors' review."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.core import search
from wiec.core.access import attach_errors, load, permission_required, require
from wiec.core.numbers import page_number
from wiec.network import services
from wiec.network.forms import PracticeForm, PracticeSearchForm, ReviewForm
from wiec.network.index import NETWORK_TOOL
from wiec.network.models import Practice, PracticeStatus
from wiec.places.models import City

SEARCH_LIMIT = 500


def practice_list(request: HttpRequest) -> HttpResponse:
    cities = list(City.objects.order_by("name"))
    form = PracticeSearchForm(request.GET or None, cities=cities)
    found = Practice.objects.published().select_related("city")
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        if form.cleaned_data["gmina"]:
            found = found.filter(city__slug=form.cleaned_data["gmina"])
        if query:
            found = _matching(found, query)
    page = Paginator(found, 20).get_page(page_number(request))
    mine = []
    if request.user.is_authenticated:
        mine = list(Practice.objects.filter(author=request.user).exclude(status="published"))
    return render(
        request,
        "network/practice_list.html",
        {"form": form, "page": page, "query": query, "mine": mine},
    )


def _matching(practices, query: str):
    """The published practices the platform's search finds for ``query`` (folded and
    stemmed like every search: "zabłocie" finds "Zabłociu"), best first."""
    hits = search.search(query, search.Filters(tool=NETWORK_TOOL), limit=SEARCH_LIMIT).hits
    ids = []
    for hit in hits:
        try:
            match = resolve(hit.url)
        except Resolver404:
            continue
        if match.url_name == "practice":
            ids.append(match.kwargs["pk"])
    order = Case(*[When(pk=pk, then=n) for n, pk in enumerate(ids)], default=len(ids))
    return practices.filter(pk__in=ids).order_by(order)


def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = load(
        request, Practice.objects.select_related("city", "process"), "network.view_practice", pk=pk
    )
    return render(
        request,
        "network/practice_detail.html",
        {"practice": practice, "review_form": ReviewForm()},
    )


@permission_required("network.add_practice")
def practice_create(request: HttpRequest) -> HttpResponse:
    form = PracticeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.create_practice(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("The practice is saved as a draft. Send it for review when ready.")
            )
            return redirect(practice)
    return render(request, "network/practice_form.html", {"form": form})


def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = load(request, Practice, "network.change_practice", pk=pk)
    form = PracticeForm(request.POST or None, request.FILES or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_practice(actor=request.user, practice=practice, data=form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The practice is saved."))
            return redirect(practice)
    return render(request, "network/practice_form.html", {"form": form, "practice": practice})


@require_POST
def practice_submit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = load(request, Practice, "network.submit_practice", pk=pk)
    services.submit_practice(actor=request.user, practice=practice)
    messages.success(request, _("The practice is sent to the network's editors for review."))
    return redirect(practice)


@require_POST
def practice_review(request: HttpRequest, pk: int) -> HttpResponse:
    practice = load(request, Practice, "network.review_practice", pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The comment is too long."))
        return redirect(practice)
    try:
        if request.POST.get("decision") == "publish":
            services.publish_practice(actor=request.user, practice=practice)
            messages.success(request, _("The practice is published."))
        else:
            services.return_practice(
                actor=request.user, practice=practice, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("The practice is returned to its author."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(practice)


def review_queue(request: HttpRequest) -> HttpResponse:
    require(request, "network.view_review_queue")
    waiting = Practice.objects.filter(status=PracticeStatus.SUBMITTED).select_related("city")
    return render(
        request, "network/review_queue.html", {"waiting": waiting.order_by("submitted_at")}
    )
