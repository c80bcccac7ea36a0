"""The demo region: three municipalities, and Wieliczka's real Green Budget 2023."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_wieliczka_green_budget_is_counted_by_equal_shares_as_the_municipality_did():
    from wiec.budgets import demo as budgets_demo
    from wiec.budgets.models import Edition, Proposal, Status
    from wiec.places import demo

    region = demo.load_region()
    assert {c.kind for c in region.values()} == {"city_county", "urban_rural", "rural"}
    budgets_demo.load_region(region)
    edition = Edition.objects.get(slug=budgets_demo.WIELICZKA_2023)
    assert edition.city == region["wieliczka"]
    pool = edition.pools.get()
    assert pool.counting_rule == "equalshares/add1-comparison"
    assert pool.amount == 1_000_000_00
    selected = Proposal.objects.filter(edition=edition, status=Status.SELECTED)
    # The file marks 30 of its 64 projects selected; the count agrees with every one.
    assert selected.count() == 30
    assert edition.ballots.count() == 6586
    assert selected.filter(title__startswith="Zakup 10 fotopułapek").exists()
    from wiec.budgets.models import ProjectResult

    counted = ProjectResult.objects.filter(pool_result__pool=pool, selected=True)
    assert set(counted.values_list("proposal_id", flat=True)) == set(
        selected.values_list("pk", flat=True)
    )
