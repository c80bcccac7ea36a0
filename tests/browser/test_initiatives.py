"""Issue 18 in a real browser: a group applies for a local initiative with three kinds
of contribution, is assessed and accepted, gets the agreement PDF, reports hours and a
photo, and appears on the public list and map."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import blocking_violations, log_in
from wiec.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-testowe-123"


@pytest.fixture
def pool(city):
    from wiec.initiatives.models import InitiativeArea, InitiativePool

    return InitiativePool.objects.create(
        city=city,
        year=2026,
        resolution_title="Uchwała nr XII/34/26 w sprawie inicjatywy lokalnej",
        amount_grosze=10_000_000,
        work_rate_grosze=3_500,
        areas=[InitiativeArea.NATURE, InitiativeArea.CULTURE],
    )


def _line(page, prefix: str, n: int, **values) -> None:
    for field, value in values.items():
        locator = page.locator(f"[name={prefix}-{n}-{field}]")
        if field == "kind":
            locator.select_option(value)
        else:
            locator.fill(value)


def _photo(tmp_path):
    from PIL import Image

    path = tmp_path / "ogrod.jpg"
    Image.new("RGB", (800, 500), "green").save(path, format="JPEG")
    return path


def test_apply_assess_agree_report_and_appear_on_the_list(
    page, browser, site, pool, make_resident, make_role_user, tmp_path
):
    from wiec.initiatives.models import Application

    resident = make_resident(email="grupa@example.org")
    official = make_role_user(Role.OFFICIAL, email="urzednik@example.org")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, site, resident.email, PASSWORD)

    page.goto(f"{site}/inicjatywy/")
    expect(page.get_by_test_id("pool-amount")).to_have_text("100 000,00 zł")
    page.get_by_role("link", name="Złóż wniosek o inicjatywę lokalną").click()
    page.get_by_label("Grupa lub organizacja").fill("Sąsiedzi z ul. Szkolnej")
    page.get_by_label("Co chcecie zrobić?").fill("Ogród przy szkole")
    page.get_by_label("Obszar").select_option("nature")
    page.get_by_label("Opis prac").fill("Grządki, ławki i kompostownik.")
    page.get_by_label(re.compile("^Gdzie:?$")).fill("ul. Szkolna 1")
    page.get_by_label("Szerokość geograficzna").fill("50.0600")
    page.get_by_label("Długość geograficzna").fill("19.9400")
    page.get_by_label("Dlaczego: co zyska okolica?").fill("Brakuje zieleni i miejsca spotkań.")
    page.get_by_label("Harmonogram").fill("Maj: grządki; czerwiec: ławki.")
    page.get_by_label("Całkowity koszt zadania").fill("15 000,00")  # wrong on purpose
    _line(page, "residents", 0, kind="work", description="Sadzenie", hours="100")
    _line(page, "residents", 1, kind="goods", description="Sadzonki", value="1 500")
    _line(page, "residents", 2, kind="money", description="Zbiórka", value="500,00")
    _line(page, "city", 0, description="Ławki", value="10 000")

    # Contributions that do not add up: a clear message, nothing saved.
    page.get_by_role("button", name="Złóż wniosek").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Wkłady się nie sumują: koszty gminy (10 000,00 zł) i wkład mieszkańców "
        "(5 500,00 zł) dają 15 500,00 zł, a całkowity koszt to 15 000,00 zł."
    )
    assert not Application.objects.exists()

    page.get_by_label("Całkowity koszt zadania").fill("15 500,00")
    page.get_by_role("button", name="Przelicz udziały").click()
    shares = page.get_by_test_id("shares")
    expect(shares).to_contain_text("5 500,00 zł (35,5%)")
    expect(shares).to_contain_text("100 godzin")
    assert blocking_violations(page) == []
    page.get_by_role("button", name="Złóż wniosek").click()
    expect(page.get_by_text("Wniosek został złożony.")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("w ocenie")
    application = Application.objects.get()

    # The office assesses and accepts; the agreement is drafted from the template.
    office = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(office, site, official.email, PASSWORD)
    office.goto(f"{site}/inicjatywy/{application.pk}/ocena/")
    for label, points in [
        ("praca społeczna mieszkańców", "9"),
        ("inne wkłady mieszkańców", "6"),
        ("przydatność dla społeczności lokalnej", "8"),
        ("wykonalność i harmonogram", "7"),
    ]:
        office.get_by_label(re.compile(f"^{re.escape(label)}.*punkty")).fill(points)
        office.get_by_label(re.compile(f"^{re.escape(label)}.*uzasadnienie")).fill(
            "Uzasadnienie komisji."
        )
    office.get_by_role("button", name="Zapisz ocenę").click()
    expect(office.get_by_text("Ocena została zapisana.")).to_be_visible()
    office.get_by_label(re.compile("przyjąć$")).check()
    office.get_by_role("button", name="Zapisz decyzję").click()
    expect(office.get_by_text("Decyzja została zapisana, a grupa powiadomiona.")).to_be_visible()
    office.get_by_role("link", name="Umowa", exact=True).click()
    office.get_by_label("Odpowiedzialność i ubezpieczenie").fill(
        "Gmina ubezpiecza wolontariuszy od NNW na czas prac."
    )
    office.get_by_label("Co się zmieniło").fill("Doprecyzowano ubezpieczenie")
    office.get_by_role("button", name="Zapisz nową wersję").click()
    expect(office.get_by_text("Wersja 2,")).to_be_visible()

    # The group reads the agreement as a PDF.
    pdf = page.request.get(f"{site}/inicjatywy/{application.pk}/umowa.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Umowa o wykonanie inicjatywy lokalnej" in text
    assert "Ogród przy szkole" in text
    assert "Sąsiedzi z ul. Szkolnej" in text
    assert "Gmina ubezpiecza wolontariuszy od NNW" in text
    assert "15 500,00 zł" in text and "100 godzin" in text

    # Realisation: a photo, hours signed off by the office, the final report.
    page.goto(f"{site}/inicjatywy/{application.pk}/realizacja/")
    page.get_by_label("Co zrobiono").fill("Posadziliśmy krzewy.")
    page.get_by_label(re.compile("^Zdjęcie:?$")).set_input_files(_photo(tmp_path))
    page.get_by_role("button", name="Opublikuj aktualność").click()
    expect(page.get_by_role("alert")).to_contain_text("Opisz, co przedstawia zdjęcie.")
    page.get_by_label("Co zrobiono").fill("Posadziliśmy krzewy.")
    page.get_by_label(re.compile("^Zdjęcie:?$")).set_input_files(_photo(tmp_path))
    page.get_by_label("Co przedstawia zdjęcie").fill("Krzewy przy szkole")
    page.get_by_role("button", name="Opublikuj aktualność").click()
    expect(page.get_by_text("Aktualność została opublikowana.")).to_be_visible()
    page.get_by_label("Wolontariusz lub wolontariuszka").fill("Anna Nowak")
    page.get_by_label(re.compile("^Data:?$")).fill("2026-05-10")
    page.get_by_label(re.compile("^Godziny:?$")).fill("6")
    page.get_by_label("Wykonana praca").fill("Sadzenie krzewów")
    page.get_by_role("button", name="Wpisz godziny").click()
    expect(page.get_by_text("Godziny zostały wpisane.")).to_be_visible()
    office.goto(f"{site}/inicjatywy/{application.pk}/")
    office.get_by_role("button", name="Zatwierdź").click()
    expect(office.get_by_text("Godziny zostały zatwierdzone.")).to_be_visible()
    page.get_by_label("Sprawozdanie końcowe").fill("Ogród działa, 12 osób pracowało 6 godzin.")
    page.get_by_role("button", name="Złóż sprawozdanie końcowe").click()
    expect(page.get_by_test_id("status")).to_have_text("zrealizowana")

    # Anyone sees it on the public list, with the photo, the shares and the map.
    page.goto(f"{site}/inicjatywy/")
    card = page.get_by_role("listitem").filter(has_text="Ogród przy szkole")
    expect(card).to_contain_text("Gmina: 10 000,00 zł; mieszkańcy: 5 500,00 zł.")
    expect(card).to_contain_text("na każdą złotówkę gminy: 1,55 zł")
    expect(card.get_by_role("img", name="Krzewy przy szkole")).to_be_visible()
    expect(page.get_by_role("region", name=re.compile("Mapa zrealizowanych"))).to_be_visible()
    assert blocking_violations(page) == []
    page.goto(f"{site}/mapa/")
    expect(page.get_by_role("link", name="Ogród przy szkole").first).to_be_attached()


@pytest.fixture
def resolution_rules(city, make_role_user):
    from wiec.initiatives.services import resolutions

    office = make_role_user(Role.OFFICIAL, email="biuro@example.org")
    resolutions.set_rules(
        actor=office,
        city=city,
        resolution_title="Uchwała o obywatelskiej inicjatywie uchwałodawczej",
        threshold=300,
        online_counts=False,
        promotion_rules="Komitet promuje projekt na tablicach rad dzielnic.",
        list_rules="",
    )
    return office


def test_committee_collects_support_and_signatures_office_checks_and_countdown_starts(
    page, browser, site, city, resolution_rules, make_resident
):
    from wiec.initiatives.models import ResolutionInitiative

    author = make_resident(email="komitet@example.org")
    supporter = make_resident(email="sasiadka@example.org")
    log_in(page, site, author.email, PASSWORD)
    page.goto(f"{site}/inicjatywy/uchwalodawcze/")
    expect(page.get_by_text("Potrzebnych jest 300 podpisów.")).to_be_visible()
    page.get_by_role("link", name="Zarejestruj komitet").click()
    page.get_by_label("Nazwa komitetu").fill("Komitet „Ciche liście”")
    page.get_by_label("Członkowie komitetu").fill("Anna Nowak\nJan Kowalski")
    page.get_by_label("Pełnomocnicy").fill("Anna Nowak")
    page.get_by_label("Tytuł projektu uchwały").fill("Uchwała o zakazie dmuchaw do liści")
    page.get_by_label(re.compile("^Projekt uchwały:?$")).fill("§ 1. Zakazuje się dmuchaw.")
    page.get_by_label(re.compile("^Uzasadnienie:?$")).fill("Hałas i pył.")
    page.get_by_role("button", name="Zarejestruj komitet").click()
    expect(page.get_by_test_id("stage")).to_have_text("zbieranie podpisów")
    expect(page.get_by_text("Komitet promuje projekt na tablicach rad dzielnic.")).to_be_visible()
    initiative = ResolutionInitiative.objects.get()
    # A small threshold for the test (the statute's 300 is checked in tests/initiatives).
    initiative.collection.threshold = 2
    initiative.collection.save()

    # The printed list has the draft's title on every sheet.
    pdf = page.request.get(f"{site}/inicjatywy/uchwalodawcze/{initiative.pk}/lista.pdf")
    reader = PdfReader(io.BytesIO(pdf.body()))
    assert len(reader.pages) >= 2
    for sheet in reader.pages:
        assert "Uchwała o zakazie dmuchaw do liści" in re.sub(r"\s+", " ", sheet.extract_text())

    # A resident supports online: shown as support, not as a signature.
    other = browser.new_page()
    log_in(other, site, supporter.email, PASSWORD)
    other.goto(f"{site}/inicjatywy/uchwalodawcze/{initiative.pk}/")
    other.get_by_role("button", name="Poprzyj online").click()
    expect(other.get_by_test_id("support")).to_contain_text("Poparcie online: 1.")
    expect(other.get_by_test_id("support")).to_contain_text("to nie jest podpis")
    expect(other.get_by_test_id("tally")).to_contain_text("Ważne podpisy: 0 z 2")

    # The committee enters paper signatures; one from outside the gmina is refused.
    page.goto(f"{site}/inicjatywy/uchwalodawcze/{initiative.pk}/podpisy/")
    for name, street, town in [
        ("Ewa Obca", "ul. Polna 1", "Wieliczka"),
        ("Adam Lis", "ul. Długa 3", "Kraków"),
        ("Beata Wróbel", "ul. Krótka 7", "Kraków"),
        ("Celina Sowa", "ul. Rynek 1", "Kraków"),
    ]:
        page.get_by_label("Numer arkusza").fill("1")
        page.get_by_label("Imię i nazwisko").fill(name)
        page.get_by_label("Ulica i numer").fill(street)
        page.get_by_label("Miejscowość").fill(town)
        page.get_by_role("button", name="Wpisz podpis").click()
        if town == "Wieliczka":
            expect(page.get_by_role("alert")).to_contain_text(
                "Miejscowość Wieliczka nie leży w gminie Kraków"
            )
        else:
            expect(page.get_by_text("Podpis został wpisany.")).to_be_visible()
    assert initiative.collection.signatures.filter(channel="paper").count() == 3

    # The office rejects one with a reason and accepts the others.
    office = browser.new_page(viewport={"width": 390, "height": 844})
    log_in(office, site, "biuro@example.org", PASSWORD)
    office.goto(f"{site}/inicjatywy/uchwalodawcze/{initiative.pk}/weryfikacja/")
    assert blocking_violations(office) == []
    for name, valid in [("Adam Lis", False), ("Beata Wróbel", True), ("Celina Sowa", True)]:
        group = office.get_by_role("group", name=f"Ocena: {name}")
        group.get_by_label("nieważny" if not valid else "ważny", exact=True).check()
        if not valid:
            office.get_by_label(f"Powód nieważności ({name})").fill("Brak numeru PESEL")
        group.locator("xpath=..").get_by_role("button", name="Zapisz sprawdzenie").click()
        expect(office.get_by_text("Podpis został sprawdzony.")).to_be_visible()
    expect(office.get_by_text("Brak numeru PESEL")).to_be_visible()

    # The threshold is reached: the committee submits, the countdown starts.
    page.goto(f"{site}/inicjatywy/uchwalodawcze/{initiative.pk}/")
    expect(page.get_by_test_id("tally")).to_contain_text("Ważne podpisy: 2 z 2")
    page.get_by_role("button", name="Złóż projekt w radzie").click()
    expect(page.get_by_test_id("stage")).to_have_text("złożony w radzie")
    expect(page.get_by_test_id("countdown")).to_contain_text("Rada musi zająć się projektem do")
    office.goto(f"{site}/biuro/")
    expect(office.get_by_text("Uchwała o zakazie dmuchaw do liści")).to_be_visible()
