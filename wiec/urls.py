"""Project URLs.  Paths are Polish, as residents read them."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import include, path, reverse

from wiec.core import media


def admin_login(request, extra_context=None):
    """The admin has no login form of its own: everyone logs in the same way."""
    return redirect_to_login(request.GET.get("next", "/admin/"), reverse("account_login"))


def discover_admin_modules(skip: frozenset[str] = frozenset({"leaflet"})) -> None:
    """Import each app's admin module, as admin.autodiscover() would, except ``skip``."""
    from django.utils.module_loading import module_has_submodule

    for config in apps.get_app_configs():
        if config.label not in skip and module_has_submodule(config.module, "admin"):
            import_module(f"{config.name}.admin")


discover_admin_modules()
admin.site.login = admin_login

handler400 = "wiec.core.views.bad_request"

urlpatterns = [
    path("", include("wiec.core.urls")),
    path("konto/", include("allauth.urls")),
    path("konto/", include("wiec.accounts.urls")),
    path("deklaracja-dostepnosci/", include("wiec.accessibility.urls")),
    path("bo/", include("wiec.budgets.urls")),
    path("panele/", include("wiec.panels.urls")),
    path("konsultacje/", include("wiec.consultations.urls")),
    path("siec/", include("wiec.network.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Uploads, with headers that keep them from running in this origin (nginx serves
    # them itself in production, or hands them over with X-Accel-Redirect).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve, name="media"),
]
