"""The roles a person can hold.  Every user is a resident; the rest are granted."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICIAL = "official", _("Official")
    COORDINATOR = "coordinator", _("Coordinator")
    MODERATOR = "moderator", _("Moderator")
    ADMINISTRATOR = "administrator", _("Administrator")
