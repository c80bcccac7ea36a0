"""The village fund: the statute's formula in grosze, its dates, the assembly's request."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from wiec.core.roles import Role
from wiec.initiatives.models import (
    AssemblyRequest,
    AssemblyRequestStatus,
    FundYear,
    Solectwo,
    deadlines,
    fund_amount,
)
from wiec.initiatives.services import villagefund as services


@pytest.mark.parametrize(
    ("residents", "kb", "expected"),
    [
        (0, 100_000, 200_000),  # 2 × Kb
        (100, 100_000, 300_000),  # 3 × Kb
        (555, 436_512, 3_295_666),  # 7,55 × 4 365,12 zł = 32 956,656 zł → 32 956,66 zł
        (800, 100_000, 1_000_000),  # 10 × Kb: the cap is reached
        (5_000, 100_000, 1_000_000),  # and holds
        (1, 1, 2),  # 2,01 grosza → 2 grosze
        (50, 1, 3),  # 2,5 grosza → 3 grosze (half up)
    ],
)
def test_the_formula(residents, kb, expected):
    assert fund_amount(residents, kb) == expected


def test_the_statutory_dates_fall_in_the_year_before():
    assert deadlines(2027) == {
        "council": datetime.date(2026, 3, 31),
        "information": datetime.date(2026, 7, 31),
        "request": datetime.date(2026, 9, 30),
    }


@pytest.fixture
def allocation(db, city, make_role_user):
    office = make_role_user(Role.OFFICIAL, email="wojt@example.org")
    fund = FundYear.objects.create(
        city=city,
        budget_year=2027,
        council_resolution="Uchwała",
        kb_grosze=400_000,
        kb_as_of=datetime.date(2026, 7, 1),
    )
    solectwo = Solectwo.objects.create(city=city, name="Kostrze")
    return office, services.allocate(
        actor=office,
        fund_year=fund,
        solectwo=solectwo,
        residents=300,
        residents_as_of=datetime.date(2025, 6, 30),
    )


TASKS = [{"task": "Plac zabaw", "cost_grosze": 1_500_000}]


def test_a_request_after_30_september_is_refused_and_nothing_saved(allocation, make_resident):
    _office, allocation = allocation
    assert allocation.amount_grosze == 2_000_000
    with pytest.raises(ValidationError) as error:
        services.file_request(
            actor=make_resident(),
            allocation=allocation,
            assembly_on=datetime.date(2026, 9, 20),
            convened_by="soltys",
            tasks=TASKS,
            justification="Dzieci nie mają gdzie się bawić.",
            today=datetime.date(2026, 10, 1),
        )
    assert error.value.code == "too_late"
    assert not AssemblyRequest.objects.exists()


def test_tasks_above_the_fund_are_refused(allocation, make_resident):
    _office, allocation = allocation
    with pytest.raises(ValidationError) as error:
        services.file_request(
            actor=make_resident(),
            allocation=allocation,
            assembly_on=datetime.date(2026, 9, 20),
            convened_by="soltys",
            tasks=[{"task": "Świetlica", "cost_grosze": 2_000_001}],
            justification="x",
            today=datetime.date(2026, 9, 25),
        )
    assert error.value.code == "over_fund"


def test_the_wojt_refuses_only_with_reasons(allocation, make_resident):
    office, allocation = allocation
    request = services.file_request(
        actor=make_resident(),
        allocation=allocation,
        assembly_on=datetime.date(2026, 9, 20),
        convened_by="residents",
        tasks=TASKS,
        justification="Dzieci nie mają gdzie się bawić.",
        today=datetime.date(2026, 9, 30),
    )
    assert request.decision_due == datetime.date(2026, 10, 7)
    with pytest.raises(ValidationError):
        services.decide(actor=office, request=request, accept=False, reasons="")
    services.decide(actor=office, request=request, accept=False, reasons="Teren nie jest gminny.")
    request.refresh_from_db()
    assert request.status == AssemblyRequestStatus.REFUSED
