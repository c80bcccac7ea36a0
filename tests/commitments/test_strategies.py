"""Monitored strategies: imported from a spreadsheet, values against the target path,
tasks that are commitments, comments per goal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wiec.commitments import strategies
from wiec.commitments.demo import strategy_csv
from wiec.commitments.models import Commitment, IndicatorValue, Strategy
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(make_role_user):
    return make_role_user(Role.COORDINATOR)


@pytest.fixture
def strategy(city, coordinator):
    return strategies.import_strategy(
        actor=coordinator,
        city=city,
        title="Plan klimatyczny",
        starts_year=2023,
        ends_year=2030,
        text=strategy_csv(2026),
    )


def test_the_import_makes_goals_indicators_values_and_commitments(strategy):
    assert [g.title for g in strategy.goals.all()] == [
        "Chłodniejsze miasto w czasie upałów",
        "Mniej spalin z transportu",
        "Woda deszczowa zostaje w mieście",
    ]
    assert IndicatorValue.objects.filter(measure__goal__strategy=strategy).count() == 6
    tasks = Commitment.objects.filter(tool="strategies")
    assert tasks.count() == 3 and all(t.goal.strategy == strategy for t in tasks)
    greenery = strategy.goals.first().measures.get()
    assert greenery.target_on(2023) == 18 and greenery.target_on(2030) == 25
    assert greenery.target_on(2026) == pytest.approx(21)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("cel,,,,,,,,,,", "Nazwij cel"),
        ("miernik,Nieznany,X,%,2023,1,2030,2,,,", "Nieznany"),
        ("wartosc,,Brak,,2024,1,,,Źródło,,", "Brak"),
        ("zadanie,Mniej spalin z transportu,Zadanie,,,,,,,Wydział,31.12.2027", "RRRR-MM-DD"),
        ("pomysł,,,,,,,,,,", "typ"),
        ("miernik,Mniej spalin z transportu,Y,%,2023,dużo,2030,2,,,", "liczbą"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_saved(city, coordinator, line, message):
    text = strategy_csv(2026) + line + "\n"
    with pytest.raises(ValidationError) as error:
        strategies.import_strategy(
            actor=coordinator, city=city, title="Plan", starts_year=2023, ends_year=2030, text=text
        )
    assert message in " ".join(error.value.messages)
    assert not Strategy.objects.exists() and not Commitment.objects.exists()


def test_the_monitoring_team_records_a_value_and_residents_comment(
    client, strategy, coordinator, make_resident
):
    measure = strategy.goals.first().measures.get()
    strategies.record_value(
        actor=coordinator, measure=measure, year=2026, value=Decimal("20.1"), source="GUS"
    )
    with pytest.raises(PermissionDenied):
        strategies.record_value(
            actor=make_resident(), measure=measure, year=2027, value=Decimal(1), source="x"
        )
    resident = make_resident()
    client.force_login(resident)
    goal = strategy.goals.first()
    url = f"/zobowiazania/strategie/{strategy.slug}/cele/{goal.pk}/"
    assert client.post(url, {"text": "Więcej drzew w Nowej Hucie!"}).status_code == 302
    html = client.get(strategy.get_absolute_url()).content.decode()
    assert "Więcej drzew w Nowej Hucie!" in html
    assert html.count('role="img"') == 3 and "20,1" in html and "GUS" in html
    assert client.post(url, {"text": " "}).status_code == 400


def test_a_goal_comment_with_the_hidden_field_filled_is_refused(client, strategy, make_resident):
    goal = strategy.goals.first()
    client.force_login(make_resident())
    page = client.get(strategy.get_absolute_url()).content.decode()
    assert f'id="website-{goal.pk}"' in page and "field hp" in page
    url = f"/zobowiazania/strategie/{strategy.slug}/cele/{goal.pk}/"
    response = client.post(url, {"text": "Kup mnie!", "website": "http://spam"})
    assert response.status_code == 400
    assert "To pole musi pozostać puste" in response.content.decode()
    assert not goal.comments.exists()
