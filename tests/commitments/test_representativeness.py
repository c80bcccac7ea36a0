"""Who takes part: shares and ratios, only what is collected, no small group shown."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wiec.commitments import representativeness as rep
from wiec.commitments.models import PopulationFigure
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db

FIGURES = "wymiar,grupa,liczba\ndzielnica,podgorze,20000\ndzielnica,Stare Miasto,30000\n"
FIGURES += "dzielnica,nowa-huta,50000\nwiek,18–29,10\npłeć,K,52\nplec,m,48\n"


def district_rows(city, consultation):
    year = timezone.localdate().year
    process = rep.process(city, year, "consultations", str(consultation.pk))
    tables = rep.tables(city, year, process.profiles(), collects_age_sex=process.collects_age_sex)
    return {r.label: r for r in tables[0].rows if r.participants or r.hidden}, tables


def test_a_group_of_four_is_hidden_and_one_more_so_the_total_tells_nothing(city, consulted):
    rows, tables = district_rows(city, consulted)
    hidden = {label for label, r in rows.items() if r.hidden}
    assert any("Nowa Huta" in label for label in hidden)
    # Only one small group: the next smallest (Stare Miasto, 11) is hidden with it.
    assert any("Stare Miasto" in label for label in hidden)
    shown = [r for r in rows.values() if not r.hidden]
    assert [r.participants for r in shown] == [14]
    # The default policy is a plain declaration: no age, no sex is counted.
    assert [t.collected for t in tables] == [True, False, False]


def test_the_ratio_compares_shares_with_the_population(city, consulted, make_role_user):
    coordinator = make_role_user(Role.COORDINATOR)
    year = timezone.localdate().year
    assert rep.import_population(actor=coordinator, city=city, year=year, text=FIGURES) == 6
    rows, _tables = district_rows(city, consulted)
    podgorze = next(r for label, r in rows.items() if "Podgórze" in label)
    assert podgorze.participant_share == pytest.approx(14 / 29)
    assert podgorze.population_share == pytest.approx(0.2)
    assert podgorze.ratio == pytest.approx(14 / 29 / 0.2)


def test_the_minimum_is_a_setting(city, consulted, settings):
    settings.WIEC_REPRESENTATIVENESS_MIN_GROUP = 3
    rows, _tables = district_rows(city, consulted)
    assert not any(r.hidden for r in rows.values())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b,c\n", "wymiar, grupa, liczba"),
        ("wymiar,grupa,liczba\nwzrost,180,5\n", "Wiersz 2"),
        ("wymiar,grupa,liczba\ndzielnica,Atlantyda,5\n", "Atlantyda"),
        ("wymiar,grupa,liczba\nwiek,18-29,dużo\n", "liczbą całkowitą"),
        ("wymiar,grupa,liczba\nwiek,18-29,5\nwiek,18-29,6\n", "powtarza"),
    ],
)
def test_a_bad_file_is_a_polish_message_and_stores_nothing(city, make_role_user, text, message):
    coordinator = make_role_user(Role.COORDINATOR)
    with pytest.raises(ValidationError) as error:
        rep.import_population(actor=coordinator, city=city, year=2026, text=text)
    assert message in " ".join(error.value.messages)
    assert not PopulationFigure.objects.exists()


def test_only_the_city_wide_office_enters_figures(city, make_role_user):
    podgorze = make_role_user(Role.OFFICIAL, scope=("podgorze",))
    with pytest.raises(PermissionDenied):
        rep.import_population(actor=podgorze, city=city, year=2026, text=FIGURES)


def test_the_pages_show_the_year_and_the_process(client, city, consulted, make_role_user):
    year = timezone.localdate().year
    html = client.get("/zobowiazania/reprezentatywnosc/").content.decode()
    assert "Park linearny" in html and "29 osób" in html
    url = f"/zobowiazania/reprezentatywnosc/{year}/consultations/{consulted.pk}/"
    html = client.get(url).content.decode()
    assert html.count('data-testid="hidden-group"') == 2
    assert client.get(f"/zobowiazania/reprezentatywnosc/{year}/consultations/0/").status_code == 404
    assert client.get("/zobowiazania/reprezentatywnosc/ludnosc/").status_code == 302
    client.force_login(make_role_user(Role.COORDINATOR))
    response = client.post(
        "/zobowiazania/reprezentatywnosc/ludnosc/", {"year": year, "text": FIGURES}
    )
    assert response.status_code == 302 and PopulationFigure.objects.count() == 6
    response = client.post("/zobowiazania/reprezentatywnosc/ludnosc/", {"year": year})
    assert response.status_code == 400
