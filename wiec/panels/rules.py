"""Who may do what with citizens' panels (the rows of docs/permissions.md)."""

import rules

from wiec.core.predicates import (
    is_administrator,
    is_authenticated,
    is_coordinator,
    is_official_in_scope,
)
from wiec.panels.predicates import (
    is_drafting_phase,
    is_drawn,
    is_drawn_person,
    is_panelist_of,
    is_recruiting,
    is_voting_window,
    recruits_by_letter,
)

is_organiser = is_coordinator | is_official_in_scope

rules.add_perm("panels.view_panel", rules.always_allow)
rules.add_perm("panels.apply", is_recruiting & (is_authenticated | recruits_by_letter))
rules.add_perm("panels.manage_panel", is_organiser)
rules.add_perm("panels.view_applicants", is_organiser | is_administrator)
rules.add_perm("panels.confirm_seat", is_drawn_person)
rules.add_perm("panels.claim_seat", is_authenticated & is_drawn)
rules.add_perm("panels.draft_recommendation", is_panelist_of & is_drafting_phase)
rules.add_perm("panels.vote", is_panelist_of & is_voting_window)
rules.add_perm("panels.respond", is_organiser)
rules.add_perm("panels.use_space", is_drawn & (is_panelist_of | is_organiser))
rules.add_perm("panels.answer_question", is_organiser)
