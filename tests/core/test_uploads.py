"""A file is what its content says, not what its name says."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wiec.core import uploads


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


ALLOWED = {"pdf": uploads.PDF, "png": uploads.PNG, "docx": uploads.ZIP}


def test_images_and_pdfs_are_told_by_their_content():
    photo = SimpleUploadedFile("zdjecie.jpg", png_bytes())  # a PNG under a JPEG name
    assert uploads.is_image(photo) and not uploads.is_pdf(photo)
    assert photo.tell() == 0
    pdf = SimpleUploadedFile("skan.pdf", b"%PDF-1.7\n...")
    assert uploads.is_pdf(pdf) and not uploads.is_image(pdf)
    broken = SimpleUploadedFile("uszkodzony.png", png_bytes()[:20])
    assert not uploads.is_image(broken)


def test_a_file_must_have_an_allowed_name_and_the_content_of_that_kind():
    assert uploads.has_type(SimpleUploadedFile("pismo.pdf", b"%PDF-1.4"), ALLOWED)
    assert uploads.has_type(SimpleUploadedFile("Plan.DOCX", docx_bytes()), ALLOWED)
    assert not uploads.has_type(SimpleUploadedFile("program.pdf", b"MZ\x90\x00"), ALLOWED)
    assert not uploads.has_type(SimpleUploadedFile("pismo.exe", b"%PDF-1.4"), ALLOWED)
    assert not uploads.has_type(SimpleUploadedFile("bez-rozszerzenia", b"%PDF-1.4"), ALLOWED)
