"""Uploads are served so that none can run in the site's origin (issue 13): each with
the type its stored extension stands for and nosniff; images inline, the rest as
downloads."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings

from tests.files import EVIL_PDF, png_bytes


def store(name: str, content: bytes) -> str:
    return default_storage.save(f"test/{name}", io.BytesIO(content))


def test_a_pdf_is_served_as_a_download_that_the_browser_may_not_sniff(client):
    name = store("a1b2.pdf", EVIL_PDF)
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == EVIL_PDF


def test_an_image_is_shown_inline_with_its_own_type(client):
    name = store("c3d4.png", png_bytes())
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["stary.html", "rysunek.svg", "bez-rozszerzenia"])
def test_a_file_of_another_kind_is_only_ever_a_download(client, name):
    """Files stored before names were generated keep the sender's extension."""
    stored = store(name, b"<svg onload=alert(1)>")
    response = client.get(f"/media/{stored}")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["test/brak.pdf", "../settings.py", "test/../../x.pdf"])
def test_a_missing_file_or_a_path_outside_the_media_is_not_found(client, path):
    assert client.get(f"/media/{path}").status_code == 404


def test_a_post_to_media_is_refused(client):
    name = store("e5f6.pdf", b"%PDF-1.4")
    assert client.post(f"/media/{name}").status_code == 405


@override_settings(MEDIA_ACCEL_REDIRECT="/internal-media/")
def test_behind_nginx_the_view_hands_the_file_over_with_the_same_headers(client):
    response = client.get("/media/budgets/proposals/2027/a%20b.pdf")
    assert response["X-Accel-Redirect"] == "/internal-media/budgets/proposals/2027/a%20b.pdf"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
