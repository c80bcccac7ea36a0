from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "wiec.commitments"
    label = "commitments"
    verbose_name = _("Commitments")

    def ready(self) -> None:
        from wiec.commitments import sources
        from wiec.commitments.platform import CommitmentContents
        from wiec.core.participation import Tool, register_tool

        register_tool(
            Tool(
                "commitments",
                _("What the city promised"),
                "commitments:list",
                _("Every outcome the city committed to, and whether it was done."),
            ),
            CommitmentContents(),
        )
        sources.connect()
