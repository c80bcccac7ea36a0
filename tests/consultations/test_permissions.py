"""The permission matrix of consultations: every role, scope and phase."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from wiec.core.roles import Role

ROLES = [
    "anonymous",
    "unverified",
    "resident",
    "resident_podgorze",
    "official_city",
    "official_podgorze",
    "coordinator",
    "moderator",
    "administrator",
]
EVERYONE_LOGGED_IN = set(ROLES) - {"anonymous"}
RESIDENTS = {"resident", "resident_podgorze"}
MANAGERS_CITY = {"official_city", "coordinator", "administrator"}


@pytest.fixture
def people(make_user, make_resident, make_role_user):
    return {
        "anonymous": AnonymousUser(),
        "unverified": make_user(),
        "resident": make_resident(),
        "resident_podgorze": make_resident("podgorze"),
        "official_city": make_role_user(Role.OFFICIAL),
        "official_podgorze": make_role_user(Role.OFFICIAL, scope=("podgorze",)),
        "coordinator": make_role_user(Role.COORDINATOR),
        "moderator": make_role_user(Role.MODERATOR),
        "administrator": make_role_user(Role.ADMINISTRATOR),
    }


def allowed(people, perm, obj=None) -> set[str]:
    return {role for role in ROLES if people[role].has_perm(perm, obj)}


GLOBAL = {
    "consultations.add_consultation": MANAGERS_CITY | {"official_podgorze"},
    "consultations.moderate_remark": {"moderator", "administrator"},
    "consultations.file_request": RESIDENTS,
    "consultations.view_request_queue": MANAGERS_CITY | {"official_podgorze"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("perm", sorted(GLOBAL))
def test_global(people, perm):
    assert allowed(people, perm) == GLOBAL[perm]


# (district of the consultation) -> who manages it: answers remarks, enters paper ones
MANAGE = {
    None: MANAGERS_CITY,
    "podgorze": MANAGERS_CITY | {"official_podgorze"},
    "stare-miasto": MANAGERS_CITY,
}


@pytest.mark.django_db
@pytest.mark.parametrize("district", sorted(MANAGE, key=str))
def test_manage_by_scope(people, make_consultation, districts, district):
    consultation = make_consultation(district=districts[district] if district else None)
    assert allowed(people, "consultations.manage_consultation", consultation) == MANAGE[district]


# (phase, verified residency required) -> who may take part
TAKE_PART = {
    ("planned", False): set(),
    ("ongoing", False): EVERYONE_LOGGED_IN,
    ("ongoing", True): RESIDENTS,
    ("finished", False): set(),
}


@pytest.mark.django_db
@pytest.mark.parametrize("phase,verified", sorted(TAKE_PART))
def test_take_part_by_phase(people, make_consultation, phase, verified):
    consultation = make_consultation(phase, requires_verified_residency=verified)
    assert allowed(people, "consultations.take_part", consultation) == TAKE_PART[(phase, verified)]


PUBLISH = {"planned": set(), "ongoing": set(), "finished": MANAGERS_CITY}


@pytest.mark.django_db
@pytest.mark.parametrize("phase", sorted(PUBLISH))
def test_publish_report_by_phase(people, make_consultation, phase):
    consultation = make_consultation(phase)
    assert allowed(people, "consultations.publish_report", consultation) == PUBLISH[phase]


@pytest.mark.django_db
def test_evaluate_only_participants_after_the_end(people, consultation):
    from tests.consultations.conftest import finish
    from wiec.consultations import services

    services.comment_on_paragraph(
        actor=people["resident"], paragraph=consultation.paragraphs.first(), text="Uwaga"
    )
    assert allowed(people, "consultations.evaluate", consultation) == set()
    finish(consultation)
    assert allowed(people, "consultations.evaluate", consultation) == {"resident"}


@pytest.mark.django_db
@pytest.mark.parametrize("district", [None, "podgorze"])
def test_requests_support_and_answer(people, city, districts, district):
    from wiec.consultations import services
    from wiec.consultations.models import ConsultationRequest, RequestStatus

    area = districts[district] if district else None
    request = services.file_request(
        actor=people["resident_podgorze"], city=city, title="T", justification="J", district=area
    )
    supporters = allowed(people, "consultations.support_request", request)
    assert supporters == (
        {"resident", "resident_podgorze"} if district is None else {"resident_podgorze"}
    )
    assert allowed(people, "consultations.answer_request", request) == set()
    ConsultationRequest.objects.filter(pk=request.pk).update(status=RequestStatus.SUBMITTED)
    request.refresh_from_db()
    assert allowed(people, "consultations.support_request", request) == set()
    expected = MANAGERS_CITY | ({"official_podgorze"} if district else set())
    assert allowed(people, "consultations.answer_request", request) == expected
