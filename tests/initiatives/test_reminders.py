"""Reminders of the village fund's three deadlines: a set number of days before, once."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from wiec.core.models import Notification
from wiec.core.roles import Role
from wiec.initiatives.models import FundReminder, FundYear, Solectwo
from wiec.initiatives.reminders import send_fund_reminders
from wiec.initiatives.tasks import send_fund_reminders_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund(city, make_role_user):
    make_role_user(Role.OFFICIAL, email="wojt@example.org")
    Solectwo.objects.create(city=city, name="Wysocice", soltys_email="soltys@example.org")
    Solectwo.objects.create(city=city, name="Gołcza")  # no e-mail: nobody to write to
    return FundYear.objects.create(
        city=city,
        budget_year=2027,
        council_resolution="Uchwała",
        kb_grosze=400_000,
        kb_as_of=datetime.date(2026, 7, 1),
    )


def test_each_deadline_is_reminded_once_fourteen_days_before(fund):
    assert send_fund_reminders(today=datetime.date(2026, 9, 15)) == []  # 15 days before
    sent = send_fund_reminders(today=datetime.date(2026, 9, 16))
    assert [(r.deadline, r.due_on) for r in sent] == [("request", datetime.date(2026, 9, 30))]
    assert sent[0].recipients == 2
    note = Notification.objects.get(kind="fund_deadline")
    assert "30 września 2026" in note.body and "art. 5 ust. 1" in note.body
    assert [m.to for m in mail.outbox if m.to == ["soltys@example.org"]] == [["soltys@example.org"]]

    assert send_fund_reminders(today=datetime.date(2026, 9, 17)) == []
    assert send_fund_reminders(today=datetime.date(2026, 9, 30)) == []
    assert Notification.objects.filter(kind="fund_deadline").count() == 1
    assert FundReminder.objects.count() == 1


def test_the_council_deadline_goes_to_the_office_only_and_the_task_runs_it(fund):
    mail.outbox.clear()
    send_fund_reminders(today=datetime.date(2026, 3, 20))
    assert list(FundReminder.objects.values_list("deadline", flat=True)) == ["council"]
    assert not [m for m in mail.outbox if "soltys@example.org" in m.to]
    assert send_fund_reminders_task.call() == 0  # today is far from 2026's deadlines
