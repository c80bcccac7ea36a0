"""What every consultation service shares: refusals, uploads and points on the map."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from wiec.consultations.models import MAX_ATTACHMENT_BYTES, Consultation
from wiec.core.uploads import (
    DOCX_TYPE,
    JPEG_TYPE,
    ODS_TYPE,
    ODT_TYPE,
    PDF_TYPE,
    PNG_TYPE,
    XLSX_TYPE,
    FileType,
    TooManyPixels,
    verified_type,
)
from wiec.places.models import City

NOT_OPEN = _("This consultation is not open: you can take part only while it is ongoing.")


EMPTY_REMARK = _("Write your remark: it cannot be empty.")


OUTSIDE_CITY = _("This point lies outside the city. Choose a place within its boundaries.")


FILE_TOO_LARGE = _("The file is too large: at most %(limit)s MB is allowed.")


def _format(message: Any, params: dict[str, Any]) -> str:
    return str(message) % {k: v if isinstance(v, int) else str(v) for k, v in params.items()}


def lazy_format(message: Any, **params: Any) -> Any:
    """``message % params``, worked out only when shown, so in the reader's language
    (``notify`` renders it in the recipient's; ``%`` on a lazy string would not wait)."""
    return lazy(lambda: _format(message, params), str)()


def require_taking_part(actor: Any, consultation: Consultation) -> None:
    if not consultation.is_ongoing:
        raise ValidationError(NOT_OPEN, code="not_open")
    if not actor.has_perm("consultations.take_part", consultation):
        raise ValidationError(
            _("Only verified residents may take part in this consultation."),
            code="not_verified",
        )


def clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(EMPTY_REMARK, code="empty")
    return text


IMAGES = frozenset({PNG_TYPE, JPEG_TYPE})


SCAN_TYPES = frozenset({PDF_TYPE, *IMAGES})
"""A scan of a letter: PDF or an image."""


MATERIAL_TYPES = frozenset({PDF_TYPE, ODT_TYPE, ODS_TYPE, DOCX_TYPE, XLSX_TYPE, *IMAGES})
"""Meeting materials: PDF, OpenDocument and Office documents, images."""


WRONG_TYPE = _("This kind of file is not accepted. Send one of: %(types)s.")


TOO_MANY_PIXELS = _("The image has too many pixels: at most %(limit)s megapixels.")


def check_upload(upload: UploadedFile | None, allowed: frozenset[FileType] = SCAN_TYPES) -> None:
    """Refuse a file that is too large, or whose content is not of an allowed type (a
    renamed program is not a PDF, and an image must open as one).  The sender's file
    name does not count: the file is stored under a name its content decides."""
    if upload is None:
        return
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            FILE_TOO_LARGE,
            code="file_too_large",
            params={"limit": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
        )
    try:
        kind = verified_type(upload, allowed)
    except TooManyPixels as error:
        raise ValidationError(
            TOO_MANY_PIXELS, code=error.code, params={"limit": error.limit // 1_000_000}
        ) from None
    if kind is None:
        raise ValidationError(
            WRONG_TYPE,
            code="file_type",
            params={"types": ", ".join(sorted(t.extension.upper() for t in allowed))},
        )


def check_point(city: City, latitude: float, longitude: float) -> None:
    if not city.contains_point(latitude, longitude):
        raise ValidationError(OUTSIDE_CITY, code="outside_city")
