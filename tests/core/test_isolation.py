"""Nothing leaks between municipalities: pages, search, map, calendar, exports, inbox.

Kraków and Wieliczka each have a budget edition with a located, submitted proposal
and a consultation; every page of one, in both address forms (``/g/<slug>/`` and
``<slug>.localhost``), shows its own and never the other's.
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from wiec.core.roles import Role

pytestmark = pytest.mark.django_db

KRAKOW_TITLE = "Łąka kwietna Krakowska"
WIELICZKA_TITLE = "Tężnia solankowa Wielicka"


@pytest.fixture
def wieliczka(wieliczka):
    """The shared second municipality, with a district of its own."""
    from wiec.places.models import District

    District.objects.create(city=wieliczka, name="Centrum", slug="centrum")
    return wieliczka


def _budget(city, title, lat, lon, author):
    from wiec.budgets.models import Edition, EditionPhase, Pool, Proposal, Status
    from wiec.budgets.phases import PhaseType

    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    edition = Edition.objects.create(
        city=city, name=f"Budżet obywatelski: {title}", slug=f"bo-{city.slug}"
    )
    EditionPhase.objects.create(
        edition=edition, type=PhaseType.SUBMISSION, starts_on=today - 10 * day, ends_on=today
    )
    EditionPhase.objects.create(
        edition=edition,
        type=PhaseType.VERIFICATION,
        starts_on=today + day,
        ends_on=today + 30 * day,
    )
    pool = Pool.objects.create(edition=edition, kind="city", name="Cała gmina", amount=10**9)
    return Proposal.objects.create(
        edition=edition,
        pool=pool,
        author=author,
        title=title,
        description=f"Projekt zielony: {title}.",
        latitude=lat,
        longitude=lon,
        cost=100_000_00,
        status=Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


def _consultation(city, title, official):
    from wiec.consultations import services

    today = timezone.localdate()
    return services.create_consultation(
        actor=official,
        city=city,
        title=title,
        slug="konsultacja-" + city.slug,
        summary="Krótko.",
        subject="Przedmiot",
        goal="Cel",
        target_groups="mieszkańcy",
        legal_basis="art. 5a u.s.g.",
        responsible_unit="Wydział",
        coordinator_name="Ewa",
        can_influence="Wszystko",
        starts_on=today - datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=10),
        map_enabled=True,
    )


@pytest.fixture
def region(city, wieliczka, make_user):
    """Kraków's and Wieliczka's processes, and an official of each."""
    from wiec.accounts import services
    from wiec.core import search

    officials = {}
    for place in (city, wieliczka):
        official = make_user(f"urzednik@{place.slug}.example.org")
        services.assign_role(actor=None, user=official, role=Role.OFFICIAL, city=place)
        officials[place.slug] = official
    author = make_user("autorka@example.org")
    proposals = {
        "krakow": _budget(city, KRAKOW_TITLE, 50.06, 19.94, author),
        "wieliczka": _budget(wieliczka, WIELICZKA_TITLE, 49.987, 20.064, author),
    }
    consultations = {
        "krakow": _consultation(city, "Konsultacja Krakowska o zieleni", officials["krakow"]),
        "wieliczka": _consultation(
            wieliczka, "Konsultacja Wielicka o zieleni", officials["wieliczka"]
        ),
    }
    search.rebuild()
    return {"officials": officials, "proposals": proposals, "consultations": consultations}


FORMS = {
    "path": lambda slug: ("/g/" + slug, {}),
    "host": lambda slug: ("", {"HTTP_HOST": f"{slug}.localhost"}),
}
PAGES = [
    "/",
    "/bo/",
    "/konsultacje/",
    "/szukaj/?q=zielony",
    "/szukaj/?q=konsultacja",
    "/mapa/",
    "/kalendarz/",
    "/kalendarz.ics",
    "/konsultacje/kalendarz.ics",
]
OWN = {"krakow": ("Krakow", "Kraków"), "wieliczka": ("Wielic", "Wieliczka")}


def _texts(slug):
    return ("Krakowsk", "Wielick") if slug == "krakow" else ("Wielick", "Krakowsk")


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("slug", ["krakow", "wieliczka"])
def test_public_pages_show_only_their_municipality(client, region, form, slug):
    prefix, headers = FORMS[form](slug)
    own, other = _texts(slug)
    for page in PAGES:
        response = client.get(prefix + page, **headers)
        assert response.status_code == 200, page
        body = response.content.decode()
        assert other not in body, page
        if page != "/konsultacje/kalendarz.ics":  # it lists meetings; there are none
            assert own in body, page


def test_the_default_host_serves_the_default_municipality(client, region):
    body = client.get("/szukaj/?q=zielony").content.decode()
    assert KRAKOW_TITLE in body and WIELICZKA_TITLE not in body


def test_links_keep_the_path_form_prefix(client, region):
    body = client.get("/g/wieliczka/szukaj/?q=zielony").content.decode()
    proposal = region["proposals"]["wieliczka"]
    assert f'href="/g/wieliczka{proposal.get_absolute_url()}"' in body
    response = client.get("/g/wieliczka/biuro/")
    assert response.status_code == 302
    assert response["Location"] == "/g/wieliczka/konto/login/?next=/g/wieliczka/biuro/"


def test_unknown_municipality_is_not_found(client, region):
    assert client.get("/g/nieznana/").status_code == 404
    assert client.get("/", HTTP_HOST="nieznana.localhost").status_code == 404


def test_another_municipalitys_records_are_not_found(client, region):
    kr = region["proposals"]["krakow"]
    consultation = region["consultations"]["krakow"]
    assert client.get(f"/g/krakow{kr.get_absolute_url()}").status_code == 200
    assert client.get(f"/g/wieliczka{kr.get_absolute_url()}").status_code == 404
    assert client.get(f"/g/wieliczka/konsultacje/{consultation.slug}/").status_code == 404
    assert client.get(f"/g/wieliczka/bo/{kr.edition.slug}/").status_code == 404


@pytest.mark.parametrize("slug", ["krakow", "wieliczka"])
def test_the_office_inbox_holds_only_its_municipalitys_tasks(client, region, slug):
    other = "wieliczka" if slug == "krakow" else "krakow"
    client.force_login(region["officials"][slug])
    body = client.get(f"/g/{slug}/biuro/").content.decode()
    assert region["proposals"][slug].title in body
    assert region["proposals"][other].title not in body
    # Their role is of their own municipality: the other's inbox is closed to them.
    assert client.get(f"/g/{other}/biuro/").status_code == 403


def test_an_official_has_no_rights_in_another_municipality(region):
    kr, wi = region["proposals"]["krakow"], region["proposals"]["wieliczka"]
    official = region["officials"]["wieliczka"]
    assert official.has_perm("budgets.verify_proposal", wi)
    assert not official.has_perm("budgets.verify_proposal", kr)
    consultation = region["consultations"]["krakow"]
    assert not official.has_perm("consultations.manage_consultation", consultation)
    own = region["consultations"]["wieliczka"]
    assert official.has_perm("consultations.manage_consultation", own)


def test_exports_hold_only_their_municipality(client, region):
    from wiec.budgets.models import Edition

    kr = Edition.objects.get(slug="bo-krakow")
    client.force_login(region["officials"]["wieliczka"])
    assert client.get(f"/g/wieliczka/bo/{kr.slug}/wyniki.csv").status_code == 404
    consultation = region["consultations"]["krakow"]
    assert client.get(f"/g/wieliczka/konsultacje/{consultation.slug}/raport.csv").status_code == 404


def test_email_links_and_sender_are_the_municipalitys(
    region, wieliczka, make_user, django_capture_on_commit_callbacks
):
    from wiec.core.services import notify
    from wiec.places.selectors import activated

    wieliczka.email_sender = "Budżet Wieliczki <bo@wieliczka.example.org>"
    wieliczka.save()
    person = make_user("mieszkanka@example.org")
    mail.outbox.clear()
    with activated(wieliczka), django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, subject="Twój projekt", url="/bo/projekty/1/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.from_email == "Budżet Wieliczki <bo@wieliczka.example.org>"
    assert "/g/wieliczka/bo/projekty/1/" in message.body


def test_notifications_are_listed_in_their_municipality(client, region, wieliczka, make_user):
    from wiec.core.services import notify
    from wiec.places.selectors import activated

    person = make_user("czytelnik@example.org")
    with activated(wieliczka):
        notify(recipient=person, subject="Wiadomość z Wieliczki")
    client.force_login(person)
    assert "Wiadomość z Wieliczki" in client.get("/g/wieliczka/powiadomienia/").content.decode()
    assert "Wiadomość z Wieliczki" not in client.get("/g/krakow/powiadomienia/").content.decode()


def test_sessions_and_csrf_work_in_the_path_form(region, make_user):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    person = make_user("zalogowana@example.org", password="haslo-testowe-123")
    page = browser.get("/g/wieliczka/konto/login/")
    assert page.status_code == 200
    token = page.cookies["csrftoken"].value
    response = browser.post(
        "/g/wieliczka/konto/login/",
        {"login": person.email, "password": "haslo-testowe-123", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/g/wieliczka/")
    assert browser.get("/g/wieliczka/powiadomienia/").status_code == 200


def test_a_resident_of_one_municipality_is_not_one_of_another(region, wieliczka, make_resident):
    from wiec.places.selectors import activated

    resident = make_resident()  # of Kraków
    assert resident.has_perm("consultations.file_request")
    with activated(wieliczka):
        assert not resident.has_perm("consultations.file_request")


API_AND_FEEDS = [
    "/api/v1/budgets/editions",
    "/api/v1/budgets/proposals",
    "/api/v1/budgets/proposals.csv",
    "/api/v1/budgets/proposals.geojson",
    "/api/v1/budgets/implementations",
    "/api/v1/consultations",
    "/api/v1/consultations/register.csv",
    "/api/v1/panels",
    "/api/v1/municipality",
    "/kanaly/budgets.atom",
    "/kanaly/consultations.atom",
    "/sitemap.xml",
    "/dane/harvester.xml",
    "/dane/dcat.jsonld",
]


@pytest.mark.parametrize("slug", ["krakow", "wieliczka"])
def test_api_feeds_and_open_data_hold_only_their_municipality(client, region, slug):
    """B's proposal and consultation never appear in A's API list, GeoJSON, CSV, Atom
    feed, sitemap or harvester XML; A's own do (in both address forms)."""
    from wiec.budgets.models import StatusChange

    for proposal in region["proposals"].values():  # what the budgets feed lists
        StatusChange.objects.create(proposal=proposal, old_status="draft", new_status="submitted")
    own, other = _texts(slug)
    for form in sorted(FORMS):
        prefix, headers = FORMS[form](slug)
        for page in API_AND_FEEDS:
            response = client.get(prefix + page, **headers)
            assert response.status_code == 200, (form, page)
            body = b"".join(response) if response.streaming else response.content
            text = body.decode()
            assert other not in text, (form, page)
    proposals = client.get(f"/g/{slug}/api/v1/budgets/proposals").json()["items"]
    assert [p["title"] for p in proposals] == [region["proposals"][slug].title]
    features = client.get(f"/g/{slug}/api/v1/budgets/proposals.geojson").json()["features"]
    assert len(features) == 1
    consultations = client.get(f"/g/{slug}/api/v1/consultations").json()
    items = consultations["items"] if isinstance(consultations, dict) else consultations
    assert [c["slug"] for c in items] == [region["consultations"][slug].slug]
    assert own in client.get(f"/g/{slug}/kanaly/budgets.atom").content.decode()
    assert own in client.get(f"/g/{slug}/dane/harvester.xml").content.decode()


