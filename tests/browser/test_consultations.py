"""A resident takes part in every way; an official answers every remark and publishes
the report; the PDF is built from HTML holding every remark with its response; axe."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import blocking_violations
from tests.consultations.conftest import build_consultation, consultation_factory, finish
from wiec.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-testowe-123"


@pytest.fixture
def official(make_role_user):
    return make_role_user(Role.OFFICIAL, email="urzednik@example.org")


@pytest.fixture
def consultation(city, official):
    return build_consultation(consultation_factory(city, official), official)


def log_in(page, site: str, email: str) -> None:
    """Like the shared helper, but allauth's Polish button reads "Zaloguj"."""
    page.goto(f"{site}/konto/login/")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label(re.compile(r"^Hasło:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=re.compile("^Zaloguj")).click()
    expect(page.get_by_role("button", name="Wyloguj się")).to_be_visible()


RESPONSES = ["uwzględniona", "uwzględniona częściowo", "odrzucona"]


def test_take_part_answer_every_remark_publish_the_report(
    page, site, consultation, official, make_resident
):
    from wiec.consultations.models import Registration, Remark, SurveyResponse

    resident = make_resident(email="anna@example.org")
    base = f"{site}/konsultacje/{consultation.slug}"

    # Anyone reads the register and the page; both pass axe.
    page.goto(f"{site}/konsultacje/")
    expect(page.get_by_role("heading", name="Rejestr konsultacji")).to_be_visible()
    assert blocking_violations(page) == []
    page.goto(base + "/")
    expect(page.get_by_role("heading", name="W skrócie")).to_be_visible()
    assert blocking_violations(page) == []

    log_in(page, site, resident.email)

    # The survey: single, multiple, scale, ranking and open text.
    page.goto(base + "/")
    page.get_by_role("link", name=re.compile("Ankieta")).click()
    page.get_by_label("często", exact=True).check()
    page.get_by_label("ławki").check()
    page.get_by_label("lampy").check()
    page.get_by_label("4", exact=True).check()
    for place, option in enumerate("ABC", start=1):
        page.get_by_label(f"Kolejność: miejsce dla „{option}”").select_option(str(place))
    page.get_by_label("Uwagi?").fill("Dobry pomysł")
    page.get_by_role("button", name="Wyślij odpowiedzi").click()
    expect(page.get_by_text("Twoje odpowiedzi zostały zapisane")).to_be_visible()

    # A comment on a paragraph.
    page.goto(base + "/dokument/")
    paragraph = page.locator("#p2")
    paragraph.get_by_text("Skomentuj akapit 2").click()
    paragraph.get_by_label("Twoja uwaga").fill("Akapit drugi jest niejasny.")
    paragraph.get_by_role("button", name="Wyślij uwagę do akapitu 2").click()
    expect(page.get_by_text("Twoja uwaga została zapisana")).to_be_visible()
    assert page.url.endswith("/dokument/?akapit=2#p2")
    expect(page.locator("#p2").get_by_text("Akapit drugi jest niejasny.")).to_be_visible()
    expect(page.locator("#p2 summary")).to_contain_text("1 uwaga")
    assert blocking_violations(page) == []

    # A comment on the map, through the coordinates form that works without JavaScript.
    page.goto(base + "/mapa/")
    page.get_by_label("Szerokość geograficzna").fill("50.0614")
    page.get_by_label("Długość geograficzna").fill("19.9372")
    page.get_by_label("Kategoria").select_option(label="Zieleń")
    page.get_by_label("Twoja uwaga").fill("Tu brakuje drzew.")
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page.get_by_role("cell", name="Tu brakuje drzew.")).to_be_visible()

    # Registration for the meeting, and its calendar file.
    page.goto(base + "/")
    page.get_by_role("button", name="Zapisz się: Spotkanie").click()
    expect(page.get_by_text("Zapisano Cię na spotkanie")).to_be_visible()
    ics = page.request.get(base + f"/spotkania/{consultation.meetings.get().pk}.ics")
    assert b"BEGIN:VEVENT" in ics.body()

    assert SurveyResponse.objects.filter(user=resident).count() == 1
    assert Remark.objects.filter(author=resident).count() == 2
    assert Registration.objects.filter(user=resident).count() == 1

    # The office enters an e-mail remark, then the consultation ends.
    from django.utils import timezone

    from wiec.consultations import services

    services.enter_remark(
        actor=official,
        consultation=consultation,
        channel="email",
        author_name="Ola",
        text="Proszę o toaletę.",
        received_on=timezone.localdate(),
    )
    finish(consultation)
    page.context.clear_cookies()
    log_in(page, site, official.email)

    for number, response in enumerate(RESPONSES, start=1):
        page.goto(base + "/uwagi/")
        page.get_by_role("link", name=f"Odpowiedz na uwagę {number}").click()
        page.get_by_label(response, exact=True).check()
        page.get_by_label("Uzasadnienie").fill(f"Uzasadnienie {number}")
        page.get_by_role("button", name="Zapisz odpowiedź").click()
        expect(page.get_by_text("Odpowiedź została zapisana")).to_be_visible()

    page.get_by_role("link", name="Opublikuj raport").click()
    page.get_by_label("Wnioski urzędu").fill("Uwzględnimy większość uwag.")
    page.get_by_role("button", name="Opublikuj raport").click()
    expect(page.get_by_text("Raport został opublikowany")).to_be_visible()
    for remark in Remark.objects.all():
        expect(page.get_by_role("cell", name=remark.text)).to_be_visible()

    # The PDF itself: its text holds every remark with its response and justification.
    pdf = page.request.get(base + "/raport.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(pdf.body())).pages)
    text = " ".join(text.split())
    for remark in Remark.objects.all():
        assert " ".join(remark.text.split()) in text
        assert remark.justification in text
        assert remark.get_response_display() in text
    page.goto(base + "/raport/")
    assert blocking_violations(page) == []

    # The office's own forms pass axe too.
    meeting = consultation.meetings.first()
    for path in (
        f"{site}/konsultacje/plan/nowy/",
        base + "/mapa/kategorie/",
        base + f"/spotkania/{meeting.pk}/materialy/nowy/",
    ):
        page.goto(path)
        expect(page.get_by_role("main").get_by_role("heading").first).to_be_visible()
        assert blocking_violations(page) == [], path
