"""CSV and XLSX files in and out.

In: files people upload are decoded and read row by row, every problem a Polish message
that names the row, never a ``UnicodeDecodeError``, a ``csv.Error`` or a ``KeyError``.
Rows are numbered as a spreadsheet shows them: the header is row 1.

Out: every CSV or XLSX the project writes goes through :func:`csv_writer` or
:func:`safe_row`, so a resident's text beginning with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return is never run as a formula by the spreadsheet that opens it (OWASP's
"CSV injection": such text gets a leading ``'``). Numbers stay numbers. The engines'
own files (Pabulib ``.pb``, the sortition CLI's ``categories.csv``/``respondents.csv``)
are data formats read back by programs, not spreadsheets, and hold no free text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def decode_upload(raw: bytes) -> str:
    """UTF-8 (with or without a byte-order mark) → text; otherwise say which row is not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        raise ValidationError(
            _("Row %(row)s is not UTF-8 text: save the file as “CSV UTF-8” and try again."),
            code="not_utf8",
            params={"row": row},
        ) from None


def read_rows(text: str, *, delimiter: str = ",") -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """The header (stripped) and ``(row number, {column: value})`` for every data row.

    The rows are checked as they are read: a NUL character, a field longer than
    ``csv.field_size_limit()``, an unclosed quotation mark, or a row with fewer or more fields than
    the header raise a ``ValidationError`` naming the row.
    """
    text = text.lstrip("\ufeff")
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
        if len(fields) != len(header):
            raise ValidationError(
                _("Row %(row)s has %(found)s fields; the header has %(expected)s."),
                code="row_length",
                params={"row": number, "found": len(fields), "expected": len(header)},
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


def csv_writer(out: Any, **options: Any) -> _SafeWriter:
    """``csv.writer(out, **options)`` whose every cell goes through :func:`safe_cell`."""
    return _SafeWriter(csv.writer(out, **options))
