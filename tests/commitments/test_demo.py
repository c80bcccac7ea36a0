"""The demo city promised something through every tool, and a panel oversees some of it."""

from __future__ import annotations

import pytest

from wiec.commitments import demo
from wiec.commitments.models import Commitment, CommitmentSource, MonitoringQuestion, Oversight

pytestmark = pytest.mark.django_db


def test_demo_has_commitments_of_every_tool_and_loads_twice(city, client):
    from wiec.accounts import demo as accounts_demo
    from wiec.budgets import demo as budgets_demo
    from wiec.consultations import demo as consultations_demo

    accounts_demo.load(city)
    budgets_demo.load(city, krakow_2019=False)  # its own budget projects suffice
    consultations_demo.load(city)
    demo.load(city)
    count = Commitment.objects.count()
    demo.load(city)
    assert Commitment.objects.count() == count
    assert set(Commitment.objects.values_list("tool", flat=True)) == set(
        CommitmentSource.values
    ) - {CommitmentSource.OTHER}
    assert Commitment.objects.late().exists()
    assert Commitment.objects.filter(status="abandoned").exclude(abandoned_reason="").exists()
    assert Oversight.objects.exists() and MonitoringQuestion.objects.filter(answer="").exists()
    assert client.get("/zobowiazania/").status_code == 200
    assert client.get(f"/zobowiazania/panel/{demo.MONITORING_SLUG}/").status_code == 200
    for c in Commitment.objects.all()[:5]:
        assert client.get(c.get_absolute_url()).status_code == 200
