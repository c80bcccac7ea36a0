from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "wiec.consultations"
    label = "consultations"
    verbose_name = _("Public consultations")

    def ready(self) -> None:
        from wiec.consultations import privacy
        from wiec.consultations.platform import ConsultationContents
        from wiec.core import privacy as core_privacy
        from wiec.core.participation import Tool, register_tool

        register_tool(
            Tool(
                "consultations",
                _("Consultations"),
                "consultations:register",
                _("Say what you think about the city's plans before they are decided."),
            ),
            ConsultationContents(),
        )
        core_privacy.register("consultations", exporter=privacy.export, eraser=privacy.erase)
