"""The API itself: one ninja API, the municipality's router and each tool's."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from wiec.core.api import places
from wiec.core.participation import each_tool

VERSION = "1"

DESCRIPTION = _(
    "Everything public on this platform, as data: the municipality and its districts, "
    "and what each participation tool publishes. Read only, without signing in. Lists "
    "come in pages (`page`, `page_size`) in a fixed order; the filters are those of the "
    "pages. Answers carry `ETag` and `Last-Modified`: send `If-None-Match` and get 304 "
    "when nothing changed. Any website may read the API (CORS). Each address may make "
    "a limited number of requests a minute; beyond it the answer is 429 with "
    "`Retry-After`. CSV files are UTF-8 with a BOM and `;` between fields, as Excel "
    "expects with Polish settings."
)


def build_api(*, urls_namespace: str = "api") -> NinjaAPI:
    """A new API with every registered tool's router (tests may build their own)."""
    api = NinjaAPI(
        title="Wiec API",
        version=VERSION,
        description=DESCRIPTION,
        urls_namespace=urls_namespace,
        docs=Swagger(settings={"persistAuthorization": False}),
        docs_url="/docs",
        openapi_url="/openapi.json",
    )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(request, {"detail": gettext("Not found.")}, status=404)

    api.add_router("", places.build_router())
    for tool, contents in each_tool():
        router = contents.api_router()
        if router is not None:
            api.add_router(f"/{tool.key}", router)
    return api


_built: list[NinjaAPI] = []


def get_api() -> NinjaAPI:
    """The installation's API, built once (after every tool has registered)."""
    if not _built:
        _built.append(build_api())
    return _built[0]
