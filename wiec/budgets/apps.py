from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "wiec.budgets"
    label = "budgets"
    verbose_name = _("Participatory budget")

    def ready(self) -> None:
        from wiec.budgets import privacy, signals
        from wiec.budgets.platform import BudgetContents
        from wiec.core import privacy as core_privacy
        from wiec.core.participation import Tool, register_tool

        register_tool(
            Tool(
                "budgets",
                _("Participatory budget"),
                "budgets:index",
                _("Propose projects for your district and vote on them."),
            ),
            BudgetContents(),
        )
        core_privacy.register("budgets", exporter=privacy.export, eraser=privacy.erase)
        signals.connect()
