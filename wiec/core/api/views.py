"""The API's documentation page, in the reader's language, with every endpoint."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wiec.core.api.site import get_api
from wiec.core.participation import tool

PREFIX = "/api/v1"


def endpoints() -> list[dict[str, Any]]:
    """Every operation of the API: tag, path and summary in the reader's language."""
    schema = get_api().get_openapi_schema(path_prefix=PREFIX)
    rows = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            rows.append(
                {
                    "tag": (operation.get("tags") or [""])[0],
                    "method": method.upper(),
                    "path": path,
                    "summary": str(operation.get("summary", "")),
                    "parameters": [
                        p["name"] for p in operation.get("parameters", []) if p["in"] == "query"
                    ],
                }
            )
    return rows


def _label(tag: str) -> str:
    registered = tool(tag)
    return str(registered.label) if registered else str(_("The municipality"))


def documentation(request: HttpRequest) -> HttpResponse:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in endpoints():
        groups.setdefault(_label(row["tag"]), []).append(row)
    return render(
        request,
        "core/api_docs.html",
        {
            "groups": sorted(groups.items()),
            "base": request.build_absolute_uri(PREFIX + "/"),
            "schema_url": PREFIX + "/openapi.json",
            "explorer_url": PREFIX + "/docs",
        },
    )
