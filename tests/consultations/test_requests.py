"""Residents' requests: support counted once per person, the office and the author told
at the threshold, with the answer deadline."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from wiec.consultations import services
from wiec.consultations.models import RequestStatus
from wiec.core.models import Notification
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def pesel_policy(city):
    from wiec.accounts.models import IdentityPolicy

    return IdentityPolicy.objects.create(city=city, name="PESEL", ask_pesel=True)


@pytest.fixture
def declare(districts):
    """Declare residency for a user, with a PESEL under a PESEL policy or without."""
    from wiec.accounts import services as accounts

    def declare(user, policy, pesel: str = "", district: str = "podgorze"):
        return accounts.declare_residency(
            actor=user,
            policy=policy,
            declaration=accounts.Declaration(
                full_name=f"Osoba {user.pk}",
                street_address="ul. Testowa 1",
                postal_code="30-500",
                town="Kraków",
                district=districts[district],
                pesel=pesel,
            ),
        )

    return declare


def pesel(serial: int) -> str:
    from wiec.accounts.pesel import make_pesel

    return make_pesel(datetime.date(1980, 5, 14), serial, "F")


def supporters(request):
    """The request's support counted from the rows, and the stored count agreeing."""
    from wiec.commons import signatures

    request.collection.refresh_from_db()
    stored = request.collection.valid_count
    assert signatures.recount(request.collection) == stored
    return stored


def city_request(city, author, threshold=10):
    request = services.file_request(actor=author, city=city, title="Park", justification="Bo tak")
    request.threshold = threshold
    request.save(update_fields=["threshold"])
    return request


def test_one_person_with_two_accounts_supports_once(
    city, make_user, make_resident, pesel_policy, policy, declare
):
    request = city_request(city, make_resident())
    first = make_user()
    declare(first, pesel_policy, pesel(1))
    services.support_request(actor=first, request=request)
    assert not request.collection.signatures.get(user=first).identity_key.startswith("account:")
    # The person moves their PESEL to a second account (the first one keeps a plain
    # declaration, so the key is free again) and tries to support once more.
    declare(first, policy)
    second = make_user()
    declare(second, pesel_policy, pesel(1))
    with pytest.raises(ValidationError) as error:
        services.support_request(actor=second, request=request)
    assert error.value.code == "already_supported_by_person"
    assert "z innego konta" in error.value.messages[0]
    assert supporters(request) == 2  # the author and the first account
    # Another person with another PESEL counts.
    third = make_user()
    declare(third, pesel_policy, pesel(2))
    services.support_request(actor=third, request=request)
    assert supporters(request) == 3


def test_the_database_refuses_a_second_support_with_one_key(city, make_resident):
    from wiec.commons.models import Signature

    request = city_request(city, make_resident())
    one = {"collection": request.collection, "channel": "online", "status": "valid"}
    Signature.objects.create(**one, user=make_resident(), identity_key="k" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(**one, user=make_resident(), identity_key="k" * 64)
    # Without a key (a plain declaration) the account is what counts once.
    for _ in range(2):
        services.support_request(actor=make_resident(), request=request)
    keys = request.collection.signatures.values_list("identity_key", flat=True)
    assert len([k for k in keys if k.startswith("account:")]) == 3  # with the author's


def test_plain_declarations_count_once_per_account(city, make_resident):
    request = city_request(city, make_resident())
    resident = make_resident()
    services.support_request(actor=resident, request=request)
    with pytest.raises(ValidationError) as error:
        services.support_request(actor=resident, request=request)
    assert error.value.code == "not_allowed" or error.value.code == "already_supported"
    assert supporters(request) == 2


def test_office_and_author_are_told_at_the_threshold_with_the_deadline(
    city, districts, make_resident, make_role_user
):
    from wiec.consultations.selectors import settings_of

    settings_of(city)
    in_scope = make_role_user(Role.OFFICIAL, scope=("podgorze",))
    city_wide = make_role_user(Role.OFFICIAL)
    coordinator = make_role_user(Role.COORDINATOR)
    elsewhere = make_role_user(Role.OFFICIAL, scope=("stare-miasto",))
    moderator = make_role_user(Role.MODERATOR)
    author = make_resident("podgorze")
    request = services.file_request(
        actor=author,
        city=city,
        title="Skwer",
        justification="Bo tak",
        district=districts["podgorze"],
    )
    request.threshold = 2
    request.save(update_fields=["threshold"])
    assert not Notification.objects.exists()
    services.support_request(actor=make_resident("podgorze"), request=request)
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED
    due = timezone.localdate() + datetime.timedelta(days=30)
    assert request.answer_due_on == due
    told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert told == {in_scope.pk, city_wide.pk, coordinator.pk, author.pk}
    assert elsewhere.pk not in told and moderator.pk not in told
    from django.utils.formats import date_format
    from django.utils.translation import override

    with override("pl"):
        polish_due = date_format(due, "j E Y")
    office = Notification.objects.get(recipient=in_scope)
    assert "Skwer" in office.subject and polish_due in office.body
    assert office.url == request.get_absolute_url()
    mine = Notification.objects.get(recipient=author)
    assert "Skwer" in mine.subject and polish_due in mine.body
    # More support after the threshold tells no one again.
    services_support = Notification.objects.count()
    with pytest.raises(ValidationError):
        services.support_request(actor=make_resident("podgorze"), request=request)
    assert Notification.objects.count() == services_support


def test_notification_is_in_the_recipients_language(city, make_resident, make_role_user):
    official = make_role_user(Role.OFFICIAL)
    official.language = "en"
    official.save(update_fields=["language"])
    request = city_request(city, make_resident(), threshold=2)
    services.support_request(actor=make_resident(), request=request)
    english = Notification.objects.get(recipient=official)
    assert english.subject.startswith("A request for a consultation needs your answer")
    assert "must answer it by" in english.body


def test_each_support_is_also_a_signature_under_the_same_key(
    city, make_user, make_resident, pesel_policy, declare
):
    from wiec.commons import signatures

    author = make_resident()
    request = city_request(city, author, threshold=3)
    person = make_user()
    declare(person, pesel_policy, pesel(3))
    services.support_request(actor=person, request=request)
    request.refresh_from_db()
    kept = request.collection.signatures.order_by("pk")
    assert [s.user for s in kept] == [author, person]
    assert kept[0].identity_key == f"account:{author.pk}"
    assert not kept[1].identity_key.startswith("account:")
    assert signatures.tally(request.collection).signatures == supporters(request) == 2


def test_erasing_a_person_keeps_their_support_counted_without_a_name(city, make_resident):
    from wiec.consultations import privacy

    request = city_request(city, make_resident())
    person = make_resident()
    services.support_request(actor=person, request=request)
    privacy.erase(person)
    request.refresh_from_db()
    assert not request.collection.signatures.filter(user=person).exists()
    assert request.collection.signatures.count() == supporters(request) == 2


def test_my_activity_lists_the_request_i_support_from_commons(city, make_resident):
    from wiec.consultations.platform import ConsultationContents
    from wiec.places.selectors import activated

    request = city_request(city, make_resident())
    person = make_resident()
    services.support_request(actor=person, request=request)
    with activated(city):
        items = list(ConsultationContents().my_items(person))
    assert [(str(i.kind_label), i.title) for i in items] == [("Moje poparcie", "Park")]
