"""Uploading the budget plan or a quarter's execution report (the only state change).

The file is the CSV form of the quarterly report (Rb-28S) as a municipality's finance
system exports it: one row per classification line, ``;`` between fields (Polish Excel),
UTF-8, amounts in złoty with a decimal comma (``1 234 567,89``). Columns, named in the
header in any order:

``dzial;rozdzial;paragraf;nazwa;dzielnica;plan;wykonanie;bo``

``dzial`` (3 digits), ``rozdzial`` (5 digits, beginning with the dział), ``paragraf``
(4 digits) and ``plan`` are required; ``nazwa`` names the task, ``dzielnica`` is a
district's name or address slug (empty: the whole municipality), ``wykonanie`` is what
was spent from 1 January to the end of the quarter, ``bo`` is ``tak`` for tasks of the
participatory budget. A file replaces that quarter's data; a bad row stops the whole
upload with a message naming the row, and nothing of the file is kept.

Reporting duty: art. 37 ust. 1 pkt 1 ustawy o finansach publicznych (the quarterly
execution published), classification: rozporządzenie MF z 2 marca 2010 r.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wiec.citybudget.models import Line, Report
from wiec.core.services import record_event
from wiec.core.tables import decode_upload, read_rows
from wiec.places.models import City, District

REQUIRED = ("dzial", "rozdzial", "paragraf", "plan")
MAX_GROSZE = 10**15
_DIGITS = {"dzial": 3, "rozdzial": 5, "paragraf": 4}


def parse_amount(text: str, *, row: int, column: str) -> int:
    """``"1 234 567,89"`` (or ``1234567.89``) złoty → grosze; an error naming the row."""
    cleaned = re.sub(r"[\s\u00a0\u202f]|zł", "", text or "").replace(",", ".")
    if cleaned == "":
        return 0
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0 or value * 100 >= MAX_GROSZE:
        raise ValidationError(
            _("Row %(row)s: “%(value)s” in column %(column)s is not an amount in złoty."),
            code="amount",
            params={"row": row, "value": text[:40], "column": column},
        )
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(
            _("Row %(row)s: the amount in column %(column)s has more than two decimals."),
            code="amount_decimals",
            params={"row": row, "column": column},
        )
    return int(value * 100)


def _code(fields: dict[str, str], column: str, row: int) -> str:
    value = (fields.get(column) or "").strip()
    if not re.fullmatch(rf"[0-9]{{{_DIGITS[column]}}}", value, re.ASCII):
        raise ValidationError(
            _("Row %(row)s: %(column)s must have %(digits)s digits, not “%(value)s”."),
            code="classification",
            params={"row": row, "column": column, "digits": _DIGITS[column], "value": value[:20]},
        )
    return value


def parse_lines(raw: bytes, city: City) -> list[Line]:
    """The file's lines (unsaved), or a ``ValidationError`` naming the first bad row."""
    header, rows = read_rows(decode_upload(raw), delimiter=";")
    header = [h.lower() for h in header]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationError(
            _("The header (row 1) lacks the columns: %(columns)s."),
            code="header",
            params={"columns": ", ".join(missing)},
        )
    districts = {}
    for d in District.objects.filter(city=city):
        districts[d.slug.lower()] = d
        districts[d.name.lower()] = d
    lines = []
    for number, fields in rows:
        fields = {k.lower(): (v or "").strip() for k, v in fields.items()}
        dzial = _code(fields, "dzial", number)
        rozdzial = _code(fields, "rozdzial", number)
        if not rozdzial.startswith(dzial):
            raise ValidationError(
                _("Row %(row)s: rozdział %(rozdzial)s does not belong to dział %(dzial)s."),
                code="rozdzial_of_dzial",
                params={"row": number, "rozdzial": rozdzial, "dzial": dzial},
            )
        district = None
        name = fields.get("dzielnica", "")
        if name:
            district = districts.get(name.lower())
            if district is None:
                raise ValidationError(
                    _("Row %(row)s: there is no district “%(name)s” in %(city)s."),
                    code="district",
                    params={"row": number, "name": name[:60], "city": city.name},
                )
        participatory = fields.get("bo", "").lower()
        if participatory not in ("", "tak", "nie", "1", "0"):
            raise ValidationError(
                _("Row %(row)s: column bo holds “tak” or “nie”, not “%(value)s”."),
                code="participatory",
                params={"row": number, "value": participatory[:20]},
            )
        lines.append(
            Line(
                dzial=dzial,
                rozdzial=rozdzial,
                paragraf=_code(fields, "paragraf", number),
                name=fields.get("nazwa", "")[:300],
                district=district,
                plan=parse_amount(fields.get("plan", ""), row=number, column="plan"),
                executed=parse_amount(fields.get("wykonanie", ""), row=number, column="wykonanie"),
                participatory=participatory in ("tak", "1"),
            )
        )
    if not lines:
        raise ValidationError(_("The file has no rows below the header."), code="empty")
    return lines


def import_report(*, actor: Any, city: City, year: int, quarter: int, raw: bytes) -> Report:
    """Replace the plan (quarter 0) or a quarter's execution of ``year`` with the file."""
    if not actor.has_perm("citybudget.upload_report"):
        raise PermissionDenied
    if not (0 <= quarter <= 4) or not (1999 <= year <= 2200):
        raise ValidationError(_("Choose a year and a quarter from 0 to 4."), code="period")
    lines = parse_lines(raw, city)
    with transaction.atomic():
        Report.objects.filter(city=city, year=year, quarter=quarter).delete()
        report = Report.objects.create(city=city, year=year, quarter=quarter, uploaded_by=actor)
        for line in lines:
            line.report = report
        Line.objects.bulk_create(lines)
        record_event(
            actor=actor,
            action="citybudget.import_report",
            target=report,
            data={"year": year, "quarter": quarter, "lines": len(lines)},
        )
    return report
