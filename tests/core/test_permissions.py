"""The permission matrix: every role, scope and action, decided by wiec.core.predicates."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from wiec.core.roles import Role

ROLES = [
    "anonymous",
    "unverified",
    "resident",
    "official_city",
    "official_podgorze",
    "coordinator",
    "moderator",
    "administrator",
]

# action -> roles allowed (object-free actions)
GLOBAL = {
    "core.view_audit_log": {"administrator"},
    "core.access_admin": {"administrator"},
    "core.moderate_content": {"moderator", "administrator"},
    "core.view_notifications": set(ROLES) - {"anonymous"},
    "accounts.declare_residency": set(ROLES) - {"anonymous"},
    "accounts.view_pending_residency": {"official_city", "official_podgorze", "administrator"},
    "accounts.assign_role": {"administrator"},
    "accessibility.handle_request": {"coordinator", "administrator"},
    "accessibility.edit_statement": {"coordinator", "administrator"},
}

# scope of the object -> roles allowed to confirm residency of someone living there
CONFIRM_RESIDENCY = {
    "podgorze": {"official_city", "official_podgorze", "administrator"},
    "stare-miasto": {"official_city", "administrator"},
}


@pytest.fixture
def people(make_user, make_resident, make_role_user):
    return {
        "anonymous": AnonymousUser(),
        "unverified": make_user(),
        "resident": make_resident(),
        "official_city": make_role_user(Role.OFFICIAL),
        "official_podgorze": make_role_user(Role.OFFICIAL, scope=("podgorze",)),
        "coordinator": make_role_user(Role.COORDINATOR),
        "moderator": make_role_user(Role.MODERATOR),
        "administrator": make_role_user(Role.ADMINISTRATOR),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(GLOBAL))
def test_global_permissions(people, action):
    allowed = {role for role in ROLES if people[role].has_perm(action)}
    assert allowed == GLOBAL[action]


@pytest.mark.django_db
@pytest.mark.parametrize("district", sorted(CONFIRM_RESIDENCY))
def test_confirm_residency_depends_on_district_scope(people, make_resident, district):
    declaration = make_resident(district).residencies.get()
    allowed = {r for r in ROLES if people[r].has_perm("accounts.confirm_residency", declaration)}
    assert allowed == CONFIRM_RESIDENCY[district]


@pytest.mark.django_db
def test_nobody_confirms_their_own_residency(people, make_resident, policy, districts):
    from wiec.accounts import services

    for role in ("official_city", "official_podgorze", "administrator"):
        official = people[role]
        services.declare_residency(
            actor=official,
            policy=policy,
            declaration=services.Declaration(
                full_name="Urzędnik",
                street_address="ul. Długa 2",
                postal_code="31-000",
                town="Kraków",
                district=districts["podgorze"],
            ),
        )
        official.refresh_from_db()
        assert not official.has_perm("accounts.confirm_residency", official.residencies.get()), role


@pytest.mark.django_db
def test_superuser_counts_as_administrator(make_user):
    admin = make_user(is_superuser=True)
    assert admin.has_perm("core.view_audit_log")
    assert admin.has_perm("places.change_city")


@pytest.mark.django_db
def test_administrator_role_opens_model_admin_but_not_other_rules(people):
    assert people["administrator"].has_perm("places.change_district")
    assert not people["coordinator"].has_perm("places.change_district")
    assert not people["moderator"].has_perm("core.view_audit_log")


@pytest.mark.django_db
def test_superuser_cannot_confirm_their_own_residency(make_user, policy, districts):
    from django.core.exceptions import PermissionDenied

    from wiec.accounts import services

    admin = make_user(is_superuser=True, is_staff=True)
    declaration = services.declare_residency(
        actor=admin,
        policy=policy,
        declaration=services.Declaration(
            full_name="Administratorka",
            street_address="ul. Długa 2",
            postal_code="31-000",
            town="Kraków",
            district=districts["podgorze"],
        ),
    )
    assert not admin.has_perm("accounts.confirm_residency", declaration)
    with pytest.raises(PermissionDenied):
        services.confirm_residency(actor=admin, declaration=declaration)
    declaration.refresh_from_db()
    assert declaration.confirmed_at is None


@pytest.mark.django_db
def test_superuser_cannot_answer_a_request_still_collecting_support(make_user, make_resident, city):
    from django.core.exceptions import PermissionDenied

    from wiec.consultations import services
    from wiec.consultations.models import RequestStatus

    admin = make_user(is_superuser=True, is_staff=True)
    request = services.file_request(
        actor=make_resident(), city=city, title="Park", justification="Bo tak"
    )
    assert request.status == RequestStatus.COLLECTING
    assert not admin.has_perm("consultations.answer_request", request)
    with pytest.raises(PermissionDenied):
        services.answer_request(actor=admin, request=request, accepted=False, answer="Nie")
    request.refresh_from_db()
    assert request.status == RequestStatus.COLLECTING


@pytest.mark.django_db
def test_django_admin_still_works_for_a_superuser(client, make_user):
    admin = make_user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/places/city/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200
