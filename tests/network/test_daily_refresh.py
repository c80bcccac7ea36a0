"""The Map of Participation's index is rewritten daily: a process whose first day comes
shows as under way without anyone saving it; /health/ says when the refresh is late."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from wiec.network import index
from wiec.network.models import ProcessEntry, ProcessStatus

pytestmark = pytest.mark.django_db


def _consultation(city, starts_on):
    from wiec.consultations.models import Consultation

    return Consultation.objects.create(
        city=city, title="Park Krakowski", slug="park", goal="C", target_groups="M",
        responsible_unit="W", coordinator_name="E", can_influence="W",
        starts_on=starts_on, ends_on=starts_on + datetime.timedelta(days=21),
    )  # fmt: skip


def _status(city):
    return ProcessEntry.objects.get(city=city, tool="consultations").status


def test_a_process_whose_start_date_passes_is_under_way_after_the_daily_refresh(city):
    from wiec.consultations.models import Consultation

    today = timezone.localdate()
    consultation = _consultation(city, today + datetime.timedelta(days=1))
    index.refresh(city)
    assert _status(city) == ProcessStatus.PLANNED
    # The night passes: the date moves, nothing is saved (no signal refreshes the index).
    Consultation.objects.filter(pk=consultation.pk).update(starts_on=today)
    assert _status(city) == ProcessStatus.PLANNED
    call_command("refresh_network_index")  # what cron runs; the tests' tasks run at once
    assert _status(city) == ProcessStatus.ONGOING


def test_the_command_can_refresh_without_the_worker(city, capsys):
    _consultation(city, timezone.localdate())
    call_command("refresh_network_index", "--now")
    assert _status(city) == ProcessStatus.ONGOING
    assert "1" in capsys.readouterr().out


def test_health_warns_when_the_daily_refresh_is_late(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    never = client.get("/health/").json()
    assert never["status"] == "degraded"
    assert never["tasks"]["daily_seconds"] == {"refresh_all_task": None}
    done = DBTaskResult.objects.create(
        task_path="wiec.network.index.refresh_all_task",
        args_kwargs={"args": [], "kwargs": {}},
        status="SUCCESSFUL",
        run_after=timezone.now(),
        finished_at=timezone.now() - datetime.timedelta(hours=2),
    )
    fresh = client.get("/health/")
    assert fresh.status_code == 200 and fresh.json()["status"] == "ok"
    DBTaskResult.objects.filter(pk=done.pk).update(
        finished_at=timezone.now() - datetime.timedelta(hours=30)
    )
    late = client.get("/health/")
    assert late.status_code == 200  # a forgotten cron line does not take the host out
    assert late.json()["status"] == "degraded"
    assert late.json()["tasks"]["daily_seconds"]["refresh_all_task"] >= 30 * 3600
