"""Office pages without the admin: the map's categories and the annual plan."""

from __future__ import annotations

import pytest

from wiec.consultations import services
from wiec.consultations.models import AnnualPlan, MapCategory
from wiec.core.models import AuditEvent
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db


def test_official_renames_removes_and_adds_map_categories(client, consultation, official):
    green, traffic = (consultation.map_categories.get(name=n) for n in ("Zieleń", "Ruch"))
    url = f"/konsultacje/{consultation.slug}/mapa/kategorie/"
    client.force_login(official)
    assert "Nazwa kategorii „Zieleń”" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            f"name_{green.pk}": "Zieleń i drzewa",
            f"name_{traffic.pk}": "Ruch",
            f"remove_{traffic.pk}": "on",
            "new": "Oświetlenie\n\nŁawki",
        },
    )
    assert response.status_code == 302
    assert set(consultation.map_categories.values_list("name", flat=True)) == {
        "Zieleń i drzewa",
        "Oświetlenie",
        "Ławki",
    }
    assert AuditEvent.objects.filter(action="consultations.map_categories_edited").exists()


def test_a_used_category_is_kept_with_a_clear_message(
    client, consultation, official, make_resident
):
    green = consultation.map_categories.get(name="Zieleń")
    services.comment_on_map(
        actor=make_resident(),
        consultation=consultation,
        latitude=50.06,
        longitude=19.94,
        text="Drzewa",
        category=green,
    )
    client.force_login(official)
    url = f"/konsultacje/{consultation.slug}/mapa/kategorie/"
    data = {f"name_{c.pk}": c.name for c in consultation.map_categories.all()}
    response = client.post(url, {**data, f"remove_{green.pk}": "on", "new": ""})
    assert "Uwagi korzystają z kategorii Zieleń" in response.content.decode()
    response = client.post(url, {**data, "new": "zieleń"})
    assert "Dwie kategorie mają tę samą nazwę." in response.content.decode()
    assert MapCategory.objects.filter(consultation=consultation).count() == 2


def test_residents_and_other_districts_cannot_edit_categories(
    client, consultation, make_resident, podgorze_official
):
    for user in (make_resident(), podgorze_official):
        client.force_login(user)
        response = client.get(f"/konsultacje/{consultation.slug}/mapa/kategorie/")
        assert response.status_code == 403


def test_coordinator_creates_and_edits_the_annual_plan(
    client, make_role_user, make_consultation, city
):
    first, second = make_consultation("planned"), make_consultation("planned")
    coordinator = make_role_user(Role.COORDINATOR)
    client.force_login(coordinator)
    response = client.post(
        "/konsultacje/plan/nowy/",
        {
            "year": "2027",
            "introduction": "Plan na rok 2027.",
            "adopted_on": "2026-12-10",
            "consultations": [str(first.pk), str(second.pk)],
        },
    )
    assert response.status_code == 302 and response["Location"] == "/konsultacje/plan/2027/"
    plan = AnnualPlan.objects.get(city=city, year=2027)
    assert set(plan.consultations.all()) == {first, second}
    page = client.get("/konsultacje/plan/2027/").content.decode()
    assert first.title in page and "Edytuj plan" in page
    response = client.post(
        "/konsultacje/plan/2027/edycja/",
        {"year": "2027", "introduction": "Zmieniony.", "consultations": [str(second.pk)]},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.introduction == "Zmieniony." and list(plan.consultations.all()) == [second]
    response = client.post("/konsultacje/plan/nowy/", {"year": "2027", "introduction": ""})
    assert "Plan na rok 2027 już istnieje" in response.content.decode()
    assert AnnualPlan.objects.count() == 1


PLAN = {"official_city", "coordinator", "administrator"}


def test_manage_plan_permission(make_user, make_resident, make_role_user):
    from django.contrib.auth.models import AnonymousUser

    people = {
        "anonymous": AnonymousUser(),
        "unverified": make_user(),
        "resident": make_resident(),
        "official_city": make_role_user(Role.OFFICIAL),
        "official_podgorze": make_role_user(Role.OFFICIAL, scope=("podgorze",)),
        "coordinator": make_role_user(Role.COORDINATOR),
        "moderator": make_role_user(Role.MODERATOR),
        "administrator": make_role_user(Role.ADMINISTRATOR),
    }
    allowed = {name for name, u in people.items() if u.has_perm("consultations.manage_plan")}
    assert allowed == PLAN
