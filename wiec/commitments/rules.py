"""Who may do what with commitments (the rows of docs/permissions.md)."""

import rules

from wiec.commitments.predicates import is_monitoring_panelist, is_unanswered
from wiec.core.predicates import (
    is_authenticated,
    is_city_wide_official,
    is_coordinator,
    is_official_in_scope,
)

is_owner_office = is_coordinator | is_official_in_scope

rules.add_perm("commitments.view_commitment", rules.always_allow)
rules.add_perm("commitments.manage_commitment", is_owner_office)
rules.add_perm("commitments.follow", is_authenticated)
rules.add_perm("commitments.ask_question", is_monitoring_panelist)
rules.add_perm("commitments.assess", is_monitoring_panelist)
rules.add_perm("commitments.answer_question", is_owner_office & is_unanswered)
rules.add_perm("commitments.assign_oversight", is_coordinator | is_official_in_scope)
rules.add_perm("commitments.enter_population", is_coordinator | is_city_wide_official)
rules.add_perm("commitments.manage_strategy", is_coordinator | is_city_wide_official)
rules.add_perm("commitments.comment_goal", is_authenticated)
rules.add_perm("commitments.edit_report", is_coordinator | is_city_wide_official)
