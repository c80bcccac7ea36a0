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


def test_demo_consultations_happen_in_order(city):
    """Remarks come in while a consultation is open, the report after it closes, meetings
    while it runs; no survey question speaks only to men."""
    from django.utils import timezone

    from wiec.accounts import demo as accounts_demo
    from wiec.consultations import demo
    from wiec.consultations.models import Consultation, ConsultationReport, Question, Remark

    accounts_demo.load(city)
    demo.load(city)
    for consultation in Consultation.objects.all():
        assert consultation.starts_on <= consultation.ends_on
        for meeting in consultation.meetings.all():
            day = timezone.localtime(meeting.starts_at).date()
            assert consultation.starts_on <= day <= consultation.ends_on
    for remark in Remark.objects.select_related("consultation"):
        c = remark.consultation
        assert c.starts_on <= timezone.localtime(remark.created_at).date() <= c.ends_on
        if remark.received_on:
            assert c.starts_on <= remark.received_on <= c.ends_on
    for report in ConsultationReport.objects.select_related("consultation"):
        assert report.consultation.phase() == "finished"
    for question in Question.objects.all():
        assert "byś " not in question.text and "łeś" not in question.text, question.text
