"""What an uploaded file is, judged by its content and never by its name.

One place for every app: each app words its own refusals (the Polish differs with
what was sent: a scan, an attachment, a photo), this module only answers questions
about a file.  A renamed program is not a PDF, and an image must open as one.

A file is stored under a random name whose extension comes from its content
(:func:`stored_name`), and served with the type that extension stands for
(:data:`TYPES`, ``wiec.core.media``): a page named ``evil.html`` that begins with
``%PDF-`` is kept as ``….pdf`` and served as a PDF to download, never as HTML.
"""

from __future__ import annotations

import io
import secrets
import unicodedata
import warnings
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from typing import IO

import filetype
from django.core.files.base import ContentFile
from PIL import ExifTags, Image, ImageOps

IMAGE_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})

#: The most pixels an uploaded image may have: 50 megapixels holds a phone's or a
#: camera's photo (8,000 × 6,000), and stops a small file that would unpack into
#: gigabytes (a "decompression bomb").
MAX_IMAGE_PIXELS = 50_000_000

#: The longest side, in pixels, of an image kept for showing in a page: sharp on a
#: large screen, and a tenth of a camera's file for a person on a phone's data plan.
MAX_IMAGE_SIDE = 2000


@dataclass(frozen=True)
class FileType:
    """A kind of file Wiec stores: its extension and the type it is served as."""

    extension: str
    content_type: str

    @property
    def is_image(self) -> bool:
        """Images are shown in the page; everything else is only downloaded."""
        return self.content_type.startswith("image/")

    @property
    def label(self) -> str:
        """The name people know the type by ("PDF", "JPEG", "DOCX"); "" for unknown."""
        if self.extension == "bin":
            return ""
        return "JPEG" if self.extension == "jpg" else self.extension.upper()


