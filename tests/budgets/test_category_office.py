"""The office's page of a municipality's proposal categories: who may open it, adding,
renaming and removing its own categories (never a shared one nor another municipality's),
and the database keeping a category that proposals use in their municipality."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from wiec.budgets import services
from wiec.budgets.admin import CategoryAdminForm
from wiec.budgets.forms import EditionForm
from wiec.budgets.models import Category, Edition, Pool, Proposal
from wiec.core.models import AuditEvent
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db
PAGE = "/bo/kategorie/"


@pytest.fixture
def words(city, wieliczka):
    return {
        "shared": Category.objects.get_or_create(name="Sport")[0],
        "own": Category.objects.create(city=city, name="Kultura ludowa"),
        "unused": Category.objects.create(city=city, name="Ogrody społeczne"),
        "theirs": Category.objects.create(city=wieliczka, name="Kopalnia i turystyka"),
    }


@pytest.fixture
def their_coordinator(make_user, wieliczka):
    from wiec.accounts.services import assign_role

    user = make_user()
    assign_role(actor=None, user=user, role=Role.COORDINATOR, city=wieliczka)
    return user


@pytest.fixture
def used(edition, pools, words, make_user):
    """Two of Kraków's proposals in its own category, one in a shared one."""
    author = make_user()
    for title, category in (("Skansen", "own"), ("Festyn", "own"), ("Boisko", "shared")):
        Proposal.objects.create(
            edition=edition, pool=pools["city"], author=author, title=title,
            description="Opis.", category=words[category],
        )  # fmt: skip


def _their_proposal(wieliczka, category, author) -> Proposal:
    edition = Edition.objects.create(city=wieliczka, name="BO Wieliczka", slug="bo")
    pool = Pool.objects.create(edition=edition, kind="city", name="Cała gmina", amount=100)
    return Proposal.objects.create(
        edition=edition, pool=pool, author=author, title="Tężnia", description="Opis.",
        category=category,
    )  # fmt: skip


def test_an_anonymous_visitor_logs_in_and_a_resident_is_refused(client, people, words):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert client.post(PAGE, {"name": "Place zabaw"}).status_code == 302
    client.force_login(people["resident"])
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"name": "Place zabaw"}).status_code == 403
    assert client.post(f"/bo/kategorie/{words['unused'].pk}/usun/").status_code == 403
    assert not Category.objects.filter(name="Place zabaw").exists()
    assert Category.objects.filter(pk=words["unused"].pk).exists()


def test_the_page_lists_shared_and_own_categories_with_their_proposals(client, people, words, used):
    client.force_login(people["coordinator"])
    response = client.get(PAGE)
    assert response.status_code == 200
    own = {c.name: c.uses for c in response.context["own"]}
    shared = {c.name: c.uses for c in response.context["shared"]}
    assert own == {"Kultura ludowa": 2, "Ogrody społeczne": 0}
    assert shared["Sport"] == 1 and "Kopalnia i turystyka" not in own | shared
    text = response.content.decode()
    assert "wspólna dla wszystkich gmin" in text
    assert "Kopalnia i turystyka" not in text


def test_the_budgets_office_links_to_the_page(client, people, edition):
    client.force_login(people["coordinator"])
    assert 'href="/bo/kategorie/"' in client.get("/bo/").content.decode()
    assert 'href="/bo/kategorie/"' in client.get(f"/bo/{edition.slug}/").content.decode()
    client.force_login(people["resident"])
    assert 'href="/bo/kategorie/"' not in client.get("/bo/").content.decode()


