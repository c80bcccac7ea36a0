"""Pages of consultations.  Views parse, check the permission, call one service, render.

One module per workflow; every view is re-exported here, where ``urls.py`` finds it.
"""

from wiec.consultations.views.exports import (
    report_csv,
    report_participation_csv,
    report_surveys_csv,
)
from wiec.consultations.views.meetings import (
    calendar_feed,
    meeting_add,
    meeting_cancel,
    meeting_ics,
    meeting_material_add,
    meeting_register,
)
from wiec.consultations.views.plans import plan, plan_edit
from wiec.consultations.views.public import consultation_register, detail, document, evaluate
from wiec.consultations.views.remarks import (
    map_view,
    paragraph,
    remark_answer,
    remark_enter,
    remark_hide,
    remark_list,
    remark_scan,
)
from wiec.consultations.views.reports import report, report_html, report_pdf, report_publish
from wiec.consultations.views.requests import (
    request_answer,
    request_create,
    request_detail,
    request_list,
    request_support,
)
from wiec.consultations.views.setup import (
    consultation_create,
    consultation_edit,
    document_edit,
    map_categories_edit,
)
from wiec.consultations.views.surveys import question_add, survey

__all__ = [
    "calendar_feed",
    "consultation_create",
    "consultation_edit",
    "consultation_register",
    "detail",
    "document",
    "document_edit",
    "evaluate",
    "map_categories_edit",
    "map_view",
    "meeting_add",
    "meeting_cancel",
    "meeting_ics",
    "meeting_material_add",
    "meeting_register",
    "paragraph",
    "plan",
    "plan_edit",
    "question_add",
    "remark_answer",
    "remark_enter",
    "remark_hide",
    "remark_list",
    "remark_scan",
    "report",
    "report_csv",
    "report_html",
    "report_participation_csv",
    "report_pdf",
    "report_publish",
    "report_surveys_csv",
    "request_answer",
    "request_create",
    "request_detail",
    "request_list",
    "request_support",
    "survey",
]
