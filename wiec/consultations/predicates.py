"""Predicates about consultations; each returns a ``bool``.

The object may be a consultation or something that belongs to one (a paragraph,
a survey, a meeting, a remark): ``consultation_of`` finds it.
"""

from __future__ import annotations

from typing import Any

import rules

from wiec.core.predicates import is_authenticated, is_verified_resident


def consultation_of(obj: Any) -> Any:
    from wiec.consultations.models import Consultation

    if obj is None or isinstance(obj, Consultation):
        return obj
    return getattr(obj, "consultation", None)


@rules.predicate
def consultation_is_ongoing(user: Any, obj: Any) -> bool:
    consultation = consultation_of(obj)
    return bool(consultation is not None and consultation.is_ongoing)


@rules.predicate
def consultation_is_finished(user: Any, obj: Any) -> bool:
    consultation = consultation_of(obj)
    return bool(consultation is not None and consultation.is_finished)


@rules.predicate
def meets_residency_requirement(user: Any, obj: Any) -> bool:
    """Logged in, and a verified resident when the consultation asks for one."""
    consultation = consultation_of(obj)
    if consultation is None or not is_authenticated(user):
        return False
    return not consultation.requires_verified_residency or bool(is_verified_resident(user))


@rules.predicate
def took_part(user: Any, obj: Any) -> bool:
    consultation = consultation_of(obj)
    if consultation is None or not is_authenticated(user):
        return False
    from wiec.consultations.selectors import participant_ids

    return user.pk in participant_ids(consultation)


@rules.predicate
def request_is_collecting(user: Any, obj: Any) -> bool:
    return bool(obj is not None and getattr(obj, "status", None) == "collecting")


@rules.predicate
def request_awaits_answer(user: Any, obj: Any) -> bool:
    return bool(obj is not None and getattr(obj, "status", None) == "submitted")


@rules.predicate
def lives_in_request_area(user: Any, obj: Any) -> bool:
    """City-wide requests: any resident; district requests: residents of the district."""
    if obj is None or not is_authenticated(user):
        return False
    if obj.district_id is None:
        return True
    from wiec.accounts.selectors import residency_of

    residency = residency_of(user, obj.city_id)
    return residency is not None and residency.district_id == obj.district_id
