"""Checks of uploaded files by their content (``wiec.core.uploads``), in this app's words."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wiec.core.uploads import is_image, is_pdf

MAX_FILE_SIZE = 5 * 1024 * 1024


def check_size(upload) -> None:
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("The file %(name)s is too large: at most %(limit)s."),
            code="file_too_large",
            params={"name": upload.name, "limit": filesizeformat(MAX_FILE_SIZE)},
        )


def validate_image(upload) -> None:
    check_size(upload)
    if not is_image(upload):
        raise ValidationError(
            _("The file %(name)s is not an image (JPEG, PNG, WebP or GIF)."),
            code="not_an_image",
            params={"name": upload.name},
        )


def validate_document(upload) -> None:
    """An attachment or a scan: a PDF or an image."""
    check_size(upload)
    if not (is_pdf(upload) or is_image(upload)):
        raise ValidationError(
            _("The file %(name)s is neither a PDF nor an image."),
            code="not_a_document",
            params={"name": upload.name},
        )