def test_another_municipalitys_records_are_not_found_in_the_api(client, region):
    kr = region["proposals"]["krakow"]
    consultation = region["consultations"]["krakow"]
    assert client.get(f"/g/krakow/api/v1/budgets/proposals/{kr.pk}").status_code == 200
    for path in (
        f"/api/v1/budgets/proposals/{kr.pk}",
        f"/api/v1/budgets/editions/{kr.edition.slug}",
        f"/api/v1/consultations/{consultation.slug}",
        f"/api/v1/consultations/{consultation.slug}/remarks.csv",
        f"/bo/projekt/{kr.pk}/kanal.atom",
        f"/konsultacje/{consultation.slug}/kanal.atom",
    ):
        assert client.get("/g/wieliczka" + path).status_code == 404, path
    # Filtering by the other's edition gives nothing, not the other's rows.
    response = client.get("/g/wieliczka/api/v1/budgets/proposals", {"edition": kr.edition.slug})
    assert response.status_code == 200 and response.json()["count"] == 0


def test_a_municipality_lists_only_the_categories_its_proposals_use(client, region):
    """Categories are one vocabulary of the installation; Wieliczka's own word never
    shows in Kraków's API list or in its proposals' filter."""
    from wiec.budgets.models import Category

    krakow, wieliczka = region["proposals"]["krakow"], region["proposals"]["wieliczka"]
    krakow.category = Category.objects.create(name="Zieleń osiedlowa")
    krakow.save()
    wieliczka.category = Category.objects.create(name="Solne szlaki Wieliczki")
    wieliczka.save()
    names = [c["name"] for c in client.get("/g/krakow/api/v1/budgets/categories").json()]
    assert names == ["Zieleń osiedlowa"]
    page = client.get(f"/g/krakow/bo/{krakow.edition.slug}/projekty/").content.decode()
    assert "Zieleń osiedlowa" in page and "Solne szlaki" not in page


