from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _row_security(sender, using="default", **kwargs):
    from django.db import connections

    from wiec.places import tenancy

    tenancy.apply(connections[using])


class PlacesConfig(AppConfig):
    name = "wiec.places"
    label = "places"
    verbose_name = _("City and districts")

    def ready(self) -> None:
        # After every migrate (and a test's flush): policies on tables created since.
        post_migrate.connect(_row_security, sender=self, dispatch_uid="wiec-row-security")
