"""Who may do what in the participatory budget (table in docs/permissions.md)."""

import rules

from wiec.budgets.predicates import (
    awaits_author,
    awaits_verification,
    is_collecting_support,
    is_editable,
    is_invitee,
    is_negative,
    is_pending_appeal,
    is_pending_invitation,
    is_proposal_author,
    is_public_proposal,
    is_voting_open,
    may_submit,
    may_support,
    may_vote,
    results_published,
    verified_it,
)
from wiec.core.predicates import (
    is_administrator,
    is_authenticated,
    is_coordinator,
    is_moderator,
    is_official,
    is_official_in_scope,
    is_staff_member,
)

rules.add_perm("budgets.configure_edition", is_coordinator | is_administrator)
rules.add_perm("budgets.submit_proposal", may_submit)
rules.add_perm("budgets.view_proposal", is_public_proposal | is_proposal_author | is_staff_member)
rules.add_perm("budgets.change_proposal", is_proposal_author & is_editable)
rules.add_perm(
    "budgets.endorse_proposal", may_support & is_collecting_support & ~is_proposal_author
)
# Co-authorship is an invitation: only the person it was sent to answers it.
rules.add_perm(
    "budgets.answer_coauthor_invitation", is_authenticated & is_invitee & is_pending_invitation
)
rules.add_perm("budgets.upload_support_list", is_proposal_author & is_editable)
# A support list holds signatures and PESEL numbers: its authors and the office only.
rules.add_perm(
    "budgets.view_support_list",
    is_proposal_author | is_official_in_scope | is_coordinator | is_administrator,
)
# Officials verify, coordinators decide appeals: both work from the queue.
rules.add_perm("budgets.view_verification_queue", is_official | is_coordinator | is_administrator)
# An official verifies proposals of their own districts (city-wide pools: city-wide
# officials), never a proposal they wrote.
rules.add_perm(
    "budgets.verify_proposal",
    is_official_in_scope & ~is_proposal_author & awaits_verification,
)
rules.add_perm("budgets.respond_to_changes", is_proposal_author & awaits_author)
rules.add_perm("budgets.file_appeal", is_proposal_author & is_negative)
# The appeals body: coordinators (the committee) or officials of the district (its
# team), never the appellant nor whoever made the check appealed against.
rules.add_perm(
    "budgets.decide_appeal",
    (is_coordinator | is_administrator | is_official_in_scope)
    & ~is_proposal_author
    & ~verified_it
    & is_pending_appeal,
)
rules.add_perm("budgets.qualify_proposals", is_coordinator | is_administrator)
rules.add_perm("budgets.comment_proposal", is_authenticated & is_public_proposal)
rules.add_perm("budgets.follow_proposal", is_authenticated & is_public_proposal)
rules.add_perm("budgets.report_comment", is_authenticated)
rules.add_perm("budgets.moderate_comment", is_moderator | is_administrator)

# Voting, results and implementation (part 2).
rules.add_perm("budgets.cast_ballot", may_vote & is_voting_open)
rules.add_perm("budgets.enter_paper_ballots", is_official | is_coordinator | is_administrator)
rules.add_perm("budgets.count_votes", is_coordinator | is_administrator)
rules.add_perm("budgets.preview_results", is_official | is_coordinator | is_administrator)
rules.add_perm(
    "budgets.view_results",
    results_published | is_official | is_coordinator | is_administrator,
)
# An official reports on the projects of their own districts (city-wide: city-wide ones).
rules.add_perm(
    "budgets.report_implementation", is_official_in_scope | is_coordinator | is_administrator
)
