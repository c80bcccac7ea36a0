"""The database refuses every reference from one municipality's record to another's."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(db):
    from wiec.places.models import City, District

    other = City.objects.create(name="Wieliczka", slug="wieliczka", office_name="Urząd")
    return District.objects.create(city=other, name="Centrum", slug="centrum")


def refused(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


@pytest.fixture
def edition(city):
    from wiec.budgets.models import Edition

    return Edition.objects.create(city=city, name="BO", slug="bo")


def test_a_pool_of_another_municipalitys_district(edition, districts, elsewhere):
    from wiec.budgets.models import Pool

    def pool(district):
        return lambda: Pool.objects.create(
            edition=edition, kind="district", name="P", district=district, amount=1
        )

    assert refused(pool(elsewhere))
    assert not refused(pool(districts["podgorze"]))
    own = Pool.objects.create(edition=edition, kind="city", name="Miasto", amount=1)
    own.district = elsewhere
    assert refused(lambda: own.save())


def test_a_ballot_and_a_proposal_of_another_municipality(edition, districts, elsewhere, make_user):
    from wiec.budgets.models import Ballot, Edition, Pool, Proposal

    own_pool = Pool.objects.create(edition=edition, kind="city", name="K", amount=1)
    other_edition = Edition.objects.create(city=elsewhere.city, name="BO W", slug="bo-w")
    foreign_pool = Pool.objects.create(edition=other_edition, kind="city", name="W", amount=1)
    proposal = Proposal.objects.create(
        edition=edition, pool=own_pool, author=make_user(), title="T", description="D"
    )
    proposal.pool = foreign_pool
    assert refused(lambda: proposal.save())
    ballot = Ballot.objects.create(
        edition=edition,
        channel="paper",
        voter_key="k1",
        received_on=timezone.localdate(),
        district=districts["podgorze"],
    )
    ballot.district = elsewhere
    assert refused(lambda: ballot.save())


def test_a_consultation_or_request_of_another_municipalitys_district(city, districts, elsewhere):
    from wiec.consultations.models import Consultation, ConsultationRequest, Topic

    today = timezone.localdate()
    consultation = Consultation.objects.create(
        city=city,
        title="K",
        slug="k",
        district=districts["podgorze"],
        goal="C",
        target_groups="M",
        responsible_unit="W",
        coordinator_name="E",
        can_influence="W",
        starts_on=today,
        ends_on=today,
    )
    consultation.district = elsewhere
    assert refused(lambda: consultation.save())
    consultation.district = districts["podgorze"]
    consultation.topic = Topic.objects.create(city=elsewhere.city, name="Zieleń", slug="zielen")
    assert refused(lambda: consultation.save())
    request = ConsultationRequest.objects.create(
        city=city, district=districts["podgorze"], title="W", justification="J", threshold=1
    )
    request.district = elsewhere
    assert refused(lambda: request.save())
    consultation.topic = None
    consultation.request = ConsultationRequest.objects.create(
        city=elsewhere.city, title="W", justification="J", threshold=1
    )
    assert refused(lambda: consultation.save())


def test_an_officials_district_and_a_residents_district_of_another_municipality(
    city, districts, elsewhere, make_user, policy
):
    from wiec.accounts.models import ResidencyDeclaration, RoleAssignment

    assignment = RoleAssignment.objects.create(user=make_user(), role="official", city=city)
    assert refused(lambda: assignment.districts.add(elsewhere))
    assignment.districts.add(districts["podgorze"])
    declaration = ResidencyDeclaration.objects.create(
        user=make_user(),
        city=city,
        policy=policy,
        full_name="Anna",
        street_address="ul. A 1",
        postal_code="30-001",
        town="Kraków",
        district=districts["podgorze"],
        identity_basis="declaration",
        status="verified",
    )
    declaration.district = elsewhere
    assert refused(lambda: declaration.save())


def test_a_search_entry_of_another_municipalitys_district(city, elsewhere):
    from wiec.core.models import SearchEntry

    entry = SearchEntry.objects.create(city=city, tool="t", key="k", title="T", url="/")
    entry.district = elsewhere
    assert refused(lambda: entry.save())
