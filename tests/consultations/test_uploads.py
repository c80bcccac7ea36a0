"""Issue 13 in consultations: a scan of a letter and a meeting material are stored
under a random name whose extension comes from their content, and served as that
type with nosniff; an image of too many pixels gets a Polish message."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.files import EVIL_PDF, bomb_png, docx_bytes, png_bytes
from wiec.consultations.models import MeetingMaterial, Remark

pytestmark = pytest.mark.django_db


def material_url(consultation, meeting) -> str:
    return f"/konsultacje/{consultation.slug}/spotkania/{meeting.pk}/materialy/nowy/"


def remark_url(consultation) -> str:
    return f"/konsultacje/{consultation.slug}/uwagi/nowa/"


def remark_data(attachment) -> dict:
    return {
        "channel": "paper",
        "author_name": "Jan",
        "text": "Pismo",
        "received_on": timezone.localdate().isoformat(),
        "attachment": attachment,
    }


def test_a_html_material_that_is_a_pdf_is_stored_and_served_as_a_pdf(
    client, consultation, official
):
    meeting = consultation.meetings.get()
    client.force_login(official)
    response = client.post(
        material_url(consultation, meeting),
        {"title": "Porządek", "file": SimpleUploadedFile("evil.pdf.html", EVIL_PDF)},
    )
    assert response.status_code == 302
    material = MeetingMaterial.objects.get()
    assert material.file.name.endswith(".pdf") and "evil" not in material.file.name
    assert material.extension == "PDF"
    served = client.get(material.file.url)
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"


def test_a_document_is_named_by_its_content_not_by_its_name(client, consultation, official):
    meeting = consultation.meetings.get()
    client.force_login(official)
    client.post(
        material_url(consultation, meeting),
        {"title": "Plan", "file": SimpleUploadedFile("plan.odt", docx_bytes())},
    )
    material = MeetingMaterial.objects.get()
    assert material.file.name.endswith(".docx") and material.extension == "DOCX"
    assert client.get(material.file.url)["Content-Disposition"].startswith("attachment")


def test_a_scanned_image_is_shown_inline_with_its_own_type(client, consultation, official):
    client.force_login(official)
    response = client.post(
        remark_url(consultation), remark_data(SimpleUploadedFile("skan.html", png_bytes()))
    )
    assert response.status_code == 302
    scan = Remark.objects.get().attachment
    assert scan.name.startswith(f"consultations/{consultation.pk}/remarks/")
    assert scan.name.endswith(".png") and "skan" not in scan.name
    remark = Remark.objects.get()
    url = reverse("consultations:remark_scan", args=[consultation.slug, remark.pk])
    served = client.get(url)
    assert served["Content-Type"] == "image/png"
    assert served["Content-Disposition"].startswith("inline")
    assert served["X-Content-Type-Options"] == "nosniff"
    # A scanned letter (a name, an address) is private: never at the public address,
    # and not for a visitor.
    assert client.get(scan.url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 403)


def test_a_decompression_bomb_gets_a_polish_message_and_saves_nothing(
    client, consultation, official
):
    client.force_login(official)
    bomb = SimpleUploadedFile("skan.png", bomb_png())
    response = client.post(remark_url(consultation), remark_data(bomb))
    assert response.status_code == 200
    assert "Obraz ma zbyt wiele pikseli: dozwolone jest najwyżej 50 megapikseli." in (
        response.content.decode()
    )
    assert not Remark.objects.exists()
    meeting = consultation.meetings.get()
    response = client.post(
        material_url(consultation, meeting),
        {"title": "Mapa", "file": SimpleUploadedFile("mapa.png", bomb_png())},
    )
    assert response.status_code == 200
    assert "zbyt wiele pikseli" in response.content.decode()
    assert not MeetingMaterial.objects.exists()


def test_a_damaged_image_is_refused_as_a_wrong_type(client, consultation, official):
    client.force_login(official)
    damaged = SimpleUploadedFile("skan.png", png_bytes()[:40])
    response = client.post(remark_url(consultation), remark_data(damaged))
    assert response.status_code == 200
    assert "Ten rodzaj pliku nie jest przyjmowany." in response.content.decode()
    assert not Remark.objects.exists()
