"""``/health/``: what a load balancer asks before it sends residents to this host.

The database, the shared cache and the file storage must answer, or the host is
unhealthy (503) and the balancer sends nobody to it. The task queue's backlog (ballot
counts, draws, e-mail waiting for ``manage.py db_worker``) is reported but does not
take a web host out: a stuck worker is the operator's alarm, not the voters' problem.
Nothing personal is shown, only states, counts and seconds.
"""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def _cache() -> dict:
    key = f"wiec:health:{uuid.uuid4().hex}"
    cache.set(key, "1", 30)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return {"ok": ok}


def _storage() -> dict:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        ok = default_storage.exists(name)
    finally:
        default_storage.delete(name)
    return {"ok": ok}


def _tasks() -> dict:
    """How many tasks wait for a worker and how long the oldest has waited."""
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        return {"ok": True, "backend": backend.rsplit(".", 1)[-1]}
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    limit = getattr(settings, "WIEC_HEALTH_TASK_AGE", 900)
    return {"ok": age <= limit, "waiting": waiting.count(), "oldest_seconds": age}


CHECKS = {"database": _database, "cache": _cache, "storage": _storage, "tasks": _tasks}
#: Without these the host cannot serve a resident; the task queue only warns.
ESSENTIAL = ("database", "cache", "storage")


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    started = time.monotonic()
    report: dict = {}
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as error:  # any failure is the answer, never a 500
            report[name] = {"ok": False, "error": type(error).__name__}
    healthy = all(report[name]["ok"] for name in ESSENTIAL)
    status = "ok" if healthy and report["tasks"]["ok"] else ("degraded" if healthy else "fail")
    report = {
        "status": status,
        **report,
        "milliseconds": round((time.monotonic() - started) * 1000),
    }
    return JsonResponse(report, status=200 if healthy else 503)
