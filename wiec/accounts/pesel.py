"""What a PESEL number says: birth date and sex.

The checksum and date rules are those of the Act of 24 September 2010 on the
population register (ustawa o ewidencji ludności, art. 15): digits 1-6 encode the
birth date (the month carries the century), digit 10 the sex (even: female), digit
11 the check digit with weights 1-3-7-9.  django-localflavor's ``PLPESELField``
validates the form's checksum and date; it and this module accept only the ASCII
digits 0-9 (``wiec.core.normalise.ascii_digits``): a PESEL typed in full-width or
Arabic-Indic digits is refused, never converted, so a number has one spelling and one
identity key.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from wiec.core import normalise

WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3, 1)
CENTURY_BY_MONTH_OFFSET = {80: 1800, 0: 1900, 20: 2000, 40: 2100, 60: 2200}


@dataclass(frozen=True)
class PeselInfo:
    birth_date: datetime.date
    sex: str  # "F" or "M"


def clean_pesel(text: str) -> str:
    """The PESEL as 11 ASCII digits, spaces removed.

    Raises ``normalise.KeyInputError`` (a ``ValueError``) with code
    ``not_ascii_digits`` for any other character (full-width or Arabic-Indic digits
    included) and ``length`` when there are not 11 digits.
    """
    return normalise.ascii_digits(text, length=11)


def has_valid_checksum(pesel: str) -> bool:
    return (
        len(pesel) == 11
        and all(ch in normalise.ASCII_DIGITS for ch in pesel)
        and sum(int(d) * w for d, w in zip(pesel, WEIGHTS, strict=True)) % 10 == 0
    )


def birth_date_of(pesel: str) -> datetime.date | None:
    year, month, day = int(pesel[0:2]), int(pesel[2:4]), int(pesel[4:6])
    for offset, century in CENTURY_BY_MONTH_OFFSET.items():
        if 1 <= month - offset <= 12:
            try:
                return datetime.date(century + year, month - offset, day)
            except ValueError:
                return None
    return None


def read_pesel(pesel: str) -> PeselInfo:
    """Birth date and sex of a PESEL; ``ValueError`` if it is not a valid one."""
    if not has_valid_checksum(pesel):
        raise ValueError("invalid PESEL checksum")
    birth_date = birth_date_of(pesel)
    if birth_date is None:
        raise ValueError("invalid PESEL birth date")
    return PeselInfo(birth_date=birth_date, sex="F" if int(pesel[9]) % 2 == 0 else "M")


def make_pesel(birth_date: datetime.date, serial: int, sex: str) -> str:
    """A valid PESEL for a date, a 3-digit serial and a sex: for demo data and tests."""
    offset = {v: k for k, v in CENTURY_BY_MONTH_OFFSET.items()}[birth_date.year // 100 * 100]
    sex_digit = (serial % 5) * 2 + (1 if sex == "M" else 0)
    body = (
        f"{birth_date.year % 100:02d}{birth_date.month + offset:02d}{birth_date.day:02d}"
        f"{serial % 1000:03d}{sex_digit}"
    )
    return with_check_digit(body)


def with_check_digit(body: str) -> str:
    """The first ten digits of a PESEL completed with their check digit."""
    check = (10 - sum(int(d) * w for d, w in zip(body, WEIGHTS[:10], strict=True)) % 10) % 10
    return body + str(check)
