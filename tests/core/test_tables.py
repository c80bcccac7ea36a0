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
