"""A file is what its content says, not what its name says, and it is stored under a
name its content decides (issue 13)."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from tests.files import EVIL_PDF, bomb_png, docx_bytes, odt_bytes, png_bytes, zip_bytes
from wiec.core import uploads
from wiec.core.fields import UploadField


def test_images_and_pdfs_are_told_by_their_content():
    photo = SimpleUploadedFile("zdjecie.jpg", png_bytes())  # a PNG under a JPEG name
    assert uploads.is_image(photo) and not uploads.is_pdf(photo)
    assert uploads.image_type(photo) == uploads.PNG_TYPE
    assert photo.tell() == 0
    pdf = SimpleUploadedFile("skan.pdf", b"%PDF-1.7\n...")
    assert uploads.is_pdf(pdf) and not uploads.is_image(pdf)
    broken = SimpleUploadedFile("uszkodzony.png", png_bytes()[:20])
    assert not uploads.is_image(broken)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("evil.html", EVIL_PDF, uploads.PDF_TYPE),
        ("zdjecie.svg", png_bytes(), uploads.PNG_TYPE),
        ("mapa.docx", odt_bytes(), uploads.ODT_TYPE),
        ("Plan.pdf", docx_bytes(), uploads.DOCX_TYPE),
        ("arkusz.xlsx", zip_bytes({"xl/workbook.xml": "<workbook/>"}), uploads.XLSX_TYPE),
        ("strona.html", b"<html><script>alert(1)</script>", None),
        ("archiwum.odt", zip_bytes({"a.txt": "a"}), None),
        ("udaje.odt", b"PK\x03\x04 not an archive", None),
        ("program.pdf", b"MZ\x90\x00", None),
    ],
)
def test_the_type_comes_from_the_content_never_from_the_name(name, content, kind):
    assert uploads.sniff(SimpleUploadedFile(name, content)) == kind


def test_a_file_must_be_of_an_allowed_type_and_an_image_must_open():
    allowed = {uploads.PDF_TYPE, uploads.PNG_TYPE}
    assert uploads.verified_type(SimpleUploadedFile("x", b"%PDF-1.4"), allowed)
    assert uploads.verified_type(SimpleUploadedFile("x", png_bytes()), allowed)
    assert not uploads.verified_type(SimpleUploadedFile("x", docx_bytes()), allowed)
    assert not uploads.verified_type(SimpleUploadedFile("x", png_bytes()[:30]), allowed)


def test_a_decompression_bomb_is_refused_as_too_many_pixels():
    bomb = SimpleUploadedFile("bomba.png", bomb_png())
    assert len(bomb_png()) < 120
    with pytest.raises(uploads.TooManyPixels) as error:
        uploads.image_type(bomb)
    assert error.value.code == "too_many_pixels"
    # Below Pillow's own error, above its warning, and above ours alone.
    for width in (10_000, 7_500):
        with pytest.raises(uploads.TooManyPixels):
            uploads.image_type(SimpleUploadedFile("duzy.png", bomb_png(width, 10_000)))


def test_a_stored_name_is_random_with_the_extension_of_the_content():
    first = uploads.stored_name(SimpleUploadedFile("evil.html", EVIL_PDF))
    second = uploads.stored_name(SimpleUploadedFile("evil.html", EVIL_PDF))
    assert first.endswith(".pdf") and second.endswith(".pdf") and first != second
    assert "evil" not in first
    assert uploads.stored_name(SimpleUploadedFile("a.html", b"<html>")).endswith(".bin")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("C:\\Users\\ala\\wniosek o\tław\u00adki.pdf", "wniosek o ławki.pdf"),
        ("../../etc/passwd", "passwd"),
        ("zdj\u202egpj.exe", "zdjgpj.exe"),
        ("  a\x00b  ", "ab"),
        ("x" * 300, "x" * 200),
    ],
)
def test_the_senders_name_is_kept_only_as_clean_text(name, shown):
    assert uploads.display_name(name) == shown


def test_every_uploaded_file_in_every_app_is_stored_under_a_generated_name():
    """The class of bug, not one field: a new FileField must be an UploadField."""
    fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and not isinstance(field, UploadField)
    ]
    assert fields == []


@pytest.mark.django_db
def test_an_upload_field_stores_a_html_file_that_is_a_pdf_as_a_pdf():
    from wiec.consultations.models import MeetingMaterial

    field = MeetingMaterial._meta.get_field("file")
    material = MeetingMaterial(meeting_id=1, title="x")
    material.file = SimpleUploadedFile("evil.html", EVIL_PDF)
    field.pre_save(material, add=True)
    assert material.file.name.startswith("consultations/meetings/1/")
    assert material.file.name.endswith(".pdf") and "evil" not in material.file.name


def _zip(members: dict[str, bytes]) -> io.BytesIO:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_office_files_are_checked_to_be_what_they_claim():
    from wiec.core.uploads import DOCX_TYPE, XLSX_TYPE, sniff

    docx = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    assert sniff(_zip(docx)) == DOCX_TYPE
    assert sniff(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"})) == (
        XLSX_TYPE
    )
    assert sniff(_zip({"evil.exe": b"MZ"})) is None  # a ZIP that is no office file


def test_a_zip_bomb_dressed_as_a_document_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 1_000_000)
    bomb = _zip({"word/document.xml": b"0" * 1_000_001})
    assert uploads.sniff(bomb) is None


def test_a_renamed_program_is_not_accepted_by_its_name():
    from wiec.core.uploads import sniff

    assert sniff(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 300)) is None
