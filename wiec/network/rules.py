"""Who may do what in the network (table in docs/permissions.md)."""

import rules

from wiec.core.predicates import is_authenticated
from wiec.network.predicates import (
    is_advice_party,
    is_event_cancelled,
    is_issue_draft,
    is_municipality_team,
    is_network_administrator,
    is_network_editor,
    is_network_member,
    is_practice_author,
    is_practice_editable,
    is_practice_published,
    is_practice_submitted,
)

# Good practices: members write them, editors publish them.
rules.add_perm("network.add_practice", is_network_member | is_network_editor)
rules.add_perm(
    "network.change_practice",
    (is_practice_author & is_practice_editable) | (is_network_editor & ~is_practice_published),
)
rules.add_perm("network.submit_practice", is_practice_author & is_practice_editable)
rules.add_perm("network.review_practice", is_network_editor & is_practice_submitted)
rules.add_perm(
    "network.view_practice",
    is_practice_published | is_practice_author | is_network_editor,
)
rules.add_perm("network.view_review_queue", is_network_editor)

# Members, events, newsletter.
rules.add_perm("network.join", is_authenticated)
rules.add_perm("network.register_for_event", is_authenticated)
rules.add_perm("network.manage_events", is_network_editor)
rules.add_perm("network.change_event", is_network_editor & ~is_event_cancelled)
rules.add_perm("network.manage_questionnaire", is_network_editor)
rules.add_perm("network.compose_newsletter", is_network_editor)
rules.add_perm("network.change_issue", is_network_editor & is_issue_draft)
rules.add_perm("network.send_newsletter", is_network_editor)

# Advice: a municipality's team asks, the foundation (network editors) answers.
rules.add_perm("network.ask_advice", is_municipality_team)
rules.add_perm("network.view_advice", is_advice_party | is_network_editor)
rules.add_perm("network.reply_advice", is_advice_party | is_network_editor)
rules.add_perm("network.answer_advice", is_network_editor)

# Self-assessment and the ranking.
rules.add_perm("network.answer_assessment", is_municipality_team | is_network_administrator)
rules.add_perm("network.publish_ranking", is_network_administrator)
rules.add_perm("network.score_ranking", is_network_administrator)
rules.add_perm("network.refresh_index", is_network_administrator)

# The foundation's people see the office's inbox too, with only the network's tasks
# (each task's own permission decides the rest; wiec.core.inbox).
_inbox = rules.permissions.permissions.get("core.view_inbox")
if _inbox is not None:
    rules.set_perm("core.view_inbox", _inbox | is_network_editor)