@pytest.mark.parametrize("form", sorted(FORMS))
def test_where_the_money_went_shows_only_its_municipalitys_projects(client, region, form):
    """The list of projects being carried out, its filters and each project's page:
    Wieliczka's never lists Kraków's (it once listed every municipality's)."""
    from wiec.budgets.models import Implementation, Status

    prefix, headers = FORMS[form]("wieliczka")
    body = client.get(prefix + "/bo/realizacja/", **headers).content.decode()
    assert "Żaden wybrany projekt nie jest jeszcze realizowany" in body
    items = {}
    for slug, proposal in region["proposals"].items():
        proposal.status = Status.SELECTED
        proposal.save()
        items[slug] = Implementation.objects.create(proposal=proposal)
    for slug in ("krakow", "wieliczka"):
        prefix, headers = FORMS[form](slug)
        own, other = _texts(slug)
        body = client.get(prefix + "/bo/realizacja/", **headers).content.decode()
        assert own in body and other not in body, slug
        other_slug = "wieliczka" if slug == "krakow" else "krakow"
        own_page = client.get(f"{prefix}/bo/realizacja/{items[slug].pk}/", **headers)
        assert own_page.status_code == 200
        other_page = client.get(f"{prefix}/bo/realizacja/{items[other_slug].pk}/", **headers)
        assert other_page.status_code == 404


