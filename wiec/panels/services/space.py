"""The panel's online space between sessions: discussion and questions to the experts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wiec.core.access import ensure
from wiec.core.services import notify, record_event
from wiec.panels.models import (
    CitizensPanel,
    Panelist,
    PanelistKind,
    PostKind,
    SpacePost,
)
from wiec.panels.selectors import ACTIVE

#: The notification kind of a new post or answer in a panel's space.
SPACE_KIND = "panel_space"


def _members(panel: CitizensPanel) -> list[Any]:
    seats = Panelist.objects.filter(
        panel=panel, kind=PanelistKind.MEMBER, status__in=ACTIVE, user__isnull=False
    ).select_related("user")
    return [seat.user for seat in seats]


@transaction.atomic
def post_to_space(
    *, actor: Any, panel: CitizensPanel, kind: str, topic: str, text: str
) -> SpacePost:
    """A panelist's (or an organiser's) post; the other panelists are told."""
    ensure(actor, "panels.use_space", panel)
    topic, text = (topic or "").strip(), (text or "").strip()
    errors = {}
    if kind not in PostKind.values:
        errors["kind"] = ValidationError(_("Choose a discussion or a question."), code="kind")
    if not topic:
        errors["topic"] = ValidationError(_("Give the topic."), code="topic")
    if not text:
        errors["text"] = ValidationError(_("Write your post."), code="text")
    if errors:
        raise ValidationError(errors)
    post = SpacePost.objects.create(
        panel=panel, author=actor, kind=kind, topic=topic[:120], text=text[:4000]
    )
    record_event(actor=actor, action="panels.space_posted", target=panel, data={"post": post.pk})
    url = reverse("panels:space", args=[panel.slug]) + f"#post-{post.pk}"
    subject = (
        format_lazy(_("A new question to the experts: {topic}"), topic=post.topic)
        if kind == PostKind.QUESTION
        else format_lazy(_("A new post in the panel's space: {topic}"), topic=post.topic)
    )
    for member in _members(panel):
        if member.pk != actor.pk:
            notify(
                recipient=member, subject=subject, body=post.text[:300], url=url, kind=SPACE_KIND
            )
    return post


@transaction.atomic
def answer_question(*, actor: Any, post: SpacePost, answer: str) -> SpacePost:
    """The organisers give the experts' answer; the panelists are told."""
    post = SpacePost.objects.select_for_update().get(pk=post.pk)
    ensure(actor, "panels.answer_question", post.panel)
    if post.kind != PostKind.QUESTION:
        raise ValidationError(_("Only a question to the experts is answered."), code="kind")
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")}, code="empty")
    post.answer = answer[:4000]
    post.answered_by = actor
    post.answered_at = timezone.now()
    post.save(update_fields=["answer", "answered_by", "answered_at"])
    record_event(
        actor=actor, action="panels.question_answered", target=post.panel, data={"post": post.pk}
    )
    url = reverse("panels:space", args=[post.panel.slug]) + f"#post-{post.pk}"
    subject = format_lazy(_("The experts answered: {topic}"), topic=post.topic)
    for member in _members(post.panel):
        notify(recipient=member, subject=subject, body=post.answer[:300], url=url, kind=SPACE_KIND)
    return post
