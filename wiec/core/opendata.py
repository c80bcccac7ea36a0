"""Open data for the portals: the dane.gov.pl harvester's XML source and DCAT-AP.

Each tool lists its data sets (:meth:`~wiec.core.participation.ToolContents.datasets`):
budget editions with their results, consultations with their reports, panels with
their lotteries, each resource a stable address of the API or a file. From them:

- the harvester's XML (namespace ``urn:otwarte-dane:harvester:1.7``, valid against
  ``wiec/core/data/harvester-1.7.xsd``, the portal's own schema of that version) and
  its sibling checksum, written for each municipality by the periodic task
  :func:`publish_open_data` (enqueued daily by ``manage.py publish_open_data`` from
  cron or a systemd timer) and served at ``/dane/harvester.xml``, the address a
  municipality gives the portal once. The portal reads the checksum next to it by
  replacing the extension (``/dane/harvester.md5``, as its harvester does:
  ``mcod/harvester/utils.py``, ``get_remote_xml_hash``); ``/dane/harvester.xml.md5``
  answers too;
- DCAT-AP metadata as JSON-LD (``/dane/dcat.jsonld``) for the EU data portal.

Identifiers (``extIdent``) are hashes of the municipality and the tool's stable key, so
they never change while the thing exists and never exceed the portal's 36 characters.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django_tasks import task

from wiec.core.participation import Dataset, each_tool
from wiec.places.models import City
from wiec.places.selectors import activated, current_city

VERSION = "1.7"
NAMESPACE = f"urn:otwarte-dane:harvester:{VERSION}"
XSD = Path(__file__).parent / "data" / f"harvester-{VERSION}.xsd"
#: The portal's lengths (``titleType``, ``descriptionType`` of the schema).
TITLE_MAX, DESCRIPTION_MAX = 300, 1000
CATEGORY = "GOVE"  # government and public sector
ENGLISH = {
    "budgets": ("Participatory budget", "Proposals, verification, appeals and results."),
    "consultations": ("Public consultation", "The consulted document, remarks and responses."),
    "panels": ("Citizens' panel", "The panel, its lottery's public record, recommendations."),
}


TAGS = {
    "budgets": "budżet obywatelski",
    "consultations": "konsultacje społeczne",
    "panels": "panel obywatelski",
}


def ext_ident(city: City, key: str) -> str:
    return hashlib.sha256(f"{city.slug}:{key}".encode()).hexdigest()[:32]


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.WIEC_SITE_URL.rstrip("/") + url


def all_datasets() -> list[tuple[str, Dataset]]:
    """Every registered tool's data sets of the current municipality, with the tool's key."""
    return [(each.key, d) for each, contents in each_tool() for d in contents.datasets()]


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = value
    return element


def _cut(text: str, limit: int) -> str:
    text = text.strip() or "-"
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _translated(parent: ET.Element, tag: str, polish: str, english: str) -> None:
    limit = TITLE_MAX if tag == "title" else DESCRIPTION_MAX
    element = ET.SubElement(parent, tag)
    _text(element, "polish", _cut(polish, limit))
    _text(element, "english", _cut(english, limit))


def _flags(parent: ET.Element) -> None:
    for flag in ("hasDynamicData", "hasHighValueData", "hasResearchData"):
        _text(parent, flag, "false")


def _day(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return timezone.localdate().isoformat()
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value).isoformat()
    return value.isoformat()


def harvester_xml(city: City) -> bytes:
    """The XML source of the municipality's data sets (call inside ``activated(city)``)."""
    root = ET.Element("ns2:datasets", {"xmlns:ns2": NAMESPACE})
    for tool_key, dataset in all_datasets():
        if not dataset.resources:
            continue
        english_title, english_description = ENGLISH.get(tool_key, (dataset.title, ""))
        node = ET.SubElement(root, "dataset", status="published")
        _text(node, "extIdent", ext_ident(city, dataset.key))
        _translated(node, "title", dataset.title, f"{english_title}: {dataset.title}")
        _translated(
            node, "description", dataset.description, english_description or dataset.description
        )
        _text(node, "url", absolute(dataset.url))
        _text(node, "updateFrequency", "daily")
        _flags(node)
        categories = ET.SubElement(node, "categories")
        _text(categories, "category", CATEGORY)
        resources = ET.SubElement(node, "resources")
        for resource in dataset.resources:
            item = ET.SubElement(resources, "resource", status="published")
            _text(item, "extIdent", ext_ident(city, f"{dataset.key}:{resource.url}"))
            _text(item, "url", absolute(resource.url))
            _translated(item, "title", resource.title, resource.title)
            _translated(
                item,
                "description",
                resource.description or f"{dataset.title}: {resource.title}",
                f"{english_title}: {resource.title}",
            )
            _text(item, "availability", "remote")
            _text(item, "dataDate", _day(dataset.modified))
            _flags(item)
        # The portal requires at least one tag; the tool's own name is always one.
        tags = ET.SubElement(node, "tags")
        for keyword in dict.fromkeys([TAGS.get(tool_key, tool_key), *dataset.keywords]):
            _text(tags, "tag", keyword).set("lang", "pl")
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def md5_of(content: bytes) -> str:
    return hashlib.md5(content, usedforsecurity=False).hexdigest()


