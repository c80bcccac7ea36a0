"""The citizens' resolution initiative (art. 41a u.s.g.) on the shared signatures."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from wiec.commons import signatures
from wiec.commons.models import Signature
from wiec.core.roles import Role
from wiec.initiatives.models import ResolutionRules, Stage, statutory_threshold
from wiec.initiatives.services import resolutions as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_role_user):
    return make_role_user(Role.OFFICIAL, email="biuro@example.org")


@pytest.fixture
def rules(city, office):
    return services.set_rules(
        actor=office,
        city=city,
        resolution_title="Uchwała o inicjatywie",
        threshold=statutory_threshold(city.population),
        online_counts=False,
        promotion_rules="Plakaty w dzielnicach.",
        list_rules="",
    )


def _register(actor, city):
    return services.register(
        actor=actor,
        city=city,
        title="Projekt uchwały o zieleni",
        draft="§ 1. ...",
        justification="Bo tak.",
        committee="Komitet Zieleń",
        members="A\nB\nC",
        representatives="A",
    )


@pytest.mark.parametrize(
    ("population", "minimum"),
    [(4_000, 100), (5_000, 100), (5_001, 200), (20_000, 200), (20_001, 300), (None, 300)],
)
def test_statutory_threshold(population, minimum):
    assert statutory_threshold(population) == minimum


def test_a_threshold_below_the_statute_is_refused(city, office):
    city.population = 800_000
    city.save()
    with pytest.raises(ValidationError) as error:
        services.set_rules(
            actor=office,
            city=city,
            resolution_title="U",
            threshold=299,
            online_counts=False,
            promotion_rules="x",
        )
    assert "threshold" in error.value.error_dict
    assert not ResolutionRules.objects.exists()


def test_paper_signatures_outside_the_gmina_twice_and_checked(city, rules, office, make_resident):
    author = make_resident()
    initiative = _register(author, city)
    with pytest.raises(ValidationError) as error:
        services.enter_paper_signature(
            actor=author,
            initiative=initiative,
            full_name="Ewa Obca",
            street_address="ul. Polna 1",
            town="Wieliczka",
            sheet=1,
        )
    assert "town" in error.value.error_dict
    assert not Signature.objects.exists()
    first = services.enter_paper_signature(
        actor=author,
        initiative=initiative,
        full_name="Jan Nowak",
        street_address="ul. Długa 5",
        town=city.name,
        sheet=1,
    )
    with pytest.raises(ValidationError, match=r"already signed|już się podpisała"):
        services.enter_paper_signature(
            actor=author,
            initiative=initiative,
            full_name="JAN  NOWAK",
            street_address="ul. Dluga 5",
            town=city.name.upper(),
            sheet=2,
        )
    with pytest.raises(ValidationError):
        services.check_signature(
            actor=office, initiative=initiative, signature=first, valid=False, reason=""
        )
    services.check_signature(
        actor=office, initiative=initiative, signature=first, valid=False, reason="Brak podpisu"
    )
    first.refresh_from_db()
    assert first.invalid_reason == "Brak podpisu"


def test_online_support_is_support_where_the_city_does_not_count_it(city, rules, make_resident):
    author = make_resident()
    initiative = _register(author, city)
    services.support_online(actor=make_resident(), initiative=initiative)
    tally = signatures.tally(initiative.collection)
    assert (tally.signatures, tally.supports) == (0, 1)
    initiative.collection.online_counts = True
    initiative.collection.save()
    tally = signatures.tally(initiative.collection)
    assert (tally.signatures, tally.supports) == (1, 0)


def test_submission_needs_the_threshold_and_starts_three_months(
    city, rules, make_resident, monkeypatch
):
    author = make_resident()
    initiative = _register(author, city)
    initiative.collection.threshold = 1
    initiative.collection.save()
    with pytest.raises(ValidationError, match="1"):
        services.submit(actor=author, initiative=initiative)
    signature = services.enter_paper_signature(
        actor=author,
        initiative=initiative,
        full_name="Jan Nowak",
        street_address="ul. Długa 5",
        town=city.name,
        sheet=1,
    )
    signatures.check(actor=None, signature=signature, valid=True)
    # 23:30 in UTC is already the next day in Warsaw: the three months run from there.
    utc_day = datetime.datetime.now(datetime.UTC).date()
    late_evening = datetime.datetime.combine(utc_day, datetime.time(23, 30), datetime.UTC)
    monkeypatch.setattr(services.timezone, "now", lambda: late_evening)
    initiative = services.submit(actor=author, initiative=initiative)
    assert initiative.stage == Stage.SUBMITTED
    warsaw_day = utc_day + datetime.timedelta(days=1)
    assert initiative.session_due == services.add_months(warsaw_day, 3)


def test_add_months_keeps_the_month_end():
    assert services.add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)
    assert services.add_months(datetime.date(2026, 3, 15), 3) == datetime.date(2026, 6, 15)


def test_a_signer_from_a_village_of_a_rural_gmina_is_in_and_one_from_elsewhere_is_not(
    city, rules, make_resident
):
    city.name, city.slug = "Gmina Gołcza", "golcza"
    city.save(update_fields=["name", "slug"])
    author = make_resident()
    initiative = _register(author, city)
    entry = dict(actor=author, initiative=initiative, full_name="Maria Wieś", sheet=1)
    signature = services.enter_paper_signature(
        **entry, street_address="Wysocice 12", town="Wysocice"
    )
    assert signature.address == "Wysocice 12"
    services.enter_paper_signature(
        **{**entry, "full_name": "Piotr Sad"}, street_address="Szkolna 3", town="Przybysławice"
    )
    with pytest.raises(ValidationError) as error:
        services.enter_paper_signature(
            **{**entry, "full_name": "Ewa Obca"}, street_address="Rynek 1", town="Miechów"
        )
    message = error.value.error_dict["town"][0].messages[0]
    assert message.startswith(
        "Miejscowość Miechów nie leży w gminie Gołcza: podpisać mogą tylko mieszkańcy"
    )
    assert "Wysocice" in message
    assert initiative.collection.signatures.count() == 2
