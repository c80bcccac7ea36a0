"""Every change to a citizens' panel: one transaction and one audit event each.

Views parse input and check permissions; these functions re-check the invariants
that must hold whoever calls them (the seed announced before the draw, votes only
inside the window, one use per invitation code) and leave nothing behind on error.
One module per workflow; everything is re-exported here, where callers import it from.
"""

from wiec.panels.services.claims import (
    claim_code_hash,
    claim_seat,
    issue_claim_codes,
)
from wiec.panels.services.common import (
    CODE_ALPHABET,
    CODE_LENGTH,
    code_hash,
    household_hash,
    normalise_code,
)
from wiec.panels.services.deliberation import (
    add_material,
    record_attendance,
    schedule_session,
)
from wiec.panels.services.lottery import (
    CANCEL_POLL_SECONDS,
    announce_seed,
    cancel_draw,
    confirm_seat,
    draw_panel,
    start_draw,
    withdraw_panelist,
)
from wiec.panels.services.questions import (
    Answer,
    add_question,
    add_standard_questions,
    edit_question,
    key_from,
    question_in_use,
    questions_are_fixed,
    remove_question,
)
from wiec.panels.services.quota_setting import (
    quotas_from_census,
    set_quotas,
)
from wiec.panels.services.recommendations import (
    add_implementation_update,
    cast_vote,
    draft_recommendation,
    publish_results,
    respond_to_recommendation,
)
from wiec.panels.services.recruitment import (
    IMPORT_BASE_COLUMNS,
    ImportRejected,
    apply_to_panel,
    generate_invitation_codes,
    import_respondents,
)
from wiec.panels.services.setup import (
    FIXED_AFTER_APPLICATIONS,
    FIXED_AFTER_DRAW,
    FIXED_AFTER_RESULTS,
    RESERVED_SLUGS,
    STANDARD_QUESTIONS,
    panel_problems,
    save_panel,
)
from wiec.panels.services.space import SPACE_KIND, answer_question, post_to_space

__all__ = [
    "CANCEL_POLL_SECONDS",
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "FIXED_AFTER_APPLICATIONS",
    "FIXED_AFTER_DRAW",
    "FIXED_AFTER_RESULTS",
    "IMPORT_BASE_COLUMNS",
    "RESERVED_SLUGS",
    "SPACE_KIND",
    "STANDARD_QUESTIONS",
    "Answer",
    "ImportRejected",
    "add_implementation_update",
    "add_material",
    "add_question",
    "add_standard_questions",
    "announce_seed",
    "answer_question",
    "apply_to_panel",
    "cancel_draw",
    "cast_vote",
    "claim_code_hash",
    "claim_seat",
    "code_hash",
    "confirm_seat",
    "draft_recommendation",
    "draw_panel",
    "edit_question",
    "generate_invitation_codes",
    "household_hash",
    "import_respondents",
    "issue_claim_codes",
    "key_from",
    "normalise_code",
    "panel_problems",
    "post_to_space",
    "publish_results",
    "question_in_use",
    "questions_are_fixed",
    "quotas_from_census",
    "record_attendance",
    "remove_question",
    "respond_to_recommendation",
    "save_panel",
    "schedule_session",
    "set_quotas",
    "start_draw",
    "withdraw_panelist",
]
