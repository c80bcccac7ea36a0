"""Quotas from census shares: the helper organisers use before the lottery."""

from __future__ import annotations

import math
from decimal import Decimal


def bounds_from_share(
    share_percent: Decimal | float, *, tolerance_points: Decimal | float, panel_size: int
) -> tuple[int, int]:
    """Seats for a group that is ``share_percent`` of the population, ± a tolerance.

    The tolerance is in percentage points of the population share: with 24 seats, a
    51% share and 5 points of tolerance the group gets between ⌊24·0.46⌋ = 11 and
    ⌈24·0.56⌉ = 14 seats. Bounds are clipped to 0 … panel size.
    """
    share = float(share_percent)
    tolerance = float(tolerance_points)
    low = math.floor(panel_size * max(0.0, share - tolerance) / 100 + 1e-9)
    high = math.ceil(panel_size * min(100.0, share + tolerance) / 100 - 1e-9)
    return max(0, min(low, panel_size)), max(0, min(high, panel_size))
