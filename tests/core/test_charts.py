"""Charts print their numbers as the reader writes them: a decimal comma in Polish."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils import translation

from wiec.core.charts import bar_chart


def _labels(svg: str) -> list[str]:
    """The value printed after each bar (every second <text> of a row)."""
    texts = re.findall(r"<text [^>]*>([^<]*)</text>", svg)
    return texts[1::2]


def test_percentages_have_a_decimal_comma_in_polish():
    with translation.override("pl"):
        svg = bar_chart([("Podgórze", 12.5), ("Nowa Huta", 3.25)], title="Frekwencja", unit="%")
    assert _labels(svg) == ["12,5%", "3,3%"]


def test_large_numbers_are_grouped_with_a_no_break_space_in_polish():
    with translation.override("pl"):
        svg = bar_chart([("A", 1234567), ("B", 12345.67), ("C", Decimal("2500"))], title="T")
    assert _labels(svg) == ["1\u00a0234\u00a0567", "12\u00a0345,7", "2\u00a0500"]


def test_english_keeps_the_decimal_point():
    with translation.override("en"):
        svg = bar_chart([("A", 12.5), ("B", 1234)], title="T", unit="%")
    assert _labels(svg) == ["12.5%", "1,234%"]


def test_labels_and_title_are_escaped():
    with translation.override("pl"):
        svg = bar_chart([("<b>", 1)], title="a & b")
    assert "&lt;b&gt;" in svg
    assert "a &amp; b" in svg
