"""Project URLs.  Paths are Polish, as residents read them."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import include, path, reverse

from wiec.core import feeds, health, media, opendata


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
handler429 = "wiec.accounts.ratelimits.handler429"

urlpatterns = [
    path("health/", health.health, name="health"),
    path("", include("wiec.core.urls")),
    path("konto/", include("allauth.urls")),
    path("konto/", include("wiec.accounts.urls")),
    path("deklaracja-dostepnosci/", include("wiec.accessibility.urls")),
    path("bo/", include("wiec.budgets.urls")),
    path("panele/", include("wiec.panels.urls")),
    path("konsultacje/", include("wiec.consultations.urls")),
    path("budzet-miasta/", include("wiec.citybudget.urls")),
    path("inicjatywy/", include("wiec.initiatives.urls")),
    path("zobowiazania/", include("wiec.commitments.urls")),
    path("siec/", include("wiec.network.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("wiec.core.api.urls")),
    path("kanaly/<slug:key>.atom", feeds.ToolFeed(), name="tool_feed"),
    path("kanaly/<slug:key>/<slug:district>.atom", feeds.ToolFeed(), name="district_feed"),
    path(
        "sitemap.xml",
        sitemap_view,
        {"sitemaps": {"wiec": feeds.PlatformSitemap}},
        name="sitemap",
    ),
    path("robots.txt", feeds.robots_txt, name="robots"),
    path("dane/harvester.xml", opendata.harvester_view, name="harvester"),
    # The portal looks for the checksum beside the file with its extension replaced.
    path("dane/harvester.md5", opendata.harvester_md5_view, name="harvester_md5"),
    path("dane/harvester.xml.md5", opendata.harvester_md5_view, name="harvester_xml_md5"),
    path("dane/dcat.jsonld", opendata.dcat_view, name="dcat"),
    # Uploads, with headers that keep them from running in this origin (nginx serves
    # them itself in production, or hands them over with X-Accel-Redirect).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve, name="media"),
]
