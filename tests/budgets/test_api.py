"""The budget's API and its files: the page's filters, no drafts, files that open."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(people, make_proposal):
    author = people["author"]
    return {
        "podgorze": make_proposal(
            author, title="Ławki nad Wisłą", latitude=50.04, longitude=19.95, address="Bulwary"
        ),
        "huta": make_proposal(author, pool="nowa-huta", title="Zieleń; „cień” i =drzewa"),
        "draft": make_proposal(author, status="draft", title="Szkic"),
    }


def test_the_list_has_the_pages_filters_and_no_drafts(client, listed, districts):
    everything = client.get("/api/v1/budgets/proposals?edition=bo-2027").json()
    assert everything["count"] == 2
    assert {p["title"] for p in everything["items"]} == {
        "Ławki nad Wisłą",
        "Zieleń; „cień” i =drzewa",
    }
    only = client.get(f"/api/v1/budgets/proposals?district={districts['podgorze'].pk}").json()
    assert [p["title"] for p in only["items"]] == ["Ławki nad Wisłą"]
    assert client.get(f"/api/v1/budgets/proposals/{listed['draft'].pk}").status_code == 404


def test_pages_are_stable_and_complete(client, listed):
    first = client.get("/api/v1/budgets/proposals?page_size=1&page=1").json()
    second = client.get("/api/v1/budgets/proposals?page_size=1&page=2").json()
    assert first["pages"] == 2
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {
        listed["podgorze"].pk,
        listed["huta"].pk,
    }


def test_a_proposal_has_its_verification_and_no_author(client, listed, people):
    body = client.get(f"/api/v1/budgets/proposals/{listed['podgorze'].pk}").json()
    assert body["status"] == "submitted" and body["verification"] is None
    assert [c["amount"] for c in body["cost_items"]] == [5_000_000, 20_000_000]
    assert people["author"].email not in json.dumps(body)


def test_csv_opens_with_the_bom_and_semicolons(client, listed, districts):
    response = client.get(f"/api/v1/budgets/proposals.csv?district={districts['nowa-huta'].pk}")
    assert response["Content-Type"].startswith("text/csv")
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["id", "numer", "tytul"]
    assert len(rows) == 2
    # The semicolon in the title survives; the leading "=" is never a formula.
    assert rows[1][2] == "Zieleń; „cień” i =drzewa"
    assert rows[1][7] == "250000.0"


def test_xlsx_opens_with_the_same_rows(client, listed):
    response = client.get("/api/v1/budgets/proposals.xlsx?sort=nazwa")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][2] == "tytul"
    assert [r[2] for r in rows[1:]] == ["Ławki nad Wisłą", "Zieleń; „cień” i =drzewa"]


def test_geojson_has_the_located_proposals_longitude_first(client, listed):
    response = client.get("/api/v1/budgets/proposals.geojson")
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    [only] = data["features"]
    assert only["geometry"] == {"type": "Point", "coordinates": [19.95, 50.04]}
    assert only["properties"]["title"] == "Ławki nad Wisłą"
