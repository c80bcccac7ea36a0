"""What consultations hold about a person, for RODO art. 15, 17 and 20."""

from __future__ import annotations

from typing import Any

from wiec.commons.models import Signature
from wiec.consultations.models import (
    ConsultationRequest,
    Evaluation,
    Registration,
    Remark,
    SurveyResponse,
)


def export(user: Any) -> dict[str, Any]:
    return {
        "remarks": [
            {
                "consultation": r.consultation.title,
                "text": r.text,
                "created_at": r.created_at.isoformat(),
                "response": r.response,
                "justification": r.justification,
            }
            for r in Remark.objects.filter(author=user).select_related("consultation")
        ],
        "survey_responses": [
            {
                "survey": s.survey.title,
                "created_at": s.created_at.isoformat(),
                "answers": [a.text or str(a.choice or a.number) for a in s.answers.all()],
            }
            for s in SurveyResponse.objects.filter(user=user).select_related("survey")
        ],
        "meeting_registrations": [
            {"meeting": r.meeting.title, "starts_at": r.meeting.starts_at.isoformat()}
            for r in Registration.objects.filter(user=user).select_related("meeting")
        ],
        "request_supports": list(
            ConsultationRequest.objects.filter(
                collection__in=Signature.objects.filter(user=user).values("collection")
            )
            .order_by("created_at", "pk")
            .values_list("title", flat=True)
        ),
    }


def erase(user: Any) -> None:
    """Remarks, answers, support and evaluations stay in the public record, without a name;
    registrations for meetings are deleted."""
    Remark.objects.filter(author=user).update(author=None, author_name="")
    SurveyResponse.objects.filter(user=user).update(user=None)
    requests = ConsultationRequest.objects.exclude(collection=None).values("collection")
    Signature.objects.filter(user=user, collection__in=requests).update(user=None, entered_by=None)
    Evaluation.objects.filter(user=user).update(user=None)
    Registration.objects.filter(user=user).delete()
