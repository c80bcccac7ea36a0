from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "wiec.initiatives"
    label = "initiatives"
    verbose_name = _("Residents' initiatives")

    def ready(self) -> None:
        from wiec.core.participation import Tool, register_tool
        from wiec.initiatives.platform import InitiativesContents

        register_tool(
            Tool(
                "initiatives",
                _("Residents' initiatives"),
                "initiatives:index",
                _(
                    "Carry out a project for your neighbourhood with the city, or submit a "
                    "draft resolution to the council."
                ),
            ),
            InitiativesContents(),
        )
