from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonsConfig(AppConfig):
    """Mechanisms the tools share: support and signatures, valued contributions."""

    name = "wiec.commons"
    label = "commons"
    verbose_name = _("Shared mechanisms")