PDF_TYPE = FileType("pdf", "application/pdf")
PNG_TYPE = FileType("png", "image/png")
JPEG_TYPE = FileType("jpg", "image/jpeg")
GIF_TYPE = FileType("gif", "image/gif")
WEBP_TYPE = FileType("webp", "image/webp")
ODT_TYPE = FileType("odt", "application/vnd.oasis.opendocument.text")
ODS_TYPE = FileType("ods", "application/vnd.oasis.opendocument.spreadsheet")
DOCX_TYPE = FileType(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
XLSX_TYPE = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
UNKNOWN_TYPE = FileType("bin", "application/octet-stream")

#: Every type a stored file can have, by the extension of its stored name.
TYPES = {
    t.extension: t
    for t in (
        PDF_TYPE,
        PNG_TYPE,
        JPEG_TYPE,
        GIF_TYPE,
        WEBP_TYPE,
        ODT_TYPE,
        ODS_TYPE,
        DOCX_TYPE,
        XLSX_TYPE,
        UNKNOWN_TYPE,
    )
}
IMAGE_TYPES = frozenset({PNG_TYPE, JPEG_TYPE, GIF_TYPE, WEBP_TYPE})
PILLOW_TYPES = {"PNG": PNG_TYPE, "JPEG": JPEG_TYPE, "GIF": GIF_TYPE, "WEBP": WEBP_TYPE}


class TooManyPixels(ValueError):
    """An image larger than :data:`MAX_IMAGE_PIXELS` (or one Pillow calls a bomb)."""

    code = "too_many_pixels"

    def __init__(self, limit: int = MAX_IMAGE_PIXELS) -> None:
        super().__init__(f"more than {limit} pixels")
        self.limit = limit


def head(upload: IO[bytes], size: int = 12) -> bytes:
    """The file's first bytes; the file is left at its start."""
    upload.seek(0)
    start = upload.read(size)
    upload.seek(0)
    return start


#: An office file that would unpack to more than this, or hold more members, is
#: refused: a ZIP "bomb" of a few kilobytes may unpack to gigabytes.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5000


def _zip_type(upload: IO[bytes]) -> FileType | None:
    """An OpenDocument file names its type in its first member, ``mimetype``; an
    Office file keeps its text under ``word/`` and its sheets under ``xl/``."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                return None
            if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                return None
            names = {m.filename for m in members}
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return next((t for t in (ODT_TYPE, ODS_TYPE) if t.content_type == mimetype), None)
            if "word/document.xml" in names:
                return DOCX_TYPE
            if "xl/workbook.xml" in names:
                return XLSX_TYPE
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError):
        return None
    finally:
        upload.seek(0)
    return None


#: What ``filetype`` (a maintained library of signatures) names, as Wiec's types.
_GUESSED = {"pdf": PDF_TYPE, "png": PNG_TYPE, "jpg": JPEG_TYPE, "gif": GIF_TYPE}
_GUESSED["webp"] = WEBP_TYPE
_ARCHIVES = {"zip", "docx", "xlsx", "odt", "ods"}


def sniff(upload: IO[bytes]) -> FileType | None:
    """What the file's bytes say it is (PDF, image, OpenDocument or Office), or None.

    ``filetype`` reads the signature at the start. An office file is a ZIP archive:
    its table of contents must hold what the type needs (``word/document.xml`` for a
    DOCX), agree with what the signature claims, and not unpack into a bomb. Whether
    an image really opens is :func:`image_type`'s question.
    """
    guess = filetype.guess(head(upload, 8192))
    if guess is None:
        return None
    if guess.extension in _GUESSED:
        return _GUESSED[guess.extension]
    if guess.extension in _ARCHIVES:
        kind = _zip_type(upload)
        if kind is None or guess.extension not in ("zip", kind.extension):
            return None  # claims to be one kind of document and is another
        return kind
    return None


def image_type(upload: IO[bytes], formats: Collection[str] = IMAGE_FORMATS) -> FileType | None:
    """The type of an image Pillow opens and verifies as one of ``formats``, or None.

    Raises :class:`TooManyPixels` for an image above :data:`MAX_IMAGE_PIXELS`, however
    few bytes it takes.  Any other failure of Pillow on a damaged file means "not an
    image": Pillow raises many kinds of exception on bad input, and none is a 500.
    """
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise TooManyPixels
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise TooManyPixels from None
    except TooManyPixels:
        raise
    except Exception:  # a damaged image may raise anything
        return None
    finally:
        upload.seek(0)
    if image_format not in formats:
        return None
    return PILLOW_TYPES.get(image_format)


def is_pdf(upload: IO[bytes]) -> bool:
    return sniff(upload) == PDF_TYPE


def is_image(upload: IO[bytes], formats: Collection[str] = IMAGE_FORMATS) -> bool:
    """Whether Pillow opens and verifies the file as one of ``formats``; raises
    :class:`TooManyPixels` for a too large one."""
    return image_type(upload, formats) is not None


def verified_type(upload: IO[bytes], allowed: Collection[FileType]) -> FileType | None:
    """The file's type if it is one of ``allowed``; an image must also open as one.

    Raises :class:`TooManyPixels` for a too large image.
    """
    kind = sniff(upload)
    if kind is None or kind not in allowed:
        return None
    if kind.is_image and image_type(upload) != kind:
        return None
    return kind


def shrink_image(upload: IO[bytes], max_side: int = MAX_IMAGE_SIDE) -> IO[bytes]:
    """The image with its longest side at most ``max_side`` pixels, in its own format.

    A photo turned by its EXIF orientation is turned for real before it is shrunk.
    An image already small enough and upright, an animated one, or one Pillow cannot
    read is returned as it came (the caller has verified it with :func:`image_type`).
    """
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format
            if image_format not in PILLOW_TYPES or getattr(image, "is_animated", False):
                return upload
            turned = image.getexif().get(ExifTags.Base.Orientation, 1) not in (1, None)
            if max(image.size) <= max_side and not turned:
                return upload
            image.load()
            shrunk = ImageOps.exif_transpose(image)
            shrunk.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            options = {"JPEG": {"quality": 85, "optimize": True}, "WEBP": {"quality": 85}}
            if image_format == "JPEG" and shrunk.mode not in ("RGB", "L", "CMYK"):
                shrunk = shrunk.convert("RGB")
            shrunk.save(buffer, format=image_format, **options.get(image_format, {}))
    except Exception:  # a damaged image may raise anything; it is kept as it came
        return upload
    finally:
        upload.seek(0)
    return ContentFile(buffer.getvalue(), name=getattr(upload, "name", None))


def without_metadata(upload: IO[bytes]) -> IO[bytes]:
    """The image without its metadata: no GPS position, device or owner's name (EXIF,
    XMP, comments), turned upright by its EXIF orientation first. The colour profile
    stays. An animated image, or one Pillow cannot read, is returned as it came.
    """
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format
            if image_format not in PILLOW_TYPES or getattr(image, "is_animated", False):
                return upload
            image.load()
            icc_profile = image.info.get("icc_profile")
            clean = ImageOps.exif_transpose(image)
            clean.info = {}  # Pillow writes what ``info`` holds (PNG text, comments)
            buffer = io.BytesIO()
            options: dict = {"icc_profile": icc_profile} if icc_profile else {}
            if image_format == "JPEG":
                options.update(quality=90, optimize=True)
                if clean.mode not in ("RGB", "L", "CMYK"):
                    clean = clean.convert("RGB")
            elif image_format == "WEBP":
                options.update(quality=90)
            clean.save(buffer, format=image_format, **options)
    except Exception:  # a damaged image may raise anything; it is kept as it came
        return upload
    finally:
        upload.seek(0)
    return ContentFile(buffer.getvalue(), name=getattr(upload, "name", None))


def stored_name(upload: IO[bytes]) -> str:
    """A random name for storing the file, with the extension its content calls for.

    The sender's name is never used: it could say ``.html`` or ``.svg``, and the
    extension decides how the file is served.  A file of no known kind (one that
    skipped the apps' checks) is stored as ``.bin`` and only ever downloaded.
    """
    kind = sniff(upload) or UNKNOWN_TYPE
    return f"{secrets.token_urlsafe(16)}.{kind.extension}"


def display_name(name: str | None, max_length: int = 200) -> str:
    """The sender's file name as text to show: no folders, no control or format
    characters (such as a right-to-left override that makes ``gpj.exe`` read as
    ``exe.jpg``), single spaces, at most ``max_length`` characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in name
        if ch.isspace() or unicodedata.category(ch)[0] != "C"
    )
    return " ".join(kept.split())[:max_length].strip()
