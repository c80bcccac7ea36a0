"""The yearly participation report: HTML, and a tagged PDF naming every process."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from wiec.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_report_names_every_process_and_its_pdf_is_tagged(
    client, city, consulted, recommendation, make_role_user
):
    from pypdf import PdfReader

    year = timezone.localdate().year
    coordinator = make_role_user(Role.COORDINATOR)
    client.force_login(coordinator)
    response = client.post(
        f"/zobowiazania/raport/{year}/", {"introduction": "Rok wielu rozmów z mieszkańcami."}
    )
    assert response.status_code == 302
    client.logout()
    html = client.get(f"/zobowiazania/raport/{year}/").content.decode()
    assert "Rok wielu rozmów" in html and "Park linearny" in html
    assert recommendation.panel.topic in html
    response = client.get(f"/zobowiazania/raport/{year}.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Park linearny" in text and recommendation.panel.topic in text
    assert client.post(f"/zobowiazania/raport/{year}/", {"introduction": "x"}).status_code == 302
