"""Pages of the platform itself: home, privacy policy, notifications, audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.core import services
from wiec.core.access import permission_required
from wiec.core.models import AuditEvent
from wiec.core.numbers import page_number
from wiec.core.participation import decisions, open_items, registered_tools
from wiec.places.models import City
from wiec.places.selectors import current_city


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler400``: the site's page (Django's own renders without the request)."""
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: the site's page with what to do next, not Django's English one."""
    return render(request, "403_csrf.html", status=403)


def home(request: HttpRequest) -> HttpResponse:
    """The one-stop shop: everything open now (the resident's district first), then what
    was decided lately."""
    district_id = getattr(request.user, "district_id", None)
    return render(
        request,
        "core/home.html",
        {
            "open_items": open_items(district_id),
            "decisions": decisions(),
            "tools": registered_tools(),
        },
    )


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "core/terms.html")


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    mine = request.user.notifications.of_city(current_city())
    page = Paginator(mine, 25).get_page(page_number(request))
    return render(request, "core/notification_list.html", {"page": page})


@login_required
@require_POST
def notifications_mark_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_notifications_read(actor=request.user)
    if count:
        messages.success(request, _("All notifications marked as read."))
    return redirect("core:notifications")


def _events_shown(user: Any) -> Q:
    """A municipality's administrator reads its own events. Those of no municipality
    (older than the log's municipality column) are the installation's administrator's
    (a superuser's), or, where the installation serves one municipality, its own."""
    here = Q(city=current_city())
    if user.is_superuser or City.objects.count() == 1:
        return here | Q(city__isnull=True)
    return here


@permission_required("core.view_audit_log")
def audit_log(request: HttpRequest) -> HttpResponse:
    events = AuditEvent.objects.select_related("actor").filter(_events_shown(request.user))
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(page_number(request))
    return render(request, "core/audit_log.html", {"page": page, "action": action})
