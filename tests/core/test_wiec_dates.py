"""{% date_range %}: one year when both ends share it, both years when they differ."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from wiec.core.templatetags.wiec_dates import date_range

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


@pytest.fixture(autouse=True)
def polish():
    with translation.override("pl"):
        yield


D = datetime.date


@pytest.mark.parametrize(
    ("starts", "ends", "shown"),
    [
        (D(2027, 6, 15), None, "15 czerwca 2027"),
        (D(2027, 6, 15), D(2027, 6, 15), "15 czerwca 2027"),
        (D(2027, 6, 1), D(2027, 6, 30), "1–30 czerwca 2027"),
        (D(2027, 5, 20), D(2027, 6, 10), "20 maja – 10 czerwca 2027"),
        (D(2026, 12, 20), D(2027, 1, 10), "20 grudnia 2026 – 10 stycznia 2027"),
    ],
    ids=["one-day", "same-day", "same-month", "same-year", "different-years"],
)
def test_dates(starts, ends, shown):
    assert date_range(starts, ends) == shown


def test_nothing_when_there_is_no_start():
    assert date_range(None, D(2027, 1, 1)) == ""


def test_times_on_one_day_name_the_day_once():
    starts = datetime.datetime(2027, 6, 15, 18, 0, tzinfo=WARSAW)
    ends = datetime.datetime(2027, 6, 15, 20, 0, tzinfo=WARSAW)
    assert date_range(starts, ends) == "15 czerwca 2027, 18:00–20:00"


def test_times_across_days_and_years_name_both():
    starts = datetime.datetime(2026, 12, 31, 22, 0, tzinfo=WARSAW)
    ends = datetime.datetime(2027, 1, 1, 2, 0, tzinfo=WARSAW)
    assert date_range(starts, ends) == "31 grudnia 2026, 22:00 – 1 stycznia 2027, 02:00"


def test_aware_times_are_shown_in_local_time():
    starts = datetime.datetime(2027, 6, 15, 16, 0, tzinfo=datetime.UTC)
    assert date_range(starts) == "15 czerwca 2027, 18:00"


def test_a_date_with_a_datetime_end_uses_its_local_day():
    ends = datetime.datetime(2027, 12, 31, 23, 30, tzinfo=datetime.UTC)  # 1 January in Warsaw
    assert date_range(D(2027, 12, 20), ends) == "20 grudnia 2027 – 1 stycznia 2028"


def test_the_tag_in_a_template():
    html = Template("{% load wiec_dates %}{% date_range a b %}").render(
        Context({"a": D(2026, 12, 20), "b": D(2027, 1, 10)})
    )
    assert html == "20 grudnia 2026 – 10 stycznia 2027"
