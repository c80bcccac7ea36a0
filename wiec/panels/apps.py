from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "wiec.panels"
    label = "panels"
    verbose_name = _("Citizens' panels")

    def ready(self) -> None:
        from wiec.core import privacy
        from wiec.core.participation import Tool, register_tool
        from wiec.panels import privacy as panel_privacy
        from wiec.panels.platform import PanelContents

        register_tool(
            Tool(
                "panels",
                _("Citizens' panels"),
                "panels:list",
                _("Residents drawn by lot deliberate and recommend."),
            ),
            PanelContents(),
        )
        privacy.register(
            "citizens_panels", exporter=panel_privacy.export, eraser=panel_privacy.erase
        )
