"""dane.gov.pl's harvester XML validates against the XSD, its .md5 matches, and the
DCAT-AP catalogue lists the same data sets."""

from __future__ import annotations

import hashlib
import json

import pytest
import xmlschema

from wiec.core import opendata


@pytest.fixture
def schema(settings):
    # The portal harvests only https:// resources (the schema's pattern).
    settings.WIEC_SITE_URL = "https://wiec.example.gov.pl"
    return xmlschema.XMLSchema(str(opendata.XSD))


def test_the_schema_is_the_portals_version_it_accepts(schema):
    """1.7 is among the versions the portal maps to a schema (1.0-rc1 … 1.13)."""
    assert schema.target_namespace == "urn:otwarte-dane:harvester:1.7" == opendata.NAMESPACE


def test_the_published_xml_is_valid_and_its_md5_matches(demo, db, client, schema):
    from wiec.budgets.models import CountRun, Edition

    CountRun.objects.create(edition=Edition.objects.first(), state="done", published=True)
    assert opendata.publish_open_data.enqueue().return_value == 1  # the immediate backend
    xml = client.get("/dane/harvester.xml").content
    # The portal fetches the checksum at the file's address with ".md5" for ".xml".
    md5 = client.get("/dane/harvester.md5").content.decode().strip()
    assert client.get("/dane/harvester.xml.md5").content.decode().strip() == md5
    assert client.get("/dane/harvester.xml")["Content-Type"] == "application/xml"
    schema.validate(xml.decode())
    assert md5 == hashlib.md5(xml).hexdigest()
    data = schema.to_dict(xml.decode())
    titles = [d["title"]["polish"] for d in data["dataset"]]
    assert any(t.startswith("Budżet obywatelski:") for t in titles)
    assert any(t.startswith("Konsultacje społeczne:") for t in titles)
    assert any(t.startswith("Panel obywatelski:") for t in titles)
    urls = [r["url"] for d in data["dataset"] for r in d["resources"]["resource"]]
    assert all(u.startswith("https://wiec.example.gov.pl/") for u in urls)
    assert all(d["tags"]["tag"] for d in data["dataset"])  # the portal requires tags
    assert any(u.endswith("/results") for u in urls)  # an edition with its results
    assert any(u.endswith("/lottery") for u in urls)  # a panel with its lottery


def test_every_resource_address_answers(demo, db, client, schema):
    xml = opendata.write_harvester(demo).decode()
    data = schema.to_dict(xml)
    site = opendata.absolute("")
    for dataset in data["dataset"]:
        for resource in dataset["resources"]["resource"]:
            path = resource["url"].removeprefix(site)
            assert client.get(path).status_code == 200, path


def test_identifiers_are_stable(demo, db, schema):
    first = opendata.write_harvester(demo)
    assert opendata.write_harvester(demo) == first


def test_a_broken_file_would_not_validate(demo, db, schema):
    xml = (
        opendata.write_harvester(demo)
        .decode()
        .replace("<updateFrequency>daily", "<updateFrequency>often", 1)
    )
    assert not schema.is_valid(xml)


def test_a_site_without_https_would_be_refused(demo, db, schema, settings):
    settings.WIEC_SITE_URL = "http://127.0.0.1:8000"
    assert not schema.is_valid(opendata.write_harvester(demo).decode())


def test_long_texts_are_cut_to_the_portals_lengths(demo, db, schema, monkeypatch):
    from wiec.core.participation import Dataset, Resource

    long = Dataset(
        key="long",
        title="T" * 400,
        description="D" * 1500,
        url="/",
        resources=(Resource(title="R" * 400, url="/api/v1/", format="json"),),
    )
    monkeypatch.setattr(opendata, "all_datasets", lambda: [("budgets", long)])
    xml = opendata.write_harvester(demo).decode()
    schema.validate(xml)
    title = schema.to_dict(xml)["dataset"][0]["title"]["polish"]
    assert len(title) == 300 and title.endswith("…")


def test_the_dcat_catalogue_lists_the_data_sets(demo, db, client):
    from rdflib import Graph
    from rdflib.namespace import DCAT, RDF

    body = client.get("/dane/dcat.jsonld")
    assert body["Content-Type"] == "application/ld+json"
    json.loads(body.content)
    graph = Graph().parse(data=body.content, format="json-ld")
    with_lang = len(list(graph.subjects(RDF.type, DCAT.Dataset)))
    assert with_lang == len(opendata.all_datasets())
    assert len(list(graph.subjects(RDF.type, DCAT.Distribution))) > with_lang
