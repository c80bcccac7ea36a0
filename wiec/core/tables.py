"""CSV and XLSX files in and out.

In: files people upload are decoded and read row by row, every problem a Polish message
that names the row, never a ``UnicodeDecodeError``, a ``csv.Error`` or a ``KeyError``.
Rows are numbered as a spreadsheet shows them: the header is row 1. What Polish Excel
saves is read as it comes: UTF-8 with or without a byte-order mark, or Windows-1250
(Excel's "CSV (rozdzielany przecinkami)"), separated by ``;``, ``,`` or a tab (found
from the header), or an XLSX workbook (its first sheet).

Out: every CSV begins with a byte-order mark (:data:`BOM`), so that Excel reads its
Polish letters as UTF-8; every CSV or XLSX the project writes goes through
:func:`csv_writer` or :func:`safe_row`, so a resident's text beginning with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is never run as a formula by the
spreadsheet that opens it (OWASP's "CSV injection": such text gets a leading ``'``).
Numbers stay numbers. The engines' own files (Pabulib ``.pb``, the sortition CLI's
``categories.csv``/``respondents.csv``) are data formats read back by programs, not
spreadsheets, and hold no free text.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

#: Written first in every CSV Wiec sends, so that Excel reads it as UTF-8.
BOM = "\ufeff"

#: The separators a spreadsheet saves a CSV with, in the order they win a tie.
DELIMITERS = (";", ",", "\t", "|")

#: The most rows read from an XLSX workbook, so that a small file cannot keep a worker busy.
MAX_XLSX_ROWS = 200_000


def decode_upload(raw: bytes) -> str:
    """An uploaded table → CSV text: an XLSX workbook's first sheet, or a CSV in UTF-8
    (with or without a byte-order mark) or else in Windows-1250; a file that is
    neither gets a message naming the row that cannot be read."""
    if raw.startswith(b"PK\x03\x04"):
        return _xlsx_text(raw)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("cp1250")
        except UnicodeDecodeError:
            row = raw[: utf8_error.start].count(b"\n") + 1
            raise ValidationError(
                _(
                    "Row %(row)s is not text in UTF-8 or Windows-1250: save the file "
                    "as “CSV UTF-8” and try again."
                ),
                code="not_utf8",
                params={"row": row},
            ) from None


def _xlsx_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _xlsx_text(raw: bytes) -> str:
    """The workbook's first sheet as CSV text (``;``); a PESEL column keeps its 11 digits
    (Excel drops the leading zero of a number)."""
    from openpyxl import load_workbook

    from wiec.core.uploads import XLSX_TYPE, sniff

    unreadable = ValidationError(
        _("The file is neither a CSV nor an XLSX workbook Wiec can read: save it again."),
        code="not_a_table",
    )
    if sniff(io.BytesIO(raw)) != XLSX_TYPE:
        raise unreadable
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        pesel_columns: set[int] = set()
        for number, row in enumerate(rows, start=1):
            if number > MAX_XLSX_ROWS:
                raise ValidationError(
                    _("The workbook has more than %(limit)s rows."),
                    code="too_many_rows",
                    params={"limit": MAX_XLSX_ROWS},
                )
            cells = [_xlsx_cell(value) for value in row]
            if number == 1:
                pesel_columns = {i for i, c in enumerate(cells) if c.strip().lower() == "pesel"}
            else:
                for i in pesel_columns:
                    if i < len(cells) and cells[i].isdigit() and len(cells[i]) < 11:
                        cells[i] = cells[i].zfill(11)
            writer.writerow(cells)
        workbook.close()
    except ValidationError:
        raise
    except Exception:  # a damaged workbook may raise anything
        raise unreadable from None
    return out.getvalue()


def detect_delimiter(header_line: str) -> str:
    """The separator the header uses most often outside quotation marks (``,`` if none)."""
    outside = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_rows(
    text: str, *, delimiter: str | None = None
) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """The header (stripped) and ``(row number, {column: value})`` for every data row.

    Without ``delimiter`` the separator is the one the header uses (:func:`detect_delimiter`).
    The rows are checked as they are read: a NUL character, a field longer than
    ``csv.field_size_limit()``, an unclosed quotation mark, or a row with fewer or more fields than
    the header raise a ``ValidationError`` naming the row.
    """
    text = text.lstrip("\ufeff")
    if delimiter is None:
        delimiter = detect_delimiter(text.split("\n", 1)[0])
    if "\x00" in text:
        raise ValidationError(
            _("Row %(row)s contains a NUL character: save the file again as plain CSV text."),
            code="nul",
            params={"row": text[: text.index("\x00")].count("\n") + 1},
        )
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as error:
        raise _unreadable(1, error) from None
    return header, _data_rows(reader, header)


def _data_rows(reader, header: list[str]) -> Iterator[tuple[int, dict]]:
    number = 1
    while True:
        number += 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _unreadable(number, error) from None
        if not any(f.strip() for f in fields):
            continue  # a blank line, as spreadsheets leave at the end
        if len(fields) < len(header):
            raise ValidationError(
                _(
                    "Row %(row)s has %(found)s fields; the header has %(expected)s: "
                    "column “%(column)s” and those after it are missing."
                ),
                code="row_length",
                params={
                    "row": number,
                    "found": len(fields),
                    "expected": len(header),
                    "column": header[len(fields)],
                },
            )
        if len(fields) > len(header):
            raise ValidationError(
                _(
                    "Row %(row)s has %(found)s fields; the header has %(expected)s: "
                    "check the separators and quotation marks after column “%(column)s”."
                ),
                code="row_length",
                params={
                    "row": number,
                    "found": len(fields),
                    "expected": len(header),
                    "column": header[-1] if header else "",
                },
            )
        yield number, dict(zip(header, fields, strict=True))


def _unreadable(row: int, error: csv.Error) -> ValidationError:
    if "field larger than field limit" in str(error):
        return ValidationError(
            _("Row %(row)s has a field longer than %(limit)s characters."),
            code="field_too_long",
            params={"row": row, "limit": csv.field_size_limit()},
        )
    return ValidationError(
        _("Row %(row)s cannot be read as CSV: check its quotation marks."),
        code="unreadable",
        params={"row": row},
    )


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?", re.ASCII)


def safe_cell(value: Any) -> Any:
    """``"=HYPERLINK(...)"`` → ``"'=HYPERLINK(...)"``; numbers (and ``"-3,5"``) unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        if _NUMBER.fullmatch(value):
            return value
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    """A row for ``csv.writer`` or ``openpyxl``'s ``append`` with every cell made safe."""
    return [safe_cell(value) for value in row]


class _SafeWriter:
    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_response(text: str, filename: str) -> HttpResponse:
    """A CSV download beginning with :data:`BOM`, so Excel shows its Polish letters."""
    response = HttpResponse(BOM + text.lstrip(BOM), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_writer(out: Any, **options: Any) -> _SafeWriter:
    """``csv.writer(out, **options)`` whose every cell goes through :func:`safe_cell`."""
    return _SafeWriter(csv.writer(out, **options))
