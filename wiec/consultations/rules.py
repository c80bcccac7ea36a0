"""Who may do what in consultations (the rows of docs/permissions.md)."""

import rules

from wiec.consultations.predicates import (
    consultation_is_finished,
    consultation_is_ongoing,
    lives_in_request_area,
    meets_residency_requirement,
    request_awaits_answer,
    request_is_collecting,
    took_part,
)
from wiec.core.predicates import (
    is_administrator,
    is_city_wide_official,
    is_coordinator,
    is_moderator,
    is_official,
    is_official_in_scope,
    is_verified_resident,
)

manages = is_official_in_scope | is_coordinator | is_administrator

rules.add_perm("consultations.add_consultation", is_official | is_coordinator | is_administrator)
rules.add_perm("consultations.manage_consultation", manages)
rules.add_perm(
    "consultations.manage_plan", is_city_wide_official | is_coordinator | is_administrator
)
rules.add_perm("consultations.take_part", consultation_is_ongoing & meets_residency_requirement)
rules.add_perm("consultations.moderate_remark", is_moderator | is_administrator)
rules.add_perm("consultations.evaluate", consultation_is_finished & took_part)
rules.add_perm("consultations.file_request", is_verified_resident)
rules.add_perm(
    "consultations.support_request",
    is_verified_resident & request_is_collecting & lives_in_request_area,
)
rules.add_perm("consultations.view_request_queue", is_official | is_coordinator | is_administrator)
rules.add_perm("consultations.answer_request", manages & request_awaits_answer)
rules.add_perm("consultations.publish_report", manages & consultation_is_finished)
