"""Who uploads the municipality's budget: its coordinators, administrators and
city-wide officials (a district's official does not hold the city's finances)."""

import rules

from wiec.core.predicates import is_administrator, is_city_wide_official, is_coordinator

rules.add_perm(
    "citybudget.upload_report", is_coordinator | is_administrator | is_city_wide_official
)
