"""The pages through the test client: forms in Polish, filters, PDF, register, demo."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.urls import reverse

from tests.budgets.conftest import png_upload
from wiec.accounts.models import User
from wiec.budgets import services
from wiec.budgets.models import Proposal, Status

pytestmark = pytest.mark.django_db

PASSWORD = "haslo-testowe-123"


def form_data(pool, **extra):
    data = {
        "title": "Ławki nad Wisłą",
        "pool": pool.pk,
        "description": "Dziesięć ławek.",
        "cost_0_item": "Ławki",
        "cost_0_amount": "12 500,00",
        "submit": "1",
    }
    data.update(extra)
    return data


def login(client, user):
    client.force_login(user)


def test_submit_through_the_form(client, people, pools):
    login(client, people["author"])
    response = client.post(
        reverse("budgets:proposal_create", args=["bo-2027"]),
        form_data(pools["podgorze"], images=png_upload()),
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert proposal.status == Status.SUBMITTED and proposal.cost == 1_250_000
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "12 500,00 zł" in page


@pytest.mark.parametrize("amount", ["0", "-50"])
def test_zero_or_negative_cost_gets_a_polish_message(client, people, pools, amount):
    login(client, people["author"])
    response = client.post(
        reverse("budgets:proposal_create", args=["bo-2027"]),
        form_data(pools["podgorze"], cost_0_amount=amount),
    )
    assert response.status_code == 200
    assert "Kwota musi być większa od zera." in response.content.decode()
    assert not Proposal.objects.exists()


def test_non_image_gets_a_polish_message(client, people, pools):
    login(client, people["author"])
    fake = SimpleUploadedFile("zdjecie.jpg", b"not an image at all", content_type="image/jpeg")
    response = client.post(
        reverse("budgets:proposal_create", args=["bo-2027"]),
        form_data(pools["podgorze"], images=fake),
    )
    assert "nie jest obrazem" in response.content.decode()
    assert not Proposal.objects.exists()


def test_deadline_passed_gets_a_polish_message(client, people, pools, edition):
    import datetime

    phase = edition.phases.get(type="submission")
    phase.starts_on -= datetime.timedelta(days=5)
    phase.ends_on -= datetime.timedelta(days=1)
    phase.save()
    login(client, people["author"])
    response = client.post(
        reverse("budgets:proposal_create", args=["bo-2027"]), form_data(pools["podgorze"])
    )
    assert "Termin składania projektów" in response.content.decode()
    assert not Proposal.objects.exists()


def test_missing_justification_gets_a_polish_message(client, people, make_proposal):
    proposal = make_proposal(people["author"])
    login(client, people["official_podgorze"])
    url = reverse("budgets:proposal_verify", args=[proposal.pk])
    response = client.post(url, {"passed": "0", "notes": ""})
    assert "Negatywny wynik wymaga uzasadnienia." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


@pytest.mark.parametrize("amount", ["9" * 25, "99999999999999999999,99"])
def test_a_huge_adjusted_cost_gets_a_polish_message(client, people, make_proposal, amount):
    proposal = make_proposal(people["author"])
    official = people["official_podgorze"]
    services.record_formal_review(actor=official, proposal=proposal, passed=True)
    login(client, official)
    url = reverse("budgets:proposal_verify", args=[proposal.pk])
    data = {"outcome": "changes", "justification": "Taniej.", "adjusted_cost": amount}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Wpisz kwotę nie większą niż" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_VERIFICATION


def test_other_district_official_gets_403(client, people, make_proposal):
    proposal = make_proposal(people["author"])
    login(client, people["official_nowa_huta"])
    assert client.get(reverse("budgets:proposal_verify", args=[proposal.pk])).status_code == 403


def test_list_filters_and_map_view(client, people, make_proposal, pools):
    make_proposal(people["author"], title="Podgórski", latitude=50.04, longitude=19.99)
    make_proposal(people["author"], pool="nowa-huta", title="Nowohucki")
    make_proposal(people["author"], title="Szkic", status="draft")
    url = reverse("budgets:proposals", args=["bo-2027"])
    page = client.get(url).content.decode()
    assert "Podgórski" in page and "Nowohucki" in page and "Szkic" not in page
    page = client.get(url, {"district": pools["nowa-huta"].district_id}).content.decode()
    assert "Nowohucki" in page and "Podgórski" not in page
    page = client.get(url, {"widok": "mapa"}).content.decode()
    assert 'id="proposal-map"' in page and "Podgórski" in page


def test_support_list_pdf(client, people, make_proposal):
    proposal = make_proposal(people["author"])
    login(client, people["author"])
    response = client.get(reverse("budgets:support_list_pdf", args=[proposal.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_register_of_appeals_and_verification_sheet_are_public(client, people, make_proposal):
    proposal = make_proposal(people["author"])
    services.record_formal_review(
        actor=people["official_podgorze"], proposal=proposal, passed=False, notes="Brak mapy."
    )
    services.file_appeal(actor=people["author"], proposal=proposal, reasons="Mapa w załączniku.")
    page = client.get(reverse("budgets:appeals", args=["bo-2027"])).content.decode()
    assert proposal.title in page
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Karta weryfikacji" in page and "Brak mapy." in page


def test_coordinator_configures_a_pool_over_the_cap(client, people, edition, districts):
    login(client, people["coordinator"])
    response = client.post(
        reverse("budgets:pool_create", args=["bo-2027"]),
        {
            "kind": "district",
            "name": "Dębniki",
            "district": districts["debniki"].pk,
            "amount": "900 000",
            "counting_rule": "greedy",
            "ballot_type": "ordinal",
            "max_choices": "3",
            "points": "3,2,1",
            "support_required": "64",
        },
    )
    assert "najwyżej 63 podpisów" in response.content.decode()
    assert not edition.pools.exists()


def test_demo_loads_twice(city, monkeypatch):
    from wiec.accounts import demo as accounts_demo
    from wiec.budgets import demo

    imported = []
    monkeypatch.setattr(demo, "load_krakow_2019", imported.append)  # tested in test_results
    accounts_demo.load(city)
    demo.load(city)
    counts = dict(Proposal.objects.values_list("edition__slug").annotate(n=Count("pk")))
    demo.load(city)
    assert imported == [city, city]
    verification = Proposal.objects.filter(edition__slug=demo.SLUG)
    statuses = set(verification.values_list("status", flat=True))
    # Every status before the vote; selected / not selected are results of imported editions.
    assert statuses == set(Status.values) - {Status.WITHDRAWN, Status.SELECTED, Status.NOT_SELECTED}
    assert verification.count() == len(demo.PROPOSALS)
    assert dict(Proposal.objects.values_list("edition__slug").annotate(n=Count("pk"))) == counts


def test_demo_has_krakow_and_warsaw_voting_open_now(city, districts):
    from wiec.accounts import demo as accounts_demo
    from wiec.budgets import demo, voting
    from wiec.budgets.models import Edition, PoolKind

    accounts_demo.load(city)
    demo.load(city, krakow_2019=False)
    krakow = Edition.objects.get(slug=demo.KRAKOW_VOTING)
    warsaw = Edition.objects.get(slug=demo.WARSAW_VOTING)
    for edition in (krakow, warsaw):
        assert edition.is_open("voting")
        assert voting.voting_settings(edition).one_district
        assert edition.pools.filter(kind=PoolKind.DISTRICT).count() == len(districts)
        assert not edition.proposals.exclude(status=Status.READY).exists()
    # Kraków: exactly 3 city-wide and 3 district projects, ranked 3-2-1.
    for pool in krakow.pools.all():
        assert (pool.ballot_type, pool.points_list()) == ("ordinal", [3, 2, 1])
        assert pool.min_choices == pool.max_choices == 3
        assert voting.vote_limit(pool, pool.proposals.count()) == 3
        assert pool.proposals.count() > 3
    # Warsaw: up to 15 in the chosen district and up to 10 city-wide, minimum votes.
    city_pool = warsaw.pools.get(kind=PoolKind.CITY)
    assert (city_pool.ballot_type, city_pool.max_choices) == ("approval", 10)
    assert city_pool.min_votes and city_pool.proposals.count() > 10
    for pool in warsaw.pools.filter(kind=PoolKind.DISTRICT):
        assert (pool.ballot_type, pool.max_choices, pool.min_choices) == ("approval", 15, None)
        assert pool.min_votes
    # A resident of Podgórze votes in both, in their own district.
    jan = User.objects.get(email="mieszkaniec@demo.wiec.pl")
    podgorze = krakow.pools.get(district=districts["podgorze"])
    city_ids = list(krakow.pools.get(kind=PoolKind.CITY).proposals.values_list("pk", flat=True))
    district_ids = list(podgorze.proposals.values_list("pk", flat=True))
    cast = voting.cast_ballot(
        actor=jan,
        edition=krakow,
        selections={
            krakow.pools.get(kind=PoolKind.CITY).pk: [(pk, None) for pk in city_ids[:3]],
            podgorze.pk: [(pk, None) for pk in district_ids[:3]],
        },
    )
    assert sorted(cast.ballot.votes.values_list("points", flat=True)) == [1, 1, 2, 2, 3, 3]


def test_coordinator_sets_up_an_edition_with_phase_dates(client, people, city):
    from wiec.budgets.models import Edition

    login(client, people["coordinator"])
    response = client.post(
        reverse("budgets:edition_create"),
        {
            "name": "BO 2029",
            "slug": "bo-2029",
            "who_may_submit": "verified",
            "who_may_support": "verified",
            "who_may_vote": "verified",
            "appeal_days": "5",
            "submission_starts": "2029-01-10",
            "submission_ends": "2029-02-10",
            "appeals_starts": "2029-04-01",
            "appeals_ends": "2029-04-20",
        },
    )
    assert response.status_code == 302
    edition = Edition.objects.get(slug="bo-2029")
    assert not edition.age_rule
    assert sorted(edition.phases.values_list("type", flat=True)) == ["appeals", "submission"]
    login(client, people["resident"])
    assert client.get(reverse("budgets:edition_create")).status_code == 403
