from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wiec.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from wiec.core import apikeys, privacy

        privacy.register("api_keys", exporter=apikeys.export_keys, eraser=apikeys.erase_keys)
        privacy.register(
            "notifications",
            exporter=privacy.export_notifications,
            eraser=privacy.erase_notifications,
        )
