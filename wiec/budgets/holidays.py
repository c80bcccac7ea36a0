"""Polish public holidays and working days, for deadlines counted in working days.

Holidays are those of the Act of 18 January 1951 on non-working days (ustawa o dniach
wolnych od pracy, Dz.U. 2020 poz. 1920, with 24 December added from 2025).  Saturdays
and Sundays are not working days either (art. 115 k.c. for deadlines ending on them).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from functools import cache


def easter_sunday(year: int) -> datetime.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Meeus/Jones/Butcher rule)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@cache
def polish_holidays(year: int) -> frozenset[datetime.date]:
    """The statutory public holidays (dni ustawowo wolne od pracy) of one year."""
    easter = easter_sunday(year)
    fixed = [(1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11), (12, 25), (12, 26)]
    if year >= 2025:
        fixed.append((12, 24))
    days = {datetime.date(year, month, day) for month, day in fixed}
    days.add(easter)
    days.add(easter + datetime.timedelta(days=1))  # Easter Monday
    days.add(easter + datetime.timedelta(days=49))  # Pentecost Sunday
    days.add(easter + datetime.timedelta(days=60))  # Corpus Christi
    return frozenset(days)


def is_working_day(day: datetime.date, days_off: Collection[datetime.date] = ()) -> bool:
    """Neither a weekend, a public holiday, nor one of the municipality's ``days_off``."""
    return day.weekday() < 5 and day not in polish_holidays(day.year) and day not in days_off


def add_working_days(
    start: datetime.date, days: int, days_off: Collection[datetime.date] = ()
) -> datetime.date:
    """The last day of a deadline of ``days`` working days counted from ``start``.

    The day of the event itself is not counted (art. 111 § 2 k.c.); ``days_off`` are the
    municipality's own days the office is closed (``City.days_off``).
    """
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, days_off):
            remaining -= 1
    return day
