"""Files people open: CSV for Polish Excel, XLSX and GeoJSON, each of one list's rows.

CSV: UTF-8 with a byte-order mark (so Polish letters survive Excel), ``;`` between
fields (what Excel expects with Polish regional settings), ``"`` around fields that
need it, the header in the first row, money in złoty with a decimal point. Every cell
goes through :func:`wiec.core.tables.safe_cell`, so no text runs as a formula.
GeoJSON: RFC 7946, longitude before latitude, WGS 84, loadable in QGIS and geojson.io.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from wiec.core.tables import csv_writer, safe_row

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GEOJSON_TYPE = "application/geo+json"


def _download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return _download(HttpResponse(out.getvalue(), content_type=CSV_TYPE), filename)


def xlsx_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str = "dane"
) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    page = book.create_sheet(sheet[:31])
    page.append(list(header))
    for row in rows:
        page.append(safe_row(row))
    out = io.BytesIO()
    book.save(out)
    return _download(HttpResponse(out.getvalue(), content_type=XLSX_TYPE), filename)


def point(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]}


def polygon(points: Sequence[Sequence[float]]) -> dict[str, Any] | None:
    """``[[lat, lon], ...]`` → a closed GeoJSON ring (``None`` for fewer than 3 points)."""
    ring = [[round(float(p[1]), 7), round(float(p[0]), 7)] for p in points if len(p) >= 2]
    if len(ring) < 3:
        return None
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def feature(geometry: dict[str, Any], properties: dict[str, Any], ident: Any = None) -> dict:
    out: dict[str, Any] = {"type": "Feature", "geometry": geometry, "properties": properties}
    if ident is not None:
        out["id"] = ident
    return out


def geojson_response(filename: str, features: Iterable[dict[str, Any]]) -> HttpResponse:
    body = {"type": "FeatureCollection", "features": list(features)}
    text = json.dumps(body, ensure_ascii=False, default=str)
    return _download(HttpResponse(text, content_type=GEOJSON_TYPE), filename)


def _content(media_type: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": description, "content": {media_type: {"schema": schema}}}}


#: ``openapi_extra`` of the endpoints answering with a file, so the schema says so.
CSV_DOC = {
    "responses": _content(CSV_TYPE, "CSV: UTF-8 with BOM, `;` separated.", {"type": "string"})
}
XLSX_DOC = {
    "responses": _content(XLSX_TYPE, "Excel workbook.", {"type": "string", "format": "binary"})
}
GEOJSON_DOC = {
    "responses": _content(
        GEOJSON_TYPE,
        "GeoJSON FeatureCollection (RFC 7946).",
        {
            "type": "object",
            "required": ["type", "features"],
            "properties": {
                "type": {"type": "string", "enum": ["FeatureCollection"]},
                "features": {"type": "array", "items": {"type": "object"}},
            },
        },
    )
}
