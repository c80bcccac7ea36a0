"""``/health/`` for load balancers, and error reporting only when a DSN is set."""

from __future__ import annotations

import datetime

from django.utils import timezone


def test_health_answers_ok_with_every_check(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert {"database", "cache", "storage", "tasks"} <= report.keys()
    assert all(report[name]["ok"] for name in ("database", "cache", "storage"))


def test_a_broken_cache_takes_the_host_out(client, db, monkeypatch):
    from wiec.core import health

    def broken():
        raise ConnectionError("down")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["cache"] == {"ok": False, "error": "ConnectionError"}


def test_an_old_task_backlog_is_reported_but_keeps_the_host(client, db, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    task = DBTaskResult.objects.create(
        task_path="wiec.core.tasks.send_email", args_kwargs={"args": [], "kwargs": {}}
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(hours=1)
    )
    response = client.get("/health/")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "degraded"
    assert report["tasks"]["waiting"] == 1 and report["tasks"]["oldest_seconds"] >= 3600


def test_health_is_reachable_over_plain_http_in_production(settings):
    import re

    assert any(re.match(p, "health/") for p in settings.SECURE_REDIRECT_EXEMPT)


def test_errors_go_to_sentry_only_with_a_dsn_and_without_personal_data():
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import django, sentry_sdk; django.setup(); o = sentry_sdk.get_client().options; "
        "print(bool(o['dsn']), o['send_default_pii'], o['max_request_body_size'])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    run = [sys.executable, "-c", code]
    root = Path(__file__).resolve().parents[2]
    without = subprocess.run(run, env=env, cwd=root, capture_output=True, text=True)
    assert without.stdout.split()[0] == "False", without.stderr
    env["WIEC_SENTRY_DSN"] = "https://key@glitchtip.example.pl/1"
    with_dsn = subprocess.run(run, env=env, cwd=root, capture_output=True, text=True)
    assert with_dsn.stdout.split() == ["True", "False", "never"], with_dsn.stderr
