"""The pages through the test client: forms in Polish, filters, PDF, register, demo."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.budgets.conftest import png_upload
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


def test_demo_loads_twice(city):
    from wiec.accounts import demo as accounts_demo
    from wiec.budgets import demo

    accounts_demo.load(city)
    demo.load(city)
    demo.load(city)
    statuses = set(Proposal.objects.values_list("status", flat=True))
    assert statuses == set(Status.values) - {Status.WITHDRAWN}
    assert Proposal.objects.count() == len(demo.PROPOSALS)


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