def test_a_comment_is_reported_only_in_its_municipality(client, region, make_user):
    """Reporting a comment shows its proposal: from another municipality's address
    that is a 404, not Kraków's proposal under Wieliczka's name."""
    from wiec.budgets.models import Comment

    comment = Comment.objects.create(
        proposal=region["proposals"]["krakow"], author=make_user(), text="Dobry pomysł."
    )
    client.force_login(make_user("zglaszajaca@example.org"))
    path = f"/bo/komentarz/{comment.pk}/zglos/"
    page = client.get("/g/krakow" + path)
    assert page.status_code == 200 and KRAKOW_TITLE in page.content.decode()
    assert client.get("/g/wieliczka" + path).status_code == 404


def test_a_municipalitys_administrator_reads_only_its_audit_log(
    client, region, wieliczka, make_user
):
    """Each event remembers its municipality: Wieliczka's administrator reads the
    creation of Wieliczka's consultation and nothing of Kraków's; the installation's
    administrator also reads the events of no municipality (older than the column)."""
    from wiec.accounts import services
    from wiec.core.models import AuditEvent

    AuditEvent.objects.create(action="core.installation_check")  # older than the column
    created = AuditEvent.objects.filter(action="consultations.created")
    assert {e.city.slug for e in created} == {"krakow", "wieliczka"}
    administrator = make_user("admin@wieliczka.example.org")
    services.assign_role(actor=None, user=administrator, role=Role.ADMINISTRATOR, city=wieliczka)
    granted = AuditEvent.objects.filter(action="accounts.role_assigned", target_id=administrator.pk)
    assert [e.city.slug for e in granted] == ["wieliczka"]
    granted = AuditEvent.objects.filter(action="accounts.role_assigned", target_id=administrator.pk)
    assert [e.city.slug for e in granted] == ["wieliczka"]
    client.force_login(administrator)
    body = client.get("/g/wieliczka/audyt/").content.decode()
    assert "Konsultacja Wielicka" in body
    assert "Konsultacja Krakowska" not in body and "installation_check" not in body
    assert client.get("/g/krakow/audyt/").status_code == 403
    client.force_login(make_user("root@example.org", is_superuser=True))
    body = client.get("/g/wieliczka/audyt/").content.decode()
    assert "installation_check" in body and "Konsultacja Krakowska" not in body
