"""CSV and XLSX out: a resident's text is never a formula; every writer uses the helper."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from wiec.core.tables import csv_writer, safe_cell

WIEC = Path(__file__).resolve().parents[2] / "wiec"


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"],
)
def test_text_that_a_spreadsheet_would_run_gets_a_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [3, -3, 2.5, "-3", "-3,5", "+48", "", "Zieleń", None])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == value


def test_the_writer_quotes_every_cell():
    out = io.StringIO()
    csv_writer(out, delimiter=";").writerows([["=1+1", 5, "a"], ["@x", -1, "-"]])
    assert out.getvalue() == "'=1+1;5;a\r\n'@x;-1;'-\r\n"


def test_every_csv_and_xlsx_writer_of_the_apps_goes_through_the_helper():
    """The engines write their own data formats; the apps never write a table directly."""
    offenders = []
    for path in WIEC.rglob("*.py"):
        relative = path.relative_to(WIEC).as_posix()
        if relative.startswith(("tally/", "sortition/")) or relative == "core/tables.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "csv.writer(" in text or "csv.DictWriter(" in text:
            offenders.append(relative)
        if "openpyxl" in text and re.search(r"sheet\.append\((?!safe_row|COLUMNS)", text):
            offenders.append(relative)
    assert offenders == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Zieleń;Łąka\n".encode("utf-8-sig"), "Zieleń;Łąka\n"),
        ("Zieleń;Łąka\n".encode(), "Zieleń;Łąka\n"),
        ("Zieleń;Łąka\n".encode("cp1250"), "Zieleń;Łąka\n"),
    ],
)
def test_polish_excel_encodings_are_read(raw, expected):
    from wiec.core.tables import decode_upload

    assert decode_upload(raw).lstrip("\ufeff") == expected


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [("a;b;c", ";"), ("a,b,c", ","), ("a\tb\tc", "\t"), ('"x;y",b,c', ","), ("a", ",")],
)
def test_the_separator_is_found_from_the_header(header, delimiter):
    from wiec.core.tables import detect_delimiter

    assert detect_delimiter(header) == delimiter


def test_rows_are_read_with_the_detected_separator():
    from wiec.core.tables import read_rows

    header, rows = read_rows('imię;kwota\nAla;"1,5"\n')
    assert header == ["imię", "kwota"]
    assert list(rows) == [(2, {"imię": "Ala", "kwota": "1,5"})]


def test_a_pesel_column_in_a_workbook_keeps_its_leading_zero():
    from openpyxl import Workbook

    from wiec.core.tables import decode_upload, read_rows

    book = Workbook()
    book.active.append(["pesel", "full_name"])
    book.active.append([2270803628, "Ala"])  # Excel made the PESEL 02270803628 a number
    buffer = io.BytesIO()
    book.save(buffer)
    _header, rows = read_rows(decode_upload(buffer.getvalue()))
    assert list(rows) == [(2, {"pesel": "02270803628", "full_name": "Ala"})]


def test_a_csv_download_begins_with_a_bom():
    from wiec.core.tables import csv_response

    response = csv_response("imię\nŁucja\n", "lista.csv")
    assert response.content.startswith("\ufeff".encode())
    assert response.content.decode("utf-8-sig") == "imię\nŁucja\n"
