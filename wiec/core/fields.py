"""Model fields shared by the apps."""

from __future__ import annotations

from django.db import models
from django.db.models.fields.files import FieldFile

from wiec.core.uploads import sniff, stored_name, without_metadata


class UploadFieldFile(FieldFile):
    def save(self, name, content, save=True):
        """Store under a random name with the extension the content calls for,
        whatever name the sender gave (see ``wiec.core.uploads.stored_name``); a
        photo without its metadata (GPS position, device)."""
        kind = sniff(content)
        if kind is not None and kind.is_image:
            content = without_metadata(content)
        super().save(stored_name(content), content, save)


class UploadField(models.FileField):
    """A file a person uploaded: stored under a generated name, never theirs.

    ``upload_to`` still chooses the folder; the file name in it is random and its
    extension comes from the file's content, so a page called ``evil.html`` that
    begins with ``%PDF-`` is stored, and served, as a PDF.
    """

    attr_class = UploadFieldFile
