"""Residents' requests for a consultation: filing, support and the office's answer."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from wiec.accounts.selectors import identity_key_of
from wiec.accounts.verification import check_email_verified
from wiec.commons import signatures
from wiec.commons.models import Signature
from wiec.consultations.models import ConsultationRequest, RequestStatus
from wiec.consultations.selectors import office_for_request, settings_of
from wiec.consultations.services.common import lazy_format
from wiec.core.access import ensure
from wiec.core.services import notify, record_event
from wiec.places.models import City, District


@transaction.atomic
def file_request(
    *, actor: Any, city: City, title: str, justification: str, district: District | None = None
) -> ConsultationRequest:
    """A resident asks for a consultation; their own support counts first."""
    ensure(
        actor,
        "consultations.file_request",
        refusal=_("Only verified residents may request a consultation."),
    )
    rules = settings_of(city)
    request = ConsultationRequest(
        city=city,
        district=district,
        title=(title or "").strip(),
        justification=(justification or "").strip(),
        author=actor,
        threshold=rules.district_threshold if district else rules.city_wide_threshold,
    )
    request.full_clean(exclude=["city", "author"])
    request.save()
    record_event(actor=actor, action="consultations.request_filed", target=request)
    if actor.has_perm("consultations.support_request", request):
        _add_support(actor=actor, request=request)
    return request


ALREADY_SUPPORTED = _("You already support this request.")


SUPPORTED_BY_PERSON = _(
    "This person already supports this request, from another account. Each person counts once."
)


def _add_support(*, actor: Any, request: ConsultationRequest) -> Signature:
    """Count the actor's support once per person, as a signature of the request's
    collection (``wiec.commons``): the city's identity key when the proof of residence
    gives one (a PESEL, or date of birth, name and address), else the account.  The
    key stays when a person's data are erased, so that the count stays true.  At the
    threshold the request goes to the office."""
    key = identity_key_of(actor, request.city_id)
    if request.collection_id is None:
        request.collection = signatures.open_collection(
            city=request.city, title=request.title, threshold=request.threshold
        )
        request.save(update_fields=["collection"])
    earlier = signatures.signed_by(request.collection, user=actor, identity_key=key)
    if earlier is not None:
        if earlier.user_id == actor.pk:
            raise ValidationError(ALREADY_SUPPORTED, code="already_supported")
        raise ValidationError(SUPPORTED_BY_PERSON, code="already_supported_by_person")
    try:
        support = signatures.record_online(
            collection=request.collection, user=actor, identity_key=key
        )
    except ValidationError as error:
        raise ValidationError(ALREADY_SUPPORTED, code="already_supported") from error
    request.collection.refresh_from_db(fields=["valid_count"])
    count = request.collection.valid_count
    if count >= request.threshold and request.status == RequestStatus.COLLECTING:
        rules = settings_of(request.city)
        request.status = RequestStatus.SUBMITTED
        request.submitted_at = timezone.now()
        request.answer_due_on = timezone.localdate() + datetime.timedelta(days=rules.answer_days)
        request.save(update_fields=["status", "submitted_at", "answer_due_on"])
        record_event(
            actor=actor,
            action="consultations.request_submitted",
            target=request,
            data={"supporters": count, "answer_due_on": request.answer_due_on.isoformat()},
        )
        _notify_request_submitted(request, count)
    return support


def _notify_request_submitted(request: ConsultationRequest, supporters: int) -> None:
    """Tell the office that may answer, and the author, that the request reached the
    threshold and by when the office must answer."""
    due = lazy(lambda: date_format(request.answer_due_on, "j E Y"), str)()
    params = {"title": request.title, "count": supporters, "date": due}
    for official in office_for_request(request):
        notify(
            recipient=official,
            kind="status",
            subject=lazy_format(
                _("A request for a consultation needs your answer: %(title)s"), **params
            ),
            body=lazy_format(
                _(
                    "Supporters: %(count)s; the request has reached the threshold. "
                    "The office must answer it by %(date)s."
                ),
                **params,
            ),
            url=request.get_absolute_url(),
        )
    if request.author is not None and request.author.is_active:
        notify(
            recipient=request.author,
            kind="status",
            subject=lazy_format(_("Your request has gone to the office: %(title)s"), **params),
            body=lazy_format(
                _(
                    "Supporters: %(count)s. The office must answer your request by "
                    "%(date)s; the answer will be public."
                ),
                **params,
            ),
            url=request.get_absolute_url(),
        )


@transaction.atomic
def support_request(*, actor: Any, request: ConsultationRequest) -> Signature:
    """Support a request; at the threshold it goes to the office, which then has the
    configured number of days to answer (Warsaw: 1,000 or 200 supporters, 30 days)."""
    request = ConsultationRequest.objects.select_for_update().get(pk=request.pk)
    ensure(
        actor,
        "consultations.support_request",
        request,
        refusal=_(
            "You cannot support this request: it is closed, or it concerns another district."
        ),
    )
    check_email_verified(actor)
    support = _add_support(actor=actor, request=request)
    record_event(actor=actor, action="consultations.request_supported", target=request)
    return support


@transaction.atomic
def answer_request(
    *, actor: Any, request: ConsultationRequest, accepted: bool, answer: str
) -> ConsultationRequest:
    ensure(actor, "consultations.answer_request", request)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Write the answer."), code="answer")
    request.status = RequestStatus.ACCEPTED if accepted else RequestStatus.REJECTED
    request.answer = answer
    request.answered_at = timezone.now()
    request.answered_by = actor
    request.save(update_fields=["status", "answer", "answered_at", "answered_by"])
    record_event(
        actor=actor,
        action="consultations.request_answered",
        target=request,
        data={"accepted": accepted},
    )
    if request.author is not None:
        notify(
            recipient=request.author,
            kind="status",
            subject=_("The office answered your request for a consultation"),
            body=answer,
            url=request.get_absolute_url(),
        )
    return request