def _path(city: City, name: str) -> str:
    return f"opendata/{city.slug}/{name}"


def write_harvester(city: City) -> bytes:
    """Write the municipality's XML and its ``.md5`` into storage; return the XML."""
    with activated(city):
        content = harvester_xml(city)
    for name, data in (
        ("harvester.xml", content),
        ("harvester.xml.md5", md5_of(content).encode()),
    ):
        path = _path(city, name)
        if default_storage.exists(path):
            default_storage.delete(path)
        default_storage.save(path, ContentFile(data))
    return content


@task()
def publish_open_data() -> int:
    """Write every municipality's harvester files; the number of municipalities."""
    cities = list(City.objects.all())
    for city in cities:
        write_harvester(city)
    return len(cities)


def _stored(city: City, name: str) -> bytes:
    path = _path(city, name)
    if not default_storage.exists(path):
        write_harvester(city)
    with default_storage.open(path, "rb") as stored:
        return stored.read()


def harvester_view(request: HttpRequest) -> HttpResponse:
    city = current_city()
    if city is None:
        raise Http404
    return HttpResponse(_stored(city, "harvester.xml"), content_type="application/xml")


def harvester_md5_view(request: HttpRequest) -> HttpResponse:
    city = current_city()
    if city is None:
        raise Http404
    return HttpResponse(_stored(city, "harvester.xml.md5"), content_type="text/plain")


def dcat_graph(city: City):  # -> rdflib.Graph
    """The municipality's catalogue as DCAT-AP: a catalogue, its data sets, distributions."""
    from rdflib import RDF, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCAT, DCTERMS, FOAF, XSD

    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    euvoc = Namespace("http://publications.europa.eu/resource/authority/")
    catalogue = URIRef(absolute("/dane/dcat.jsonld"))
    publisher = URIRef(absolute("/") + "#gmina")
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, DCTERMS.title, Literal(f"Wiec: {city.name}", lang="pl")))
    graph.add(
        (catalogue, DCTERMS.description, Literal(f"Dane partycypacji: {city.name}", lang="pl"))
    )
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, DCTERMS.language, euvoc["language/POL"]))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(city.office_name or city.name, lang="pl")))
    for _tool, dataset in all_datasets():
        node = URIRef(absolute(dataset.url))
        graph.add((catalogue, DCAT.dataset, node))
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCTERMS.identifier, Literal(ext_ident(city, dataset.key))))
        graph.add((node, DCTERMS.title, Literal(dataset.title, lang="pl")))
        graph.add((node, DCTERMS.description, Literal(dataset.description or "-", lang="pl")))
        graph.add((node, DCTERMS.publisher, publisher))
        graph.add((node, DCAT.theme, euvoc["data-theme/GOVE"]))
        graph.add((node, DCAT.landingPage, node))
        if dataset.modified:
            graph.add((node, DCTERMS.modified, Literal(_day(dataset.modified), datatype=XSD.date)))
        for keyword in dataset.keywords:
            graph.add((node, DCAT.keyword, Literal(keyword, lang="pl")))
        for resource in dataset.resources:
            distribution = URIRef(absolute(resource.url))
            graph.add((node, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            graph.add((distribution, DCTERMS.title, Literal(resource.title, lang="pl")))
            graph.add((distribution, DCAT.accessURL, distribution))
            graph.add((distribution, DCAT.downloadURL, distribution))
            graph.add((distribution, DCTERMS.format, euvoc[f"file-type/{resource.format.upper()}"]))
    return graph


def dcat_view(request: HttpRequest) -> HttpResponse:
    city = current_city()
    if city is None:
        raise Http404
    body = dcat_graph(city).serialize(format="json-ld", indent=2)
    return HttpResponse(body, content_type="application/ld+json")
