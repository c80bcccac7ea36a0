"""Private files: a support list's scan (signatures, PESEL numbers) only after a check."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.files import EVIL_PDF
from wiec.budgets.models import SupportList

pytestmark = pytest.mark.django_db


@pytest.fixture
def scan(client, people, make_proposal):
    proposal = make_proposal(people["author"], status="draft")
    client.force_login(people["author"])
    client.post(
        reverse("budgets:support_list", args=[proposal.pk]),
        {"scan": SimpleUploadedFile("lista.pdf", EVIL_PDF), "declared_signatures": 12},
    )
    client.logout()
    support_list = SupportList.objects.get()
    return support_list, reverse("budgets:support_list_scan", args=[proposal.pk, support_list.pk])


def test_a_private_scan_is_403_for_a_resident_and_served_to_the_official(client, people, scan):
    support_list, url = scan
    client.force_login(people["resident"])
    assert client.get(url).status_code == 403
    client.force_login(people["official_podgorze"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Cache-Control"] == "private, no-store"
    # An official of another district may not, nor anybody at the public media address.
    client.force_login(people["official_nowa_huta"])
    assert client.get(url).status_code == 403
    assert client.get(support_list.scan.url).status_code == 404


def test_in_production_nginx_sends_the_bytes_after_the_check(client, people, scan, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/internal-media/"
    support_list, url = scan
    client.force_login(people["resident"])
    response = client.get(url)
    assert response.status_code == 403 and "X-Accel-Redirect" not in response
    client.force_login(people["official_podgorze"])
    response = client.get(url)
    assert response["X-Accel-Redirect"] == f"/internal-media/{support_list.scan.name}"


def photo_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "green")
    exif = Image.Exif()
    exif[0x010F] = "Telefon Testowy"  # Make
    exif[0x8825] = {1: "N", 2: (50.0, 3.0, 40.0), 3: "E", 4: (19.0, 56.0, 10.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_a_stored_photo_has_no_gps_position(people, make_proposal):

    from wiec.budgets.implementation import report_progress
    from wiec.budgets.models import Implementation

    raw = photo_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)  # the sample has one
    implementation = Implementation.objects.create(proposal=make_proposal(people["author"]))
    update = report_progress(
        actor=people["official_podgorze"],
        implementation=implementation,
        status=implementation.status,
        percent_done=10,
        text="Prace ruszyły.",
        photo=SimpleUploadedFile("plac.jpg", raw),
    )
    with update.photo.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        exif = image.getexif()
    assert image.format == "JPEG" and image.size == (40, 30)
    assert not exif.get_ifd(0x8825)
    assert 0x010F not in exif
