"""Valued contributions, both sides of a project: what each item is worth and the shares.

Used by the local initiative (art. 19c–19e ustawy o działalności pożytku publicznego
i o wolontariacie: the residents' own contribution of social work, money, goods or
services) and open to any tool whose projects residents co-finance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wiec.commons.models import Contribution, ContributionKind, ContributionLedger, Party


@dataclass(frozen=True)
class Item:
    """One line of a form: for work, ``hours`` (the value follows); else ``value_grosze``."""

    party: str
    kind: str
    description: str
    hours: int | None = None
    value_grosze: int | None = None


def build(ledger: ContributionLedger, items: Iterable[Item]) -> list[Contribution]:
    """Unsaved rows for ``items``, valued; ``ValidationError`` naming the line if one is
    incomplete (work without hours, money without an amount, an item without a name)."""
    rows: list[Contribution] = []
    for position, item in enumerate(items, start=1):
        params = {"line": position}
        if not item.description.strip():
            raise ValidationError(
                _("Line %(line)s: say what the item is."), code="no_description", params=params
            )
        if item.kind == ContributionKind.WORK:
            if not item.hours:
                raise ValidationError(
                    _("Line %(line)s: give the hours of social work."),
                    code="no_hours",
                    params=params,
                )
            value, rate, hours = (
                item.hours * ledger.work_rate_grosze,
                ledger.work_rate_grosze,
                item.hours,
            )
        else:
            if not item.value_grosze:
                raise ValidationError(
                    _("Line %(line)s: give the item's value in złoty."),
                    code="no_value",
                    params=params,
                )
            value, rate, hours = item.value_grosze, None, None
        if item.party == Party.CITY and item.kind != ContributionKind.MONEY:
            raise ValidationError(
                _("Line %(line)s: the city's share is money."), code="city_money", params=params
            )
        rows.append(
            Contribution(
                ledger=ledger,
                party=item.party,
                kind=item.kind,
                description=item.description.strip()[:300],
                hours=hours,
                rate_grosze=rate,
                value_grosze=value,
                position=position,
            )
        )
    return rows


def replace(ledger: ContributionLedger, items: Iterable[Item]) -> list[Contribution]:
    """Replace the ledger's items (inside the caller's transaction)."""
    rows = build(ledger, items)
    ledger.items.all().delete()
    return Contribution.objects.bulk_create(rows)


@dataclass(frozen=True)
class Shares:
    """Totals by side and by kind, and the residents' share in thousandths (‰)."""

    city_grosze: int
    residents_grosze: int
    by_kind: dict[str, int]
    work_hours: int

    @property
    def total_grosze(self) -> int:
        return self.city_grosze + self.residents_grosze

    @property
    def residents_permille(self) -> int:
        """Residents' share of the total, in ‰, rounded half up (integers only)."""
        if not self.total_grosze:
            return 0
        return (self.residents_grosze * 2000 + self.total_grosze) // (2 * self.total_grosze)

    @property
    def work_permille(self) -> int:
        """Social work's share of the residents' contribution, in ‰, rounded half up."""
        work = self.by_kind.get(ContributionKind.WORK, 0)
        if not self.residents_grosze:
            return 0
        return (work * 2000 + self.residents_grosze) // (2 * self.residents_grosze)

    @property
    def value_per_zloty(self) -> str:
        """Value created per złoty of the city's money, as "2,35" (two decimals, half up)."""
        if not self.city_grosze:
            return "–"
        hundredths = (self.total_grosze * 200 + self.city_grosze) // (2 * self.city_grosze)
        return f"{hundredths // 100},{hundredths % 100:02d}"


def shares(rows: Iterable[Contribution]) -> Shares:
    city = residents = hours = 0
    by_kind: dict[str, int] = {}
    for row in rows:
        if row.party == Party.CITY:
            city += row.value_grosze
            continue
        residents += row.value_grosze
        by_kind[row.kind] = by_kind.get(row.kind, 0) + row.value_grosze
        hours += row.hours or 0
    return Shares(city_grosze=city, residents_grosze=residents, by_kind=by_kind, work_hours=hours)
