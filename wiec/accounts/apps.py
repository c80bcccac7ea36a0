from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wiec.accounts"
    label = "accounts"
    verbose_name = _("Accounts and residents")

    def ready(self) -> None:
        from wiec.accounts import privacy as account_privacy
        from wiec.core import privacy

        privacy.register(
            "account", exporter=account_privacy.export_account, eraser=account_privacy.erase_account
        )
