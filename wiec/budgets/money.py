"""Money as integer grosze: formatting Polish-style and parsing what people type."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wiec.core.numbers import BIGINT_MAX

_AMOUNT = re.compile(r"-?[0-9]{1,30}([.,][0-9]{1,2})?", re.ASCII)
#: The most grosze a money column (``BigIntegerField``) holds.
MAX_GROSZE = BIGINT_MAX


def format_pln(grosze: int | None) -> str:
    """``125000000`` → ``"1 250 000,00 zł"``."""
    if grosze is None:
        return ""
    sign = "-" if grosze < 0 else ""
    zloty, gr = divmod(abs(int(grosze)), 100)
    groups = f"{zloty:,}".replace(",", " ")
    return f"{sign}{groups},{gr:02d} zł"


def parse_pln(text: str) -> int:
    """``"1 250,50"`` or ``"1250.5 zł"`` → grosze; raises ``ValidationError``.

    Only ASCII digits, and at most what the money columns hold (``MAX_GROSZE`` either
    way), so an amount typed by a person is a message, never an ``OverflowError``.
    """
    cleaned = re.sub(r"[\s\u00a0]|zł|PLN", "", str(text), flags=re.IGNORECASE)
    if not _AMOUNT.fullmatch(cleaned):
        raise ValidationError(
            _("Enter an amount in złoty, for example 12 500,00."), code="invalid_amount"
        )
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the pattern rules it out
        raise ValidationError(_("Enter an amount in złoty."), code="invalid_amount") from error
    grosze = int((value * 100).to_integral_value())
    if abs(grosze) > MAX_GROSZE:
        raise ValidationError(
            _("Enter an amount of at most %(max)s."),
            code="amount_too_large",
            params={"max": format_pln(MAX_GROSZE)},
        )
    return grosze
