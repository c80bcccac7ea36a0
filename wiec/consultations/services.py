"""Every change to consultations: one transaction, one audit event, an actor.

Rules checked here as well as in the views, so that no path around a view
(a script, an admin action, a race) can break them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from wiec.accounts.selectors import identity_key_of
from wiec.consultations.models import (
    MAX_ATTACHMENT_BYTES,
    OFFICE_CHANNELS,
    AnnualPlan,
    Answer,
    Channel,
    Choice,
    Consultation,
    ConsultationReport,
    ConsultationRequest,
    Evaluation,
    EvaluationInvitation,
    MapCategory,
    Meeting,
    MeetingMaterial,
    Paragraph,
    Question,
    QuestionKind,
    Registration,
    Remark,
    RequestStatus,
    Response,
    Support,
    Survey,
    SurveyResponse,
)
from wiec.consultations.selectors import (
    commenter_ids,
    office_for_request,
    participant_ids,
    settings_of,
)
from wiec.core.access import ensure
from wiec.core.services import notify, record_event, save_unique
from wiec.core.uploads import (
    DOCX_TYPE,
    JPEG_TYPE,
    ODS_TYPE,
    ODT_TYPE,
    PDF_TYPE,
    PNG_TYPE,
    XLSX_TYPE,
    FileType,
    TooManyPixels,
    verified_type,
)
from wiec.places.models import City, District

NOT_OPEN = _("This consultation is not open: you can take part only while it is ongoing.")
EMPTY_REMARK = _("Write your remark: it cannot be empty.")
OUTSIDE_CITY = _("This point lies outside the city. Choose a place within its boundaries.")
FILE_TOO_LARGE = _("The file is too large: at most %(limit)s MB is allowed.")


def _format(message: Any, params: dict[str, Any]) -> str:
    return str(message) % {k: v if isinstance(v, int) else str(v) for k, v in params.items()}


def lazy_format(message: Any, **params: Any) -> Any:
    """``message % params``, worked out only when shown, so in the reader's language
    (``notify`` renders it in the recipient's; ``%`` on a lazy string would not wait)."""
    return lazy(lambda: _format(message, params), str)()


def _require_taking_part(actor: Any, consultation: Consultation) -> None:
    if not consultation.is_ongoing:
        raise ValidationError(NOT_OPEN, code="not_open")
    if not actor.has_perm("consultations.take_part", consultation):
        raise ValidationError(
            _("Only verified residents may take part in this consultation."),
            code="not_verified",
        )


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(EMPTY_REMARK, code="empty")
    return text


IMAGES = frozenset({PNG_TYPE, JPEG_TYPE})
SCAN_TYPES = frozenset({PDF_TYPE, *IMAGES})
"""A scan of a letter: PDF or an image."""
MATERIAL_TYPES = frozenset({PDF_TYPE, ODT_TYPE, ODS_TYPE, DOCX_TYPE, XLSX_TYPE, *IMAGES})
"""Meeting materials: PDF, OpenDocument and Office documents, images."""
WRONG_TYPE = _("This kind of file is not accepted. Send one of: %(types)s.")
TOO_MANY_PIXELS = _("The image has too many pixels: at most %(limit)s megapixels.")


def check_upload(upload: UploadedFile | None, allowed: frozenset[FileType] = SCAN_TYPES) -> None:
    """Refuse a file that is too large, or whose content is not of an allowed type (a
    renamed program is not a PDF, and an image must open as one).  The sender's file
    name does not count: the file is stored under a name its content decides."""
    if upload is None:
        return
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            FILE_TOO_LARGE,
            code="file_too_large",
            params={"limit": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
        )
    try:
        kind = verified_type(upload, allowed)
    except TooManyPixels as error:
        raise ValidationError(
            TOO_MANY_PIXELS, code=error.code, params={"limit": error.limit // 1_000_000}
        ) from None
    if kind is None:
        raise ValidationError(
            WRONG_TYPE,
            code="file_type",
            params={"types": ", ".join(sorted(t.extension.upper() for t in allowed))},
        )


def check_point(city: City, latitude: float, longitude: float) -> None:
    if not city.contains_point(latitude, longitude):
        raise ValidationError(OUTSIDE_CITY, code="outside_city")


# --- consultations and their parts -------------------------------------------------


SLUG_TAKEN = _("Another consultation already has this address; choose a different one.")


def _save_consultation(consultation: Consultation, update_fields: list[str] | None = None) -> None:
    """Save, with a taken address (``slug``, unique in the city) as a form error."""
    save_unique(
        consultation,
        field="slug",
        taken=SLUG_TAKEN,
        scope=Consultation.objects.filter(city_id=consultation.city_id),
        update_fields=update_fields,
    )


@transaction.atomic
def create_consultation(*, actor: Any, city: City, **fields: Any) -> Consultation:
    consultation = Consultation(city=city, **fields)
    ensure(actor, "consultations.manage_consultation", consultation)
    consultation.full_clean(exclude=["city", "plan", "request"])
    _save_consultation(consultation)
    record_event(actor=actor, action="consultations.created", target=consultation)
    return consultation


@transaction.atomic
def update_consultation(*, actor: Any, consultation: Consultation, **fields: Any) -> Consultation:
    ensure(actor, "consultations.manage_consultation", consultation)
    for name, value in fields.items():
        setattr(consultation, name, value)
    ensure(actor, "consultations.manage_consultation", consultation)
    consultation.full_clean(exclude=["city", "plan", "request"])
    _save_consultation(consultation, update_fields=list(fields))
    record_event(
        actor=actor,
        action="consultations.updated",
        target=consultation,
        data={"fields": list(fields)},
    )
    return consultation


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain-text or Markdown document: blocks between blank lines."""
    blocks = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))
    return [block.strip() for block in blocks if block.strip()]


@transaction.atomic
def set_document(
    *, actor: Any, consultation: Consultation, title: str, text: str
) -> list[Paragraph]:
    """Store the consulted document, one row per paragraph.

    Once a paragraph has remarks the document is fixed: residents' remarks must keep
    pointing at the text they commented on.
    """
    ensure(actor, "consultations.manage_consultation", consultation)
    if Remark.objects.filter(consultation=consultation, paragraph__isnull=False).exists():
        raise ValidationError(
            _("The document already has remarks and can no longer be changed."),
            code="document_commented",
        )
    consultation.paragraphs.all().delete()
    paragraphs = Paragraph.objects.bulk_create(
        Paragraph(consultation=consultation, position=number, text=block)
        for number, block in enumerate(split_paragraphs(text), start=1)
    )
    consultation.document_title = title
    consultation.save(update_fields=["document_title"])
    record_event(
        actor=actor,
        action="consultations.document_set",
        target=consultation,
        data={"paragraphs": len(paragraphs)},
    )
    return paragraphs


@transaction.atomic
def set_map_categories(
    *, actor: Any, consultation: Consultation, names: Iterable[str]
) -> list[MapCategory]:
    ensure(actor, "consultations.manage_consultation", consultation)
    wanted = [n.strip() for n in names if n.strip()]
    existing = {c.name: c for c in consultation.map_categories.all()}
    for name in wanted:
        if name not in existing:
            existing[name] = MapCategory.objects.create(consultation=consultation, name=name)
    if not consultation.map_enabled:
        consultation.map_enabled = True
        consultation.save(update_fields=["map_enabled"])
    record_event(
        actor=actor,
        action="consultations.map_categories_set",
        target=consultation,
        data={"categories": wanted},
    )
    return [existing[n] for n in wanted]


@transaction.atomic
def add_question(
    *,
    actor: Any,
    consultation: Consultation,
    kind: str,
    text: str,
    choices: Iterable[str] = (),
    required: bool = True,
    scale_min: int = 1,
    scale_max: int = 5,
    survey_title: str = "",
) -> Question:
    """Add a question to the consultation's survey (created on the first question)."""
    ensure(actor, "consultations.manage_consultation", consultation)
    if consultation.is_finished:
        raise ValidationError(_("The consultation has ended."), code="finished")
    survey = consultation.surveys.first() or Survey.objects.create(
        consultation=consultation, title=survey_title or consultation.title
    )
    if survey.responses.exists():
        raise ValidationError(
            _("The survey already has answers and can no longer be changed."), code="answered"
        )
    options = [c.strip() for c in choices if c.strip()]
    if (
        kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING)
        and len(options) < 2
    ):
        raise ValidationError(_("Give at least two answers to choose from."), code="choices")
    question = Question.objects.create(
        survey=survey,
        position=survey.questions.count() + 1,
        kind=kind,
        text=text,
        required=required,
        scale_min=scale_min,
        scale_max=scale_max,
    )
    Choice.objects.bulk_create(
        Choice(question=question, position=i, text=option) for i, option in enumerate(options, 1)
    )
    record_event(actor=actor, action="consultations.question_added", target=survey)
    return question


@transaction.atomic
def schedule_meeting(*, actor: Any, consultation: Consultation, **fields: Any) -> Meeting:
    meeting = Meeting(consultation=consultation, **fields)
    ensure(actor, "consultations.manage_consultation", consultation)
    meeting.full_clean(exclude=["consultation"])
    meeting.save()
    record_event(actor=actor, action="consultations.meeting_scheduled", target=meeting)
    return meeting


@transaction.atomic
def attach_meeting_material(
    *, actor: Any, meeting: Meeting, title: str, file: UploadedFile
) -> MeetingMaterial:
    """Attach a document to a meeting; a file too large or of another type is refused
    and nothing is saved."""
    ensure(actor, "consultations.manage_consultation", meeting.consultation)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the material a title."), code="title")
    check_upload(file, MATERIAL_TYPES)
    material = MeetingMaterial.objects.create(
        meeting=meeting, title=title, file=file, size=file.size, uploaded_by=actor
    )
    record_event(
        actor=actor,
        action="consultations.meeting_material_attached",
        target=meeting,
        data={"material": material.pk, "title": title},
    )
    return material


@transaction.atomic
def edit_map_categories(
    *,
    actor: Any,
    consultation: Consultation,
    names: dict[int, str],
    remove: Iterable[int] = (),
    add: Iterable[str] = (),
) -> list[MapCategory]:
    """Rename, remove and add the map's categories.  A category residents have used
    cannot be removed (their remarks keep it); it can be renamed."""
    ensure(actor, "consultations.manage_consultation", consultation)
    categories = {c.pk: c for c in consultation.map_categories.all()}
    remove = {pk for pk in remove if pk in categories}
    used = set(
        Remark.objects.filter(category_id__in=remove).values_list("category__name", flat=True)
    )
    if used:
        raise ValidationError(
            _("Remarks use the category %(names)s; rename it instead of removing it."),
            code="category_used",
            params={"names": ", ".join(sorted(used))},
        )
    kept = {
        pk: (names.get(pk) or c.name).strip() for pk, c in categories.items() if pk not in remove
    }
    wanted = list(kept.values()) + [n.strip() for n in add if n.strip()]
    if any(not n for n in kept.values()):
        raise ValidationError(_("A category needs a name."), code="category_name")
    if len({n.casefold() for n in wanted}) != len(wanted):
        raise ValidationError(_("Two categories have the same name."), code="category_twice")
    MapCategory.objects.filter(pk__in=remove).delete()
    for pk, name in kept.items():
        if categories[pk].name != name:
            categories[pk].name = name
            categories[pk].save(update_fields=["name"])
    for name in wanted[len(kept) :]:
        MapCategory.objects.create(consultation=consultation, name=name)
    record_event(
        actor=actor,
        action="consultations.map_categories_edited",
        target=consultation,
        data={"categories": wanted, "removed": sorted(remove)},
    )
    return list(consultation.map_categories.all())


@transaction.atomic
def save_annual_plan(
    *,
    actor: Any,
    city: City,
    plan: AnnualPlan | None = None,
    year: int,
    introduction: str = "",
    adopted_on: datetime.date | None = None,
    consultations: Iterable[Consultation] = (),
) -> AnnualPlan:
    """Create or change the roczny plan konsultacji and choose the consultations in it."""
    ensure(actor, "consultations.manage_plan")
    taken = AnnualPlan.objects.filter(city=city, year=year)
    if plan is not None:
        taken = taken.exclude(pk=plan.pk)
    if taken.exists():
        raise ValidationError(
            _("The plan for %(year)s already exists; change it instead."),
            code="plan_exists",
            params={"year": year},
        )
    created = plan is None
    plan = plan or AnnualPlan(city=city)
    plan.year, plan.introduction, plan.adopted_on = year, (introduction or "").strip(), adopted_on
    plan.save()
    chosen = [c.pk for c in consultations if c.city_id == city.pk]
    Consultation.objects.filter(plan=plan).exclude(pk__in=chosen).update(plan=None)
    Consultation.objects.filter(pk__in=chosen).update(plan=plan)
    record_event(
        actor=actor,
        action="consultations.plan_created" if created else "consultations.plan_changed",
        target=plan,
        data={"year": year, "consultations": chosen},
    )
    return plan


# --- taking part -------------------------------------------------------------------


def _answers_for(question: Question, value: Any) -> list[Answer]:
    """Validate one question's value and turn it into answer rows."""
    choices = {c.pk: c for c in question.choices.all()}
    if question.kind == QuestionKind.TEXT:
        text = (value or "").strip()
        return [Answer(question=question, text=text)] if text else []
    if question.kind == QuestionKind.SCALE:
        if value in (None, ""):
            return []
        number = int(value)
        if not question.scale_min <= number <= question.scale_max:
            raise ValidationError(_("Choose a value on the scale."), code="scale")
        return [Answer(question=question, number=number)]
    if question.kind == QuestionKind.SINGLE:
        if value in (None, ""):
            return []
        choice = choices.get(int(value))
        if choice is None:
            raise ValidationError(_("Choose one of the answers given."), code="choice")
        return [Answer(question=question, choice=choice)]
    if question.kind == QuestionKind.MULTIPLE:
        picked = [choices.get(int(v)) for v in value or []]
        if None in picked:
            raise ValidationError(_("Choose one of the answers given."), code="choice")
        return [Answer(question=question, choice=c) for c in picked]
    # Ranking: value maps choice id -> rank 1..n, each rank used once.
    ranks = {int(k): int(v) for k, v in (value or {}).items() if v not in (None, "")}
    if not ranks:
        return []
    if set(ranks) != set(choices) or sorted(ranks.values()) != list(range(1, len(choices) + 1)):
        raise ValidationError(
            _("Give every option a different place, from 1 to %(n)s."),
            code="ranking",
            params={"n": len(choices)},
        )
    return [Answer(question=question, choice=choices[k], number=r) for k, r in ranks.items()]


@transaction.atomic
def answer_survey(*, actor: Any, survey: Survey, values: dict[int, Any]) -> SurveyResponse:
    """Store a resident's answers; ``values`` maps question id to the form's value."""
    _require_taking_part(actor, survey.consultation)
    rows: list[Answer] = []
    errors: dict[str, list[ValidationError]] = {}
    for question in survey.questions.prefetch_related("choices"):
        try:
            answers = _answers_for(question, values.get(question.pk))
        except (ValueError, TypeError):
            answers = None
            errors[f"q{question.pk}"] = [
                ValidationError(_("Choose one of the answers given."), code="choice")
            ]
        except ValidationError as error:
            answers = None
            errors[f"q{question.pk}"] = [error]
        if answers == [] and question.required:
            errors[f"q{question.pk}"] = [
                ValidationError(_("Answer this question."), code="required")
            ]
        rows.extend(answers or [])
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(survey=survey, user=actor)
    except IntegrityError as error:
        raise ValidationError(
            _("You have already answered this survey."), code="already_answered"
        ) from error
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    record_event(actor=actor, action="consultations.survey_answered", target=survey)
    return response


@transaction.atomic
def comment_on_paragraph(*, actor: Any, paragraph: Paragraph, text: str) -> Remark:
    consultation = paragraph.consultation
    _require_taking_part(actor, consultation)
    remark = Remark.objects.create(
        consultation=consultation,
        channel=Channel.DOCUMENT,
        author=actor,
        paragraph=paragraph,
        text=_clean_text(text),
    )
    record_event(
        actor=actor,
        action="consultations.paragraph_commented",
        target=remark,
        data={"paragraph": paragraph.position},
    )
    return remark


@transaction.atomic
def comment_on_map(
    *,
    actor: Any,
    consultation: Consultation,
    latitude: float,
    longitude: float,
    text: str,
    category: MapCategory | None = None,
    area: list[tuple[float, float]] | None = None,
) -> Remark:
    """A remark about a place: a point, and optionally an area drawn around it."""
    _require_taking_part(actor, consultation)
    if not consultation.map_enabled:
        raise ValidationError(_("This consultation has no map."), code="no_map")
    text = _clean_text(text)
    for lat, lon in [(latitude, longitude), *(area or [])]:
        check_point(consultation.city, lat, lon)
    if category is not None and category.consultation_id != consultation.pk:
        raise ValidationError(_("Choose one of the categories given."), code="category")
    remark = Remark.objects.create(
        consultation=consultation,
        channel=Channel.MAP,
        author=actor,
        latitude=latitude,
        longitude=longitude,
        area=[list(p) for p in area or []],
        category=category,
        text=text,
    )
    record_event(actor=actor, action="consultations.map_commented", target=remark)
    return remark


@transaction.atomic
def enter_remark(
    *,
    actor: Any,
    consultation: Consultation,
    channel: str,
    author_name: str,
    text: str,
    received_on: datetime.date,
    paragraph: Paragraph | None = None,
    attachment: UploadedFile | None = None,
) -> Remark:
    """An official enters a remark received on paper, by e-mail or at a meeting."""
    ensure(actor, "consultations.manage_consultation", consultation)
    if channel not in OFFICE_CHANNELS:
        raise ValidationError(_("Choose how the remark was received."), code="channel")
    check_upload(attachment, SCAN_TYPES)
    if received_on > consultation.ends_on or received_on < consultation.starts_on:
        raise ValidationError(
            _("The remark was received outside the consultation's dates."), code="late"
        )
    remark = Remark(
        consultation=consultation,
        channel=channel,
        author_name=author_name.strip(),
        text=_clean_text(text),
        received_on=received_on,
        paragraph=paragraph if paragraph and paragraph.consultation_id == consultation.pk else None,
        entered_by=actor,
    )
    if attachment is not None:
        remark.attachment = attachment
    remark.save()
    record_event(
        actor=actor,
        action="consultations.remark_entered",
        target=remark,
        data={"channel": channel},
    )
    return remark


@transaction.atomic
def register_for_meeting(*, actor: Any, meeting: Meeting) -> Registration:
    consultation = meeting.consultation
    if consultation.is_finished or meeting.starts_at <= timezone.now():
        raise ValidationError(_("Registration for this meeting is closed."), code="closed")
    if not actor.has_perm("consultations.take_part", consultation) and not (
        consultation.phase() == "planned"
        and actor.is_authenticated
        and not consultation.requires_verified_residency
    ):
        raise ValidationError(
            _("Only verified residents may take part in this consultation."), code="not_verified"
        )
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if Registration.objects.filter(meeting=meeting, user=actor).exists():
        raise ValidationError(_("You are already registered."), code="registered")
    if meeting.capacity is not None and meeting.registrations.count() >= meeting.capacity:
        raise ValidationError(_("There are no places left at this meeting."), code="full")
    registration = Registration.objects.create(meeting=meeting, user=actor)
    record_event(actor=actor, action="consultations.meeting_registered", target=meeting)
    return registration


@transaction.atomic
def cancel_registration(*, actor: Any, meeting: Meeting) -> None:
    deleted, _rows = Registration.objects.filter(meeting=meeting, user=actor).delete()
    if deleted:
        record_event(actor=actor, action="consultations.meeting_unregistered", target=meeting)


# --- the office's side -------------------------------------------------------------


@transaction.atomic
def answer_remark(*, actor: Any, remark: Remark, response: str, justification: str) -> Remark:
    """Record the office's response to a remark: accepted, partly accepted or rejected."""
    ensure(actor, "consultations.manage_consultation", remark.consultation)
    if hasattr(remark.consultation, "report"):
        raise ValidationError(
            _("The report is published; responses can no longer change."), code="published"
        )
    if response not in Response.values:
        raise ValidationError(_("Choose the response."), code="response")
    justification = (justification or "").strip()
    if not justification:
        raise ValidationError(_("Give the justification of the response."), code="justification")
    remark.response = response
    remark.justification = justification
    remark.responded_at = timezone.now()
    remark.responded_by = actor
    remark.save(update_fields=["response", "justification", "responded_at", "responded_by"])
    record_event(
        actor=actor,
        action="consultations.remark_answered",
        target=remark,
        data={"response": response},
    )
    return remark


@transaction.atomic
def hide_remark(*, actor: Any, remark: Remark, reason: str) -> Remark:
    """A moderator hides a remark that breaks the rules (it leaves the report)."""
    ensure(actor, "consultations.moderate_remark", remark)
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason."), code="reason")
    remark.hidden = True
    remark.hidden_reason = reason.strip()
    remark.save(update_fields=["hidden", "hidden_reason"])
    record_event(
        actor=actor,
        action="consultations.remark_hidden",
        target=remark,
        data={"reason": remark.hidden_reason},
    )
    return remark


@transaction.atomic
def publish_report(
    *, actor: Any, consultation: Consultation, conclusions: str
) -> ConsultationReport:
    """Publish the report once every remark has a response, and tell every commenter."""
    ensure(
        actor,
        "consultations.publish_report",
        consultation,
        refusal=_("The report can be published after the consultation ends."),
    )
    if hasattr(consultation, "report"):
        raise ValidationError(_("The report is already published."), code="published")
    unanswered = Remark.objects.filter(consultation=consultation).visible().unanswered().count()
    if unanswered:
        raise ValidationError(
            _("Every remark needs a response first; %(count)s still have none."),
            code="unanswered",
            params={"count": unanswered},
        )
    if not (conclusions or "").strip():
        raise ValidationError(_("Write the office's conclusions."), code="conclusions")
    report = ConsultationReport.objects.create(
        consultation=consultation, conclusions=conclusions.strip(), published_by=actor
    )
    record_event(actor=actor, action="consultations.report_published", target=consultation)
    from wiec.accounts.models import User

    for user in User.objects.filter(pk__in=commenter_ids(consultation), is_active=True):
        notify(
            recipient=user,
            kind="status",
            subject=lazy_format(
                _("The consultation report is published: %(title)s"), title=consultation.title
            ),
            body=_(
                "The office has answered every remark, including yours. You can also tell "
                "us how the consultation went."
            ),
            url=consultation.get_absolute_url() + "raport/",
        )
    invite_to_evaluation(actor=actor, consultation=consultation)
    return report


EVALUATION_WINDOW_DAYS = 30
"""Consultations that ended longer ago than this are not swept for invitations."""


@transaction.atomic
def invite_to_evaluation(*, actor: Any, consultation: Consultation) -> int:
    """Invite every participant (commented, answered a survey, registered for a
    meeting) to evaluate the ended consultation, each person once; returns how many
    were invited now.  ``actor`` is ``None`` when the daily sweep sends them."""
    if actor is not None:
        ensure(actor, "consultations.manage_consultation", consultation)
    if not consultation.is_finished:
        return 0
    from wiec.accounts.models import User

    done = set(
        EvaluationInvitation.objects.filter(consultation=consultation).values_list(
            "user_id", flat=True
        )
    ) | set(
        Evaluation.objects.filter(consultation=consultation, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    invited = 0
    for user in User.objects.filter(pk__in=participant_ids(consultation) - done, is_active=True):
        try:
            with transaction.atomic():
                EvaluationInvitation.objects.create(consultation=consultation, user=user)
        except IntegrityError:
            continue  # a concurrent sweep invited them first
        notify(
            recipient=user,
            kind="status",
            subject=lazy_format(
                _("How did the consultation go? %(title)s"), title=consultation.title
            ),
            body=_(
                "You took part in this consultation. Two short questions tell the city "
                "whether the information was clear and whether you felt heard."
            ),
            url=reverse("consultations:evaluate", kwargs={"slug": consultation.slug}),
        )
        invited += 1
    if invited:
        record_event(
            actor=actor,
            action="consultations.evaluation_invited",
            target=consultation,
            data={"invited": invited},
        )
    return invited


def invite_ended_consultations(today: datetime.date | None = None) -> int:
    """The daily sweep: invite the participants of consultations that have ended."""
    today = today or timezone.localdate()
    recent = Consultation.objects.finished(today).filter(
        ends_on__gte=today - datetime.timedelta(days=EVALUATION_WINDOW_DAYS)
    )
    return sum(invite_to_evaluation(actor=None, consultation=c) for c in recent)


@transaction.atomic
def submit_evaluation(
    *,
    actor: Any,
    consultation: Consultation,
    information_clear: int,
    felt_heard: int,
    comment: str = "",
) -> Evaluation:
    if not consultation.is_finished:
        raise ValidationError(
            _("The evaluation opens when the consultation ends."), code="not_finished"
        )
    if actor.pk not in participant_ids(consultation):
        raise ValidationError(
            _("Only people who took part can evaluate the consultation."), code="not_participant"
        )
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                consultation=consultation,
                user=actor,
                information_clear=information_clear,
                felt_heard=felt_heard,
                comment=(comment or "").strip(),
            )
    except IntegrityError as error:
        raise ValidationError(
            _("You have already evaluated this consultation."), code="already"
        ) from error
    record_event(actor=actor, action="consultations.evaluated", target=consultation)
    return evaluation


# --- residents' requests -----------------------------------------------------------


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


def _add_support(*, actor: Any, request: ConsultationRequest) -> Support:
    """Count the actor's support once per person (see ``Support``); at the threshold
    the request goes to the office."""
    key = identity_key_of(actor)
    if key is not None and Support.objects.filter(request=request, identity_key=key).exists():
        raise ValidationError(SUPPORTED_BY_PERSON, code="already_supported_by_person")
    try:
        with transaction.atomic():
            support = Support.objects.create(request=request, user=actor, identity_key=key)
    except IntegrityError as error:
        raise ValidationError(ALREADY_SUPPORTED, code="already_supported") from error
    count = request.supports.count()
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
def support_request(*, actor: Any, request: ConsultationRequest) -> Support:
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
