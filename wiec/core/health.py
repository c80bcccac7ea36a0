"""``/health/``: what a load balancer asks before it sends residents to this host.

The database, the shared cache and the file storage must answer, or the host is
unhealthy (503) and the balancer sends nobody to it. The task queue's backlog (ballot
counts, draws, e-mail waiting for ``manage.py db_worker``) and the age of the daily
tasks cron queues (``WIEC_DAILY_TASKS``) are reported but do not take a web host out:
a stuck worker or a forgotten cron line is the operator's alarm, not the voters' problem.
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
    daily = _daily(DBTaskResult, TaskResultStatus)
    daily_limit = getattr(settings, "WIEC_HEALTH_DAILY_AGE", 26 * 3600)
    late = any(seconds is None or seconds > daily_limit for seconds in daily.values())
    return {
        "ok": age <= limit and not late,
        "waiting": waiting.count(),
        "oldest_seconds": age,
        "daily_seconds": daily,
    }


def _daily(results, status) -> dict[str, int | None]:
    """Seconds since each daily task (``WIEC_DAILY_TASKS``, queued by cron) last finished
    well; ``None`` when it never has: cron or the worker is not doing its job."""
    ages: dict[str, int | None] = {}
    for path in getattr(settings, "WIEC_DAILY_TASKS", ()):
        last = (
            results.objects.filter(task_path=path, status=status.SUCCESSFUL)
            .order_by("-finished_at")
            .values_list("finished_at", flat=True)
            .first()
        )
        ages[path.rsplit(".", 1)[-1]] = (
            int((timezone.now() - last).total_seconds()) if last else None
        )
    return ages


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
