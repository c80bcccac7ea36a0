"""What an uploaded file is, judged by its content and not only its name.

One place for every app: each app words its own refusals (the Polish differs with
what was sent: a scan, an attachment, a photo), this module only answers questions
about a file.  A renamed program is not a PDF, and an image must open as one.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

#: How files of a kind begin ("magic numbers").
PDF = (b"%PDF-",)
ZIP = (b"PK\x03\x04",)  # OpenDocument and Office files are ZIP archives
PNG = (b"\x89PNG\r\n\x1a\n",)
JPEG = (b"\xff\xd8\xff",)
IMAGE_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})


def head(upload: UploadedFile, size: int = 8) -> bytes:
    """The file's first bytes; the file is left at its start."""
    upload.seek(0)
    start = upload.read(size)
    upload.seek(0)
    return start


def extension(upload: UploadedFile) -> str:
    name = upload.name or ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_pdf(upload: UploadedFile) -> bool:
    return head(upload).startswith(PDF)


def is_image(upload: UploadedFile, formats: frozenset[str] = IMAGE_FORMATS) -> bool:
    """Whether Pillow opens and verifies the file as one of ``formats``."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    finally:
        upload.seek(0)
    return image_format in formats


def has_type(upload: UploadedFile, allowed: Mapping[str, tuple[bytes, ...]]) -> bool:
    """Whether the file's extension is allowed and its first bytes are of that kind."""
    kind = extension(upload)
    return kind in allowed and head(upload).startswith(allowed[kind])
