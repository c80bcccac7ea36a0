"""The office's screens: a year's local initiative pool and a village fund year."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.initiatives.conftest import ITEMS, draft
from wiec.initiatives.models import Allocation, AssemblyRequest, FundYear, InitiativePool, Solectwo
from wiec.initiatives.services import local

pytestmark = pytest.mark.django_db


def _pool_form(**changes):
    data = {
        "year": "2026",
        "resolution_title": "Uchwała nr XII/34/26",
        "resolution_url": "https://bip.example.org/uchwala-xii-34-26",
        "amount_grosze": "100 000,00",
        "work_rate_grosze": "35,00",
        "areas": ["nature", "culture"],
        "weight_work": "40",
        "weight_other": "20",
        "weight_usefulness": "25",
        "weight_feasibility": "15",
    }
    data.update(changes)
    return data


def test_the_office_opens_a_pool_and_cannot_shrink_it_below_what_is_committed(
    client, city, official, make_resident
):
    client.force_login(official)
    response = client.post(reverse("initiatives:pool_create"), _pool_form())
    assert response.status_code == 302
    pool = InitiativePool.objects.get(city=city, year=2026)
    assert pool.amount_grosze == 10_000_000 and pool.work_rate_grosze == 3_500
    application = local.submit_application(
        actor=make_resident(), pool=pool, draft=draft(), items=ITEMS
    )
    scores = {c: (8, "Dobrze.") for c in ("work", "other", "usefulness", "feasibility")}
    local.assess(actor=official, application=application, scores=scores)
    local.decide(actor=official, application=application, decision="accepted", reasons="")

    url = reverse("initiatives:pool_edit", args=[pool.pk])
    response = client.post(url, _pool_form(amount_grosze="5 000,00"))
    assert response.status_code == 400
    assert (
        "Pula nie może być mniejsza niż kwota, którą miasto już zaangażowało w przyjęte "
        "inicjatywy (10 000,00 zł)." in response.content.decode()
    )
    pool.refresh_from_db()
    assert pool.amount_grosze == 10_000_000

    response = client.post(url, _pool_form(areas=["culture"]))
    assert response.status_code == 400
    assert "ochrona przyrody" in response.content.decode()  # the area the application uses

    response = client.post(reverse("initiatives:pool_create"), _pool_form())
    assert "Pula na 2026 już istnieje" in response.content.decode()
    response = client.post(
        reverse("initiatives:pool_create"), _pool_form(year="2027", weight_work="10")
    )
    assert "musi ważyć więcej" in response.content.decode()
    assert InitiativePool.objects.count() == 1


def test_a_resident_cannot_open_the_office_screens(client, make_resident):
    client.force_login(make_resident())
    assert client.get(reverse("initiatives:pool_create")).status_code == 403
    assert client.get(reverse("initiatives:fund_year_create")).status_code == 403


def _fund_form(solectwa, **changes):
    data = {
        "budget_year": "2027",
        "council_resolution": "Uchwała nr III/20/26 o funduszu sołeckim",
        "kb_grosze": "4 000,00",
        "kb_as_of": "2026-07-01",
        "lm-TOTAL_FORMS": str(len(solectwa)),
        "lm-INITIAL_FORMS": str(len(solectwa)),
    }
    for n, (solectwo, residents, as_of) in enumerate(solectwa):
        data[f"lm-{n}-solectwo"] = str(solectwo.pk)
        data[f"lm-{n}-residents"] = str(residents)
        data[f"lm-{n}-residents_as_of"] = as_of
    data.update(changes)
    return data


def test_the_office_opens_a_fund_year_and_the_amounts_follow_the_formula(client, city, official):
    wysocice = Solectwo.objects.create(city=city, name="Wysocice")
    golcza = Solectwo.objects.create(city=city, name="Gołcza")
    client.force_login(official)
    lines = [(wysocice, 300, ""), (golcza, 900, "2026-06-30")]
    response = client.post(reverse("initiatives:fund_year_create"), _fund_form(lines))
    assert response.status_code == 302
    fund = FundYear.objects.get(city=city, budget_year=2027)
    amounts = dict(fund.allocations.values_list("solectwo__name", "amount_grosze"))
    assert amounts == {"Wysocice": 2_000_000, "Gołcza": 4_000_000}  # 5 × Kb; capped at 10 × Kb

    wrong_day = [(wysocice, 300, "2026-12-31")]
    url = reverse("initiatives:fund_year_edit", args=[fund.pk])
    response = client.post(url, _fund_form(wrong_day))
    assert response.status_code == 400
    assert "Lm to liczba mieszkańców na dzień 30 czerwca 2026" in response.content.decode()

    allocation = Allocation.objects.get(solectwo=wysocice)
    AssemblyRequest.objects.create(
        allocation=allocation,
        assembly_on=datetime.date(2026, 9, 1),
        convened_by="soltys",
        tasks=[{"task": "Wiata", "cost_grosze": 1_800_000}],
        justification="Potrzebna.",
    )
    response = client.post(url, _fund_form(lines, kb_grosze="3 000,00"))
    assert response.status_code == 400
    assert "mniej niż zebranie wiejskie już wnioskowało (18 000,00 zł)" in response.content.decode()
    fund.refresh_from_db()
    assert fund.kb_grosze == 400_000
    assert Allocation.objects.get(solectwo=wysocice).amount_grosze == 2_000_000
