"""Atom feeds per tool, per district and per item; sitemap.xml and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def consultations(city):
    from wiec.consultations import demo

    demo.load(city)


def _titles(response) -> list[str]:
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]


def test_a_tools_feed_lists_its_news(client, consultations):
    from wiec.consultations.models import Consultation

    titles = _titles(client.get("/kanaly/consultations.atom"))
    for c in Consultation.objects.all():
        assert c.title in titles


def test_a_districts_feed_lists_only_the_districts(client, consultations, districts):
    from wiec.consultations.models import Consultation

    local = Consultation.objects.filter(district__isnull=False).first()
    city_wide = Consultation.objects.filter(district__isnull=True).first()
    titles = _titles(client.get(f"/kanaly/consultations/{local.district.slug}.atom"))
    assert local.title in titles and city_wide.title not in titles


def test_unknown_tools_and_districts_are_404(client, city):
    assert client.get("/kanaly/nic.atom").status_code == 404
    assert client.get("/kanaly/budgets/atlantyda.atom").status_code == 404


def test_a_proposals_feed_follows_its_status(client, city, districts):
    from wiec.accounts.models import User
    from wiec.budgets.models import Edition, Pool, Proposal, StatusChange

    edition = Edition.objects.create(city=city, name="BO", slug="bo")
    pool = Pool.objects.create(edition=edition, kind="city", name="Miasto", amount=100)
    author = User.objects.create_user("a@example.org", "haslo-testowe-123")
    proposal = Proposal.objects.create(
        edition=edition, pool=pool, author=author, title="Park", description="x", status="positive"
    )
    StatusChange.objects.create(proposal=proposal, old_status="draft", new_status="submitted")
    StatusChange.objects.create(proposal=proposal, old_status="submitted", new_status="positive")
    titles = _titles(client.get(f"/bo/projekt/{proposal.pk}/kanal.atom"))
    assert titles == ["Park: zweryfikowany pozytywnie", "Park: zgłoszony"]
    assert (
        f"/bo/projekt/{proposal.pk}/kanal.atom"
        in client.get(proposal.get_absolute_url()).content.decode()
    )


def test_a_consultations_feed_has_its_report(client, consultations):
    from wiec.consultations.models import Consultation, ConsultationReport

    report = ConsultationReport.objects.create(
        consultation=Consultation.objects.first(), conclusions="Wnioski urzędu."
    )
    titles = _titles(client.get(f"/konsultacje/{report.consultation.slug}/kanal.atom"))
    assert any(t.endswith("opublikowano raport") for t in titles), titles


def test_the_sitemap_has_every_tools_pages(client, consultations):
    from wiec.consultations.models import Consultation

    response = client.get("/sitemap.xml")
    locs = {e.text for e in ET.fromstring(response.content).iter() if e.tag.endswith("loc")}
    for c in Consultation.objects.all():
        assert f"http://testserver{c.get_absolute_url()}" in locs
    assert "http://testserver/api/" in locs


def test_robots_names_the_sitemap_and_keeps_accounts_out(client, city):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /konto/" in text
