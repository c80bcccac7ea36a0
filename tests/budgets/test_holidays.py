import datetime

import pytest

from wiec.budgets.holidays import add_working_days, easter_sunday, is_working_day, polish_holidays

D = datetime.date


@pytest.mark.parametrize(
    "year, easter",
    [
        (2019, D(2019, 4, 21)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2038, D(2038, 4, 25)),
    ],
)
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


def test_holidays_of_2025():
    days = polish_holidays(2025)
    for day in [
        D(2025, 1, 1),
        D(2025, 1, 6),
        D(2025, 4, 21),
        D(2025, 5, 1),
        D(2025, 5, 3),
        D(2025, 6, 19),
        D(2025, 8, 15),
        D(2025, 11, 1),
        D(2025, 11, 11),
        D(2025, 12, 24),
        D(2025, 12, 25),
        D(2025, 12, 26),
    ]:
        assert day in days, day
    assert D(2025, 6, 19) in days  # Corpus Christi: Easter + 60 days


def test_christmas_eve_is_a_holiday_only_from_2025():
    assert D(2024, 12, 24) not in polish_holidays(2024)
    assert D(2026, 12, 24) in polish_holidays(2026)


def test_working_days():
    assert is_working_day(D(2026, 4, 7))  # Tuesday after Easter Monday
    assert not is_working_day(D(2026, 4, 6))  # Easter Monday
    assert not is_working_day(D(2026, 4, 11))  # Saturday


def test_add_working_days_skips_weekends_and_holidays():
    # Thursday 30 April 2026: 1 May (Fri), 2-3 May (weekend, 3 May a holiday too).
    assert add_working_days(D(2026, 4, 30), 1) == D(2026, 5, 4)
    assert add_working_days(D(2026, 4, 30), 5) == D(2026, 5, 8)
    # Over Easter 2026: Friday 3 April + 5 working days (6 April Easter Monday).
    assert add_working_days(D(2026, 4, 3), 5) == D(2026, 4, 13)
    # Christmas 2025: Tuesday 23 Dec; 24-26 Dec holidays, the weekend, 1 Jan a holiday.
    assert add_working_days(D(2025, 12, 23), 3) == D(2025, 12, 31)
    assert add_working_days(D(2025, 12, 23), 4) == D(2026, 1, 2)


def test_a_municipalitys_own_day_off_is_not_a_working_day():
    import datetime

    from wiec.budgets.holidays import add_working_days
    from wiec.places.models import City

    city = City(local_days_off=["2026-06-08"])  # a Monday the office is closed
    friday = datetime.date(2026, 6, 5)
    assert add_working_days(friday, 1) == datetime.date(2026, 6, 8)
    assert add_working_days(friday, 1, city.days_off()) == datetime.date(2026, 6, 9)
