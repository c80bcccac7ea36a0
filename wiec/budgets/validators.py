"""Checks of uploaded files by their content (``wiec.core.uploads``), in this app's words."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wiec.core.uploads import (
    IMAGE_TYPES,
    PDF_TYPE,
    FileType,
    TooManyPixels,
    display_name,
    verified_type,
)

MAX_FILE_SIZE = 5 * 1024 * 1024
DOCUMENT_TYPES = frozenset({PDF_TYPE, *IMAGE_TYPES})


def check_size(upload) -> None:
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("The file %(name)s is too large: at most %(limit)s."),
            code="file_too_large",
            params={"name": display_name(upload.name), "limit": filesizeformat(MAX_FILE_SIZE)},
        )


def check_type(upload, allowed: frozenset[FileType]) -> FileType | None:
    """The file's verified type, or None; an image of too many pixels is refused."""
    try:
        return verified_type(upload, allowed)
    except TooManyPixels as error:
        raise ValidationError(
            _("The image %(name)s has too many pixels: at most %(limit)s megapixels."),
            code=error.code,
            params={"name": display_name(upload.name), "limit": error.limit // 1_000_000},
        ) from None


def validate_image(upload) -> None:
    check_size(upload)
    if check_type(upload, IMAGE_TYPES) is None:
        raise ValidationError(
            _("The file %(name)s is not an image (JPEG, PNG, WebP or GIF)."),
            code="not_an_image",
            params={"name": display_name(upload.name)},
        )


def validate_document(upload) -> None:
    """An attachment or a scan: a PDF or an image."""
    check_size(upload)
    if check_type(upload, DOCUMENT_TYPES) is None:
        raise ValidationError(
            _("The file %(name)s is neither a PDF nor an image."),
            code="not_a_document",
            params={"name": display_name(upload.name)},
        )
