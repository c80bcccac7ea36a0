"""dane.gov.pl's harvester XML validates against the XSD, its .md5 matches, and the
DCAT-AP catalogue lists the same data sets."""

from __future__ import annotations

import hashlib
import json

import pytest
import xmlschema

from wiec.core import opendata


@pytest.fixture
def schema():
    return xmlschema.XMLSchema(str(opendata.XSD))


def test_the_published_xml_is_valid_and_its_md5_matches(demo, db, client, schema):
    from wiec.budgets.models import CountRun, Edition

    CountRun.objects.create(edition=Edition.objects.first(), state="done", published=True)
    assert opendata.publish_open_data.enqueue().return_value == 1  # the immediate backend
    xml = client.get("/dane/harvester.xml").content
    md5 = client.get("/dane/harvester.xml.md5").content.decode().strip()
    schema.validate(xml.decode())
    assert md5 == hashlib.md5(xml).hexdigest()
    data = schema.to_dict(xml.decode())
    titles = [d["title"]["polish"] for d in data["dataset"]]
    assert any(t.startswith("Budżet obywatelski:") for t in titles)
    assert any(t.startswith("Konsultacje społeczne:") for t in titles)
    assert any(t.startswith("Panel obywatelski:") for t in titles)
    urls = [r["url"] for d in data["dataset"] for r in d["resources"]["resource"]]
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
