"""A municipality's own proposal categories: offered only in it, beside the shared ones,
and a proposal of one municipality cannot use another's (the database refuses it)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from wiec.budgets import services
from wiec.budgets.forms import FilterForm, ProposalForm
from wiec.budgets.models import Category, Edition, Pool, Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def words(city, wieliczka):
    return {
        "shared": Category.objects.create(name="Sport"),
        "krakow": Category.objects.create(city=city, name="Kultura ludowa"),
        "wieliczka": Category.objects.create(city=wieliczka, name="Kopalnia i turystyka"),
    }


def _offered(form) -> set[str]:
    return {c.name for c in form.fields["category"].queryset}


def test_the_form_offers_the_shared_categories_and_the_municipalitys_own(edition, pools, words):
    offered = _offered(ProposalForm(edition=edition))
    assert {"Sport", "Kultura ludowa"} <= offered
    assert "Kopalnia i turystyka" not in offered
    posted = ProposalForm(
        {"title": "Park", "pool": pools["city"].pk, "description": "D",
         "category": words["wieliczka"].pk},
        edition=edition,
    )  # fmt: skip
    assert not posted.is_valid() and "category" in posted.errors


def test_the_filter_lists_only_words_of_the_municipalitys_proposals(
    edition, pools, words, make_user
):
    Proposal.objects.create(
        edition=edition, pool=pools["city"], author=make_user(), title="T", description="D",
        category=words["krakow"],
    )  # fmt: skip
    assert _offered(FilterForm(edition=edition)) == {"Kultura ludowa"}


def test_the_database_refuses_another_municipalitys_category(edition, pools, words, make_user):
    proposal = Proposal.objects.create(
        edition=edition, pool=pools["city"], author=make_user(), title="T", description="D",
        category=words["shared"],
    )  # fmt: skip
    proposal.category = words["krakow"]
    proposal.save()
    proposal.category = words["wieliczka"]
    with pytest.raises(IntegrityError), transaction.atomic():
        proposal.save()
    their_edition = Edition.objects.create(city=words["wieliczka"].city, name="BO", slug="bo")
    their_pool = Pool.objects.create(edition=their_edition, kind="city", name="P", amount=1)
    theirs = Proposal.objects.create(
        edition=their_edition, pool=their_pool, author=make_user(), title="W", description="D",
        category=words["wieliczka"],
    )  # fmt: skip
    assert theirs.pk


def test_names_are_unique_per_municipality_and_among_the_shared(city, wieliczka, words):
    Category.objects.create(city=wieliczka, name="Kultura ludowa")  # another municipality's word
    with pytest.raises(IntegrityError), transaction.atomic():
        Category.objects.create(city=city, name="Kultura ludowa")
    with pytest.raises(IntegrityError), transaction.atomic():
        Category.objects.create(name="Sport")


def test_a_coordinator_adds_a_category_of_their_municipality_only(city, people, words):
    category = services.add_category(actor=people["coordinator"], city=city, name="  Ogrody  ")
    assert (category.city, category.name) == (city, "Ogrody")
    with pytest.raises(ValidationError):  # a shared one of that name is offered already
        services.add_category(actor=people["coordinator"], city=city, name="sport")
    with pytest.raises(PermissionDenied):
        services.add_category(actor=people["resident"], city=city, name="Place zabaw")
    assert not Category.objects.filter(name="Place zabaw").exists()


def test_the_api_lists_no_other_municipalitys_categories(client, edition, pools, words, make_user):
    Proposal.objects.create(
        edition=edition, pool=pools["city"], author=make_user(), title="T", description="D",
        category=words["krakow"],
    )  # fmt: skip
    names = [c["name"] for c in client.get("/api/v1/budgets/categories").json()]
    assert names == ["Kultura ludowa"]
    other = client.get("/g/wieliczka/api/v1/budgets/categories").json()
    assert other == []
