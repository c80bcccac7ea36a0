"""Uploaded files, served so that none of them can run in the site's origin.

A stored file's extension was chosen from its content (``wiec.core.uploads``); this
view serves each with the type that extension stands for and
``X-Content-Type-Options: nosniff``, so the browser never guesses.  Images are shown
inline; everything else is a download (``Content-Disposition: attachment``), so a
PDF that is also a web page is never opened as a page of this site.

In development the view sends the file itself.  In production nginx serves
``/media/`` (README, "Uploaded files"); with ``WIEC_MEDIA_ACCEL_REDIRECT`` set the
requests come here and nginx sends the bytes from its ``internal`` location.

Private files (scans of support lists with signatures, scanned letters with a
person's address) are never served at ``/media/``: :data:`PRIVATE` names their
folders, this view answers 404 for them, and each app serves one only from a view
that checked the permission first, through :func:`send_private` (Django decides,
nginx sends the bytes with ``X-Accel-Redirect`` in production).
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from wiec.core.uploads import TYPES, UNKNOWN_TYPE, FileType

#: Folders of private uploads (see the module's docstring): never public.
PRIVATE = (
    re.compile(r"^budgets/support/"),
    re.compile(r"^consultations/\d+/remarks/"),
)


def is_private(name: str) -> bool:
    return any(pattern.match(name) for pattern in PRIVATE)


#: What a media response may do if a browser opens it as a document: nothing.
SANDBOX = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def media_type(name: str) -> FileType:
    """The type a stored file is served as, by its extension; unknown: a download."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return TYPES.get(extension, UNKNOWN_TYPE)


def safe_headers(response: HttpResponse, name: str, kind: FileType) -> HttpResponse:
    response["Content-Type"] = kind.content_type
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=not kind.is_image, filename=posixpath.basename(name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    return response


def clean_path(path: str) -> str:
    """The stored name a URL path asks for; 404 for anything outside the media."""
    name = posixpath.normpath(path).lstrip("/")
    if not path or "\\" in path or "\x00" in path or name in {".", ".."} or name.startswith("../"):
        raise Http404
    return name


@require_safe
def serve(request, path: str) -> HttpResponse:
    name = clean_path(path)
    if is_private(name):
        raise Http404
    return _send(name)


def send_private(name: str) -> HttpResponse:
    """A private file, for a view that has checked the permission; never cached."""
    response = _send(clean_path(name))
    response["Cache-Control"] = "private, no-store"
    return response


def _send(name: str) -> HttpResponse:
    kind = media_type(name)
    accel = getattr(settings, "MEDIA_ACCEL_REDIRECT", "")
    if accel:
        response = HttpResponse()
        response["X-Accel-Redirect"] = quote(f"{accel.rstrip('/')}/{name}")
        return safe_headers(response, name, kind)
    try:
        if not default_storage.exists(name):
            raise Http404
        file = default_storage.open(name, "rb")
    except (SuspiciousFileOperation, FileNotFoundError, IsADirectoryError):
        raise Http404 from None
    return safe_headers(FileResponse(file), name, kind)