def test_a_coordinator_adds_renames_and_removes_an_own_category(client, city, people, words):
    client.force_login(people["coordinator"])
    response = client.post(PAGE, {"name": "  Place   zabaw "})
    assert response.status_code == 302 and response["Location"] == PAGE
    added = Category.objects.get(name="Place zabaw")
    assert added.city == city

    response = client.post(f"/bo/kategorie/{added.pk}/", {"name": "Place zabaw i siłownie"})
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.name == "Place zabaw i siłownie"

    response = client.post(f"/bo/kategorie/{added.pk}/usun/", follow=True)
    assert not Category.objects.filter(pk=added.pk).exists()
    assert "Kategoria „Place zabaw i siłownie” została usunięta." in response.content.decode()
    actions = list(
        AuditEvent.objects.filter(target_id=str(added.pk), action__startswith="budgets.category")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "budgets.category_added",
        "budgets.category_renamed",
        "budgets.category_removed",
    ]


def test_a_name_taken_or_empty_is_refused_on_the_form(client, people, words):
    client.force_login(people["coordinator"])
    before = Category.objects.count()
    for name in ("sport", "KULTURA LUDOWA", "   "):
        response = client.post(PAGE, {"name": name})
        assert response.status_code == 200
        assert response.context["form"].errors["name"], name
    response = client.post(f"/bo/kategorie/{words['unused'].pk}/", {"name": "Kultura ludowa"})
    assert "Ta gmina ma już taką kategorię." in response.content.decode()
    assert Category.objects.count() == before
    # The same name in another case is a rename of the category itself.
    client.post(f"/bo/kategorie/{words['unused'].pk}/", {"name": "ogrody społeczne"})
    words["unused"].refresh_from_db()
    assert words["unused"].name == "ogrody społeczne"


def test_a_category_in_use_is_not_removed_and_the_page_says_why(client, people, words, used):
    client.force_login(people["coordinator"])
    own = words["own"]
    page = client.get(f"/bo/kategorie/{own.pk}/").content.decode()
    assert "Tej kategorii używają 2 projekty, więc nie można jej usunąć" in page
    assert f'action="/bo/kategorie/{own.pk}/usun/"' not in page
    response = client.post(f"/bo/kategorie/{own.pk}/usun/", follow=True)
    text = response.content.decode()
    assert "2 projekty używają tej kategorii, więc nie można jej usunąć" in text
    assert "zmień jej nazwę" in text
    assert Category.objects.filter(pk=own.pk).exists()
    assert Proposal.objects.filter(category=own).count() == 2
    assert not AuditEvent.objects.filter(action="budgets.category_removed").exists()


def test_shared_and_another_municipalitys_categories_are_not_found(client, people, words):
    client.force_login(people["coordinator"])
    for key in ("shared", "theirs"):
        pk = words[key].pk
        assert client.get(f"/bo/kategorie/{pk}/").status_code == 404
        assert client.post(f"/bo/kategorie/{pk}/", {"name": "Zmiana"}).status_code == 404
        assert client.post(f"/bo/kategorie/{pk}/usun/").status_code == 404
    assert Category.objects.filter(name="Zmiana").count() == 0
    assert Category.objects.filter(pk=words["theirs"].pk).exists()


def test_another_municipalitys_coordinator_can_neither_see_nor_change_these(
    client, words, their_coordinator
):
    client.force_login(their_coordinator)
    assert client.get(PAGE).status_code == 403  # Kraków's office
    own = words["own"]
    assert client.post(f"/bo/kategorie/{own.pk}/", {"name": "X"}).status_code == 403
    assert client.post(f"/bo/kategorie/{own.pk}/usun/").status_code == 403
    # In their own municipality's office, Kraków's category is not found.
    response = client.get("/g/wieliczka/bo/kategorie/")
    assert response.status_code == 200
    assert "Kultura ludowa" not in response.content.decode()
    assert "Kopalnia i turystyka" in response.content.decode()
    for path in (
        f"/g/wieliczka/bo/kategorie/{own.pk}/",
        f"/g/wieliczka/bo/kategorie/{own.pk}/usun/",
    ):
        assert client.post(path, {"name": "X"}).status_code == 404
    own.refresh_from_db()
    assert own.name == "Kultura ludowa"


