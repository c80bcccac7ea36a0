"""The members' directory (only those who consented) and joining the network."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.core.numbers import page_number
from wiec.network import services
from wiec.network.forms import MemberForm
from wiec.network.models import Member, MemberKind
from wiec.places.models import City


def directory(request: HttpRequest) -> HttpResponse:
    listed = Member.objects.filter(listed_since__isnull=False).select_related("city")
    slug = request.GET.get("gmina", "")[:50]
    kind = request.GET.get("typ", "")
    if slug:
        listed = listed.filter(city__slug=slug)
    if kind in MemberKind.values:
        listed = listed.filter(kind=kind)
    own = None
    if request.user.is_authenticated:
        own = Member.objects.filter(user=request.user).first()
    return render(
        request,
        "network/member_list.html",
        {
            "page": Paginator(listed, 30).get_page(page_number(request)),
            "cities": City.objects.order_by("name"),
            "kinds": MemberKind.choices,
            "chosen_city": slug,
            "chosen_kind": kind,
            "own": own,
        },
    )


@login_required
def join(request: HttpRequest) -> HttpResponse:
    member = Member.objects.filter(user=request.user).first()
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        services.join_network(
            actor=request.user, data=form.cleaned_data, listed=form.cleaned_data["listed"]
        )
        messages.success(request, _("Your membership is saved."))
        return redirect("network:members")
    return render(request, "network/member_form.html", {"form": form, "member": member})


@login_required
@require_POST
def withdraw(request: HttpRequest) -> HttpResponse:
    services.withdraw_consent(actor=request.user)
    messages.success(request, _("You are no longer shown in the directory."))
    return redirect("network:members")
