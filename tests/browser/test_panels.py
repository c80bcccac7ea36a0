"""A citizens' panel end to end in the browser: set up, apply, import, quotas, seed,
draw, letters with claim codes, vote, publish; axe on every page on the way."""

from __future__ import annotations

import csv
import datetime
import random
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations
from tests.panels.conftest import SHARES, panel_dates

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-testowe-123"


def log_in(page, site: str, email: str) -> None:
    # The shared helper expects "Zaloguj się" on the button; allauth's says "Zaloguj".
    page.goto(f"{site}/konto/login/")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label(re.compile(r"^Hasło:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=re.compile("^Zaloguj")).click()
    expect(page).not_to_have_url(re.compile("/konto/login/"))


def pool_csv(path, size: int) -> str:
    rng = random.Random(3)
    lines = ["full_name,email,phone,household,sex,age,education"]
    for n in range(size):
        lines.append(
            f"Osoba {n},osoba{n}@example.org,,,{rng.choice(['female', 'male'])},"
            f"{rng.choice(['16-29', '30-44', '45-64', '65+'])},"
            f"{rng.choice(['basic', 'secondary', 'higher'])}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def move_to(panel, phase: str, **extra) -> None:
    for field, value in {**panel_dates(phase), **extra}.items():
        setattr(panel, field, value)
    panel.save()


def test_panel_end_to_end(page, site, city, make_user, make_role_user, tmp_path):
    from wiec.core.roles import Role
    from wiec.panels import services
    from wiec.panels.models import CitizensPanel, Panelist, PanelistKind

    organiser = make_role_user(Role.COORDINATOR, email="org@example.org")

    # The organiser sets the panel up without the admin: settings, then questions.
    log_in(page, site, organiser.email)
    page.goto(f"{site}/panele/")
    page.get_by_role("link", name="Nowy panel").click()
    assert not blocking_violations(page)
    page.locator("[name=topic]").fill("Zieleń w mieście")
    page.locator("[name=slug]").fill("zielen")
    page.locator("[name=question]").fill("Jak zazielenić Kraków?")
    page.locator("[name=panel_size]").fill("8")
    page.locator("[name=reserves_count]").fill("2")
    for field, day in panel_dates("recruitment").items():
        page.locator(f"[name={field}]").fill(day.isoformat())
    page.get_by_role("button", name="Utwórz panel").click()
    expect(page.get_by_role("status")).to_contain_text("Panel został utworzony")
    page.get_by_role("button", name="Dodaj pytania standardowe").click()
    page.get_by_role("button", name="Usuń „Dzielnica”").click()
    expect(page.get_by_role("heading", name="Grupa wiekowa")).to_be_visible()
    assert not blocking_violations(page)
    panel = CitizensPanel.objects.get(slug="zielen")
    assert list(panel.features.values_list("key", flat=True)) == ["sex", "age", "education"]
    page.context.clear_cookies()

    # Two residents apply through the public form.
    for n, (sex, age) in enumerate([("kobieta", "30–44"), ("mężczyzna", "65 i więcej")]):
        make_user(f"mieszkaniec{n}@example.org")
        log_in(page, site, f"mieszkaniec{n}@example.org")
        page.goto(f"{site}/panele/zielen/")
        page.get_by_role("link", name="Zgłoś się", exact=True).click()
        page.get_by_label("Imię i nazwisko").fill(f"Mieszkaniec {n}")
        page.get_by_label("Płeć").select_option(label=sex)
        page.get_by_label("Grupa wiekowa").select_option(label=age)
        page.get_by_label("Wykształcenie").select_option(label="wyższe")
        page.get_by_label(re.compile("Zgadzam się")).check()
        page.get_by_role("button", name="Wyślij zgłoszenie").click()
        expect(page.get_by_role("status")).to_contain_text("Twoje zgłoszenie jest w puli")
        page.context.clear_cookies()

    # The organiser imports the rest of the pool from answers to letters.
    log_in(page, site, organiser.email)
    page.goto(f"{site}/panele/zielen/organizacja/")
    page.get_by_label("Plik CSV").set_input_files(pool_csv(tmp_path / "pula.csv", 38))
    page.get_by_role("button", name="Importuj").click()
    expect(page.get_by_role("status")).to_contain_text("Zaimportowane zgłoszenia: 38")
    expect(page.get_by_test_id("pool-count")).to_contain_text("40")

    # Recruitment closes; quotas from census shares with a tolerance.
    move_to(panel, "selection")
    page.goto(f"{site}/panele/zielen/organizacja/kwoty/")
    for value in panel.features.get(key="sex").values.all():
        page.locator(f"[name=v{value.pk}_share]").fill(str(SHARES["sex"][value.key]))
    for feature in ("age", "education"):
        for value in panel.features.get(key=feature).values.all():
            page.locator(f"[name=v{value.pk}_share]").fill(str(SHARES[feature][value.key]))
    page.get_by_label("Tolerancja (punkty procentowe)").fill("10")
    page.get_by_role("button", name="Oblicz z danych spisowych").click()
    expect(page.get_by_text("kwoty da się spełnić")).to_be_visible()

    # The seed is announced, then the draw runs (tasks run at once in tests).
    page.goto(f"{site}/panele/zielen/organizacja/")
    page.get_by_label("Ziarno").fill("31415")
    page.get_by_role("button", name="Ogłoś ziarno").click()
    page.get_by_role("button", name="Losuj panel").click()
    expect(page.get_by_role("status").last).to_contain_text("Panel został wylosowany")
    page.get_by_role("link", name="Zobacz zapis losowania").click()
    expect(page.get_by_test_id("seed")).to_have_text("31415")
    expect(page.get_by_test_id("command")).to_contain_text("--seed 31415")
    expect(page.locator("[data-testid=probabilities] tbody tr")).to_have_count(40)
    assert not blocking_violations(page)
    page.context.clear_cookies()

    # People drawn without an account get letters with one-time codes.
    log_in(page, site, organiser.email)
    page.goto(f"{site}/panele/zielen/organizacja/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Pobierz listy z kodami (CSV)").click()
    with open(download.value.path(), encoding="utf-8") as file:
        letters = list(csv.DictReader(file))
    letter = next(row for row in letters if row["drawn_as"] == "member")
    assert not blocking_violations(page)
    page.get_by_role("link", name="Zobacz osoby zgłoszone").click()
    expect(page.get_by_test_id("applicants").locator("tbody tr")).to_have_count(40)
    assert not blocking_violations(page)
    page.context.clear_cookies()

    # One of them makes an account and takes the seat with the code from the letter.
    voter = make_user("panelistka@example.org")
    log_in(page, site, voter.email)
    page.goto(f"{site}/panele/zielen/")
    page.get_by_role("link", name="Zajmij swoje miejsce").click()
    page.get_by_label("Kod z listu").fill("ZZZZZ-ZZZZZ")
    page.get_by_role("button", name="Zajmuję miejsce").click()
    expect(page.get_by_role("alert")).to_contain_text("Ten kod nie pasuje")
    assert not blocking_violations(page)
    page.get_by_label("Kod z listu").fill(letter["code"])
    page.get_by_role("button", name="Zajmuję miejsce").click()
    expect(page.get_by_role("status")).to_contain_text("jest teraz połączone z Twoim kontem")
    page.get_by_role("button", name="Potwierdzam udział").click()

    # Deliberation: the panelist drafts a recommendation and votes.
    members = list(
        Panelist.objects.filter(panel=panel, kind=PanelistKind.MEMBER).exclude(user=voter)
    )
    now = timezone.now()
    move_to(
        panel,
        "recommendations",
        voting_opens_at=now - datetime.timedelta(hours=1),
        voting_closes_at=now + datetime.timedelta(hours=1),
    )
    page.goto(f"{site}/panele/zielen/")
    page.get_by_label("Tytuł").fill("Drzewa przy każdej szkole")
    page.get_by_label("Treść").fill("Posadzić co najmniej 10 drzew przy każdej szkole.")
    page.get_by_role("button", name="Dodaj rekomendację").click()
    page.get_by_role("radio", name="Popieram", exact=True).check()
    page.get_by_role("button", name="Zapisz mój głos").click()
    expect(page.get_by_role("status")).to_contain_text("Zapisano Twój głos")
    rec = panel.recommendations.get()
    for m in members[:6]:  # six more panelists vote in the same window
        m.user = make_user()
        m.save(update_fields=["user"])
        services.cast_vote(actor=m.user, recommendation=rec, choice="yes")
    page.context.clear_cookies()

    # The window closes; the organiser publishes: 7 of 8 = 87.5%, binding.
    move_to(
        panel,
        "recommendations",
        voting_opens_at=now - datetime.timedelta(hours=2),
        voting_closes_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    log_in(page, site, organiser.email)
    page.goto(f"{site}/panele/zielen/organizacja/")
    page.get_by_role("button", name="Opublikuj wyniki").click()
    expect(page.get_by_test_id("published")).to_be_visible()
    expect(page.get_by_test_id("result-1")).to_contain_text("wiążąca")
    expect(page.get_by_test_id("result-1")).to_contain_text("87,5% (7 z 8)")
    assert not blocking_violations(page)
    page.goto(f"{site}/panele/")
    expect(page.get_by_role("link", name="Zieleń w mieście")).to_be_visible()
    assert not blocking_violations(page)
