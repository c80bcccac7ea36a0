"""Money as integer grosze for the tools above: Polish formatting and parsing."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wiec.core.numbers import BIGINT_MAX

_AMOUNT = re.compile(r"[0-9]{1,15}([.,][0-9]{1,2})?", re.ASCII)


def format_pln(grosze: int | None) -> str:
    """``125000000`` → ``"1 250 000,00 zł"``."""
    if grosze is None:
        return ""
    sign = "-" if grosze < 0 else ""
    zloty, gr = divmod(abs(int(grosze)), 100)
    groups = f"{zloty:,}".replace(",", " ")
    return f"{sign}{groups},{gr:02d} zł"


def parse_pln(text: object) -> int:
    """``"1 250,50"`` or ``"1250.5 zł"`` → grosze; a ``ValidationError`` otherwise."""
    cleaned = re.sub(r"[\s\u00a0]|zł|PLN", "", str(text), flags=re.IGNORECASE)
    if not _AMOUNT.fullmatch(cleaned):
        raise ValidationError(
            _("Enter an amount in złoty, for example 12 500,00."), code="invalid_amount"
        )
    grosze = int(Decimal(cleaned.replace(",", ".")) * 100)
    if grosze > BIGINT_MAX:  # pragma: no cover - 15 digits of złoty are far below
        raise ValidationError(_("The amount is too large."), code="amount_too_large")
    return grosze
