"""Issue 16: the proposal page shows the place, the photos, the attachments and the
support as a resident needs them, and offers only actions that can succeed."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests.budgets.conftest import png_upload
from tests.files import EVIL_PDF
from wiec.budgets.models import ProposalFile
from wiec.budgets.phases import PhaseType
from wiec.core.uploads import MAX_IMAGE_SIDE, shrink_image

pytestmark = pytest.mark.django_db


def photo(size, image_format="JPEG", name="park.jpg", **save) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format=image_format, **save)
    return SimpleUploadedFile(name, buffer.getvalue())


def page(client, proposal) -> str:
    return client.get(proposal.get_absolute_url()).content.decode()


def end_submission(edition, days_ago=3) -> datetime.date:
    ended = timezone.localdate() - datetime.timedelta(days=days_ago)
    edition.phases.filter(type=PhaseType.SUBMISSION).update(ends_on=ended)
    return ended


def test_the_place_is_a_map_with_the_address_as_text(client, people, make_proposal):
    proposal = make_proposal(
        people["author"], address="ul. Limanowskiego 1", latitude=50.044, longitude=19.996
    )
    html = page(client, proposal)
    assert 'id="proposal-location"' in html
    assert 'data-lat="50.044000"' in html and 'data-lon="19.996000"' in html
    assert "ul. Limanowskiego 1" in html
    assert "(50.04400, 19.99600)" not in html
    assert "Otwórz to miejsce w OpenStreetMap" in html  # without JavaScript
    assert "leaflet" in html


def test_a_proposal_without_a_point_has_no_map(client, people, make_proposal):
    html = page(client, make_proposal(people["author"], address="ul. Limanowskiego 1"))
    assert "ul. Limanowskiego 1" in html
    assert 'id="proposal-location"' not in html
    assert "leaflet" not in html


def test_photos_are_images_with_alternative_text(client, people, make_proposal):
    proposal = make_proposal(
        people["author"], title="Park kieszonkowy", images=[png_upload(), png_upload("b.png")]
    )
    html = page(client, proposal)
    for stored in ProposalFile.objects.filter(kind="image"):
        assert f'<img src="{stored.file.url}"' in html
    assert 'alt="Park kieszonkowy: zdjęcie 1 z 2"' in html
    assert 'alt="Park kieszonkowy: zdjęcie 2 z 2"' in html


def test_a_large_photo_is_shrunk_on_upload_keeping_its_type(people, make_proposal):
    make_proposal(people["author"], images=[photo((4000, 3000))])
    stored = ProposalFile.objects.get()
    assert stored.file.name.endswith(".jpg")
    with Image.open(stored.file) as image:
        assert image.format == "JPEG"
        assert image.size == (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE * 3 // 4)
    assert stored.size == stored.file.size


@pytest.mark.parametrize("image_format", ["PNG", "WEBP", "GIF"])
def test_shrinking_keeps_the_format(image_format):
    shrunk = shrink_image(photo((3000, 1000), image_format, name="x"))
    with Image.open(shrunk) as image:
        assert image.format == image_format
        assert image.size == (MAX_IMAGE_SIDE, 667)


def test_a_small_upright_photo_is_kept_as_it_came():
    upload = photo((800, 600))
    assert shrink_image(upload) is upload


def test_a_photo_turned_by_exif_is_turned_for_real():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    shrunk = shrink_image(photo((800, 600), exif=exif))
    with Image.open(shrunk) as image:
        assert image.size == (600, 800)


def test_attachments_show_type_and_size_in_polish_units(client, people, make_proposal):
    pdf = SimpleUploadedFile("kosztorys.pdf", EVIL_PDF + b"0" * 1_250_000)
    proposal = make_proposal(people["author"], attachments=[pdf])
    html = page(client, proposal)
    assert 'kosztorys.pdf</a> <span class="meta">(PDF, 1,2\xa0MB)</span>' in html


def test_support_is_counted_against_the_requirement_while_collected(client, people, make_proposal):
    proposal = make_proposal(people["author"])
    client.force_login(people["resident"])
    html = page(client, proposal)
    assert "0 podpisów z wymaganych 10" in html
    assert "Popieram ten projekt" in html


def test_after_the_deadline_no_support_button_but_until_when(
    client, people, make_proposal, edition
):
    proposal = make_proposal(people["author"])
    ended = end_submission(edition)
    client.force_login(people["resident"])
    html = page(client, proposal)
    assert "wymaganych" not in html
    assert "Popieram" not in html and "/poprzyj/" not in html
    months = {12: "grudnia", 11: "listopada"}
    assert f"Podpisy poparcia można było składać do {ended.day} {months.get(ended.month, '')}" in (
        html
    )


def test_after_the_deadline_the_author_cannot_edit_or_upload_lists(
    client, people, make_proposal, edition
):
    proposal = make_proposal(people["author"])
    end_submission(edition)
    client.force_login(people["author"])
    html = page(client, proposal)
    assert "Edytuj projekt" not in html
    assert "Dodaj podpisaną listę poparcia" not in html