def test_the_services_refuse_a_shared_category_and_a_resident(people, words):
    coordinator, resident = people["coordinator"], people["resident"]
    with pytest.raises(ValidationError):
        services.rename_category(
            actor=coordinator, category=words["shared"], name="Sport i rekreacja"
        )
    with pytest.raises(ValidationError):
        services.remove_category(actor=coordinator, category=words["shared"])
    with pytest.raises(PermissionDenied):
        services.rename_category(actor=resident, category=words["unused"], name="Inna")
    with pytest.raises(PermissionDenied):
        services.remove_category(actor=resident, category=words["unused"])
    with pytest.raises(PermissionDenied):  # Kraków's coordinator in Wieliczka
        services.remove_category(actor=coordinator, category=words["theirs"])
    assert Category.objects.filter(pk__in=[w.pk for w in words.values()]).count() == 4


def test_the_database_keeps_a_category_in_use_in_its_municipality(
    words, used, wieliczka, city, make_user
):
    own, shared, unused = words["own"], words["shared"], words["unused"]
    for category, target in ((own, wieliczka), (shared, wieliczka)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Category.objects.filter(pk=category.pk).update(city=target)
        category.city = target
        with pytest.raises(IntegrityError), transaction.atomic():
            category.save()
    assert Category.objects.get(pk=own.pk).city_id == city.pk
    assert Category.objects.get(pk=shared.pk).city_id is None
    # A category used only in Kraków may become Kraków's, or shared again.
    Category.objects.filter(pk=shared.pk).update(city=city)
    Category.objects.filter(pk=shared.pk).update(city=None)
    # One nobody uses moves freely; a rename of one in use leaves it where it is.
    Category.objects.filter(pk=unused.pk).update(city=wieliczka)
    Category.objects.filter(pk=own.pk).update(name="Kultura i tradycja")
    # Wieliczka's proposal in a shared category: it cannot become Kraków's.
    _their_proposal(wieliczka, shared, make_user())
    with pytest.raises(IntegrityError), transaction.atomic():
        Category.objects.filter(pk=shared.pk).update(city=city)


def test_the_database_still_refuses_another_municipalitys_category_on_a_proposal(
    edition, pools, words, make_user
):
    proposal = Proposal.objects.create(
        edition=edition, pool=pools["city"], author=make_user(), title="T", description="D",
        category=words["own"],
    )  # fmt: skip
    proposal.category = words["theirs"]
    with pytest.raises(IntegrityError), transaction.atomic():
        proposal.save()


def test_the_admin_says_why_a_category_in_use_cannot_move(words, used, wieliczka, city):
    data = {"name": words["own"].name, "city": wieliczka.pk}
    form = CategoryAdminForm(data, instance=words["own"])
    assert not form.is_valid()
    assert form.errors["city"] == [
        "2 projekty innych gmin używają tej kategorii, więc nie można jej przenieść do "
        "gminy Wieliczka; zostaw ją na miejscu albo uczyń ją wspólną (bez gminy)."
    ]
    assert CategoryAdminForm({"name": "Sport", "city": ""}, instance=words["shared"]).is_valid()
    moved = CategoryAdminForm({"name": "Ogrody", "city": wieliczka.pk}, instance=words["unused"])
    assert moved.is_valid()


def test_an_edition_cannot_take_the_address_of_the_categories_page(city):
    form = EditionForm({"name": "BO", "slug": "kategorie"}, city=city)
    assert not form.is_valid()
    assert "slug" in form.errors


def test_the_admin_page_refuses_the_move_with_the_reason(client, make_user, words, used, wieliczka):
    client.force_login(make_user(is_superuser=True, is_staff=True))
    own = words["own"]
    url = f"/admin/budgets/category/{own.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": own.name, "city": wieliczka.pk})
    assert response.status_code == 200
    assert "nie można jej przenieść do gminy Wieliczka" in response.content.decode()
    own.refresh_from_db()
    assert own.city_id != wieliczka.pk
    response = client.post(url, {"name": "Kultura i tradycja", "city": own.city_id})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.name == "Kultura i tradycja"
