"""The demo city has consultations in every phase, a published report, a plan, a request."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent(client, city):
    from wiec.accounts import demo as accounts_demo
    from wiec.consultations import demo
    from wiec.consultations.models import (
        AnnualPlan,
        Consultation,
        ConsultationReport,
        ConsultationRequest,
    )

    accounts_demo.load(city)
    demo.load(city)
    demo.load(city)
    phases = {c.phase() for c in Consultation.objects.all()}
    assert phases == {"planned", "ongoing", "finished"}
    assert Consultation.objects.count() == 3
    assert ConsultationReport.objects.count() == 1
    assert AnnualPlan.objects.count() == 1 and ConsultationRequest.objects.count() == 1
    for path in [
        "",
        "plan/",
        "wnioski/",
        "park-zabloce/",
        "park-zabloce/mapa/",
        "rewitalizacja-placu/raport/",
        "rewitalizacja-placu/raport.csv",
    ]:
        assert client.get(f"/konsultacje/{path}").status_code == 200, path
    assert "Park na Zabłociu" in client.get("/").content.decode()
