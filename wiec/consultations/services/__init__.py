"""Every change to consultations: one transaction, one audit event, an actor.

Rules checked here as well as in the views, so that no path around a view
(a script, an admin action, a race) can break them.  One module per workflow;
everything is re-exported here, where callers import it from.
"""

from wiec.consultations.services.common import (
    EMPTY_REMARK,
    FILE_TOO_LARGE,
    IMAGES,
    MATERIAL_TYPES,
    NOT_OPEN,
    OUTSIDE_CITY,
    SCAN_TYPES,
    TOO_MANY_PIXELS,
    WRONG_TYPE,
    check_point,
    check_upload,
    lazy_format,
)
from wiec.consultations.services.meetings import (
    attach_meeting_material,
    cancel_registration,
    register_for_meeting,
    schedule_meeting,
)
from wiec.consultations.services.plans import save_annual_plan
from wiec.consultations.services.remarks import (
    answer_remark,
    comment_on_map,
    comment_on_paragraph,
    enter_remark,
    hide_remark,
)
from wiec.consultations.services.reports import (
    EVALUATION_WINDOW_DAYS,
    invite_ended_consultations,
    invite_to_evaluation,
    publish_report,
    submit_evaluation,
)
from wiec.consultations.services.requests import (
    ALREADY_SUPPORTED,
    SUPPORTED_BY_PERSON,
    answer_request,
    file_request,
    support_request,
)
from wiec.consultations.services.setup import (
    SLUG_TAKEN,
    create_consultation,
    edit_map_categories,
    set_document,
    set_map_categories,
    split_paragraphs,
    update_consultation,
)
from wiec.consultations.services.surveys import add_question, answer_survey

__all__ = [
    "ALREADY_SUPPORTED",
    "EMPTY_REMARK",
    "EVALUATION_WINDOW_DAYS",
    "FILE_TOO_LARGE",
    "IMAGES",
    "MATERIAL_TYPES",
    "NOT_OPEN",
    "OUTSIDE_CITY",
    "SCAN_TYPES",
    "SLUG_TAKEN",
    "SUPPORTED_BY_PERSON",
    "TOO_MANY_PIXELS",
    "WRONG_TYPE",
    "add_question",
    "answer_remark",
    "answer_request",
    "answer_survey",
    "attach_meeting_material",
    "cancel_registration",
    "check_point",
    "check_upload",
    "comment_on_map",
    "comment_on_paragraph",
    "create_consultation",
    "edit_map_categories",
    "enter_remark",
    "file_request",
    "hide_remark",
    "invite_ended_consultations",
    "invite_to_evaluation",
    "lazy_format",
    "publish_report",
    "register_for_meeting",
    "save_annual_plan",
    "schedule_meeting",
    "set_document",
    "set_map_categories",
    "split_paragraphs",
    "submit_evaluation",
    "support_request",
    "update_consultation",
]
