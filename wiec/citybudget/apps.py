from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityBudgetConfig(AppConfig):
    name = "wiec.citybudget"
    label = "citybudget"
    verbose_name = _("Open city budget")

    def ready(self) -> None:
        from wiec.citybudget.platform import CityBudgetContents
        from wiec.core.participation import Tool, register_tool

        register_tool(
            Tool(
                "citybudget",
                _("Open city budget"),
                "citybudget:index",
                _("Where the municipality's money goes: plan and execution by area and district."),
            ),
            CityBudgetContents(),
        )
