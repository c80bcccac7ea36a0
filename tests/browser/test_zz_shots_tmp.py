# ruff: noqa
import datetime
import pytest
from django.utils import timezone
from tests.browser.test_commitments import log_in
from tests.commitments.conftest import *  # noqa
from tests.budgets.conftest import png_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shots(page, site, project, promise, recommendation, organiser, people):
    from wiec.commitments import services
    from wiec.commitments.models import Commitment
    from wiec.panels import services as ps

    ps.respond_to_recommendation(actor=organiser, recommendation=recommendation, response="Tak.", status="in_progress")
    rec = Commitment.objects.get(tool="panels")
    services.plan_commitment(actor=organiser, commitment=rec, owner_unit="Zarząd Zieleni Miejskiej", planned_on=timezone.localdate() - datetime.timedelta(days=5), money_planned=None, acceptance="partly")
    services.add_update(actor=organiser, commitment=rec, status="in_progress", text="Wybrano 40 lokalizacji pod nasadzenia.", photo=png_upload(), link="https://example.org/mapa")
    services.oversee(actor=organiser, panel=recommendation.panel, commitments=[rec])
    member = recommendation.panel.panelists.get().user
    q = services.ask_question(actor=member, commitment=rec, text="Dlaczego są opóźnienia?")
    services.answer_question(actor=organiser, question=q, answer="Susza opóźniła dostawy sadzonek.")
    services.ask_question(actor=member, commitment=rec, text="Gdzie dokładnie?")
    services.publish_assessment(actor=member, commitment=rec, verdict="late", note="Termin minął.")
    for w, h in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": w, "height": h})
        page.goto(f"{site}/zobowiazania/")
        page.screenshot(path=f"/tmp/shots/list-{w}.png", full_page=True)
        page.goto(f"{site}/zobowiazania/{rec.pk}/")
        page.screenshot(path=f"/tmp/shots/detail-anon-{w}.png", full_page=True)
        page.goto(f"{site}/zobowiazania/panel/{recommendation.panel.slug}/")
        page.screenshot(path=f"/tmp/shots/monitoring-{w}.png", full_page=True)
    log_in(page, site, organiser.email)
    for w, h in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": w, "height": h})
        page.goto(f"{site}/zobowiazania/{rec.pk}/")
        page.screenshot(path=f"/tmp/shots/detail-office-{w}.png", full_page=True)
        page.goto(f"{site}/biuro/")
        page.screenshot(path=f"/tmp/shots/inbox-{w}.png", full_page=True)
