from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "wiec.network"
    label = "network"
    verbose_name = _("Network of municipalities")

    def ready(self) -> None:
        from wiec.core.participation import Tool, register_tool
        from wiec.core.selectors import register_user_column
        from wiec.network import index
        from wiec.network.platform import NetworkContents
        from wiec.network.predicates import network_roles_held_sql

        # Registered after the tools (it comes after them in INSTALLED_APPS), so the
        # index can listen to every tool's models.
        index.connect_signals()
        register_tool(
            Tool(
                index.NETWORK_TOOL,
                _("Network"),
                "network:home",
                _("Every member municipality's participation on one map, and what they learnt."),
            ),
            NetworkContents(),
        )
        register_user_column("holds_network_roles", network_roles_held_sql)
