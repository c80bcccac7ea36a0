"""Atom feeds of consultations: what is new in the municipality's consultations, and one
consultation's new documents (the consultation opened, materials of its meetings, the
report)."""

from __future__ import annotations

from collections.abc import Iterator

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from wiec.consultations.models import Consultation, ConsultationReport, MeetingMaterial
from wiec.consultations.views.common import consultation_or_404
from wiec.core.feeds import EntryFeed, newest
from wiec.core.participation import FeedEntry


def entries(consultations) -> Iterator[FeedEntry]:
    """The consultations' openings, meeting materials and reports."""
    for c in consultations:
        yield FeedEntry(
            key=f"consultations:consultation:{c.pk}",
            title=c.title,
            url=c.get_absolute_url(),
            summary=c.summary or c.subject,
            updated=c.created_at,
            district_id=c.district_id,
        )
    materials = MeetingMaterial.objects.filter(
        meeting__consultation__in=consultations
    ).select_related("meeting", "meeting__consultation")
    for m in materials:
        c = m.meeting.consultation
        yield FeedEntry(
            key=f"consultations:material:{m.pk}",
            title=f"{c.title}: {m.title}",
            url=c.get_absolute_url(),
            summary=_("New material of the meeting “%(meeting)s”.") % {"meeting": m.meeting.title},
            updated=m.uploaded_at,
            district_id=c.district_id,
        )
    reports = ConsultationReport.objects.filter(consultation__in=consultations).select_related(
        "consultation"
    )
    for r in reports:
        c = r.consultation
        published = _("report published")
        yield FeedEntry(
            key=f"consultations:report:{r.pk}",
            title=f"{c.title}: {published}",
            url=reverse("consultations:report", kwargs={"slug": c.slug}),
            summary=r.conclusions[:500],
            updated=r.published_at,
            district_id=c.district_id,
        )


class ConsultationFeed(EntryFeed):
    """``/konsultacje/<slug>/kanal.atom``: one consultation's new documents."""

    def get_object(self, request: HttpRequest, slug: str) -> Consultation:
        return consultation_or_404(slug)

    def title(self, obj: Consultation) -> str:
        return obj.title

    def link(self, obj: Consultation) -> str:
        return obj.get_absolute_url()

    def subtitle(self, obj: Consultation) -> str:
        return _("New documents of the consultation, newest first.")

    def items(self, obj: Consultation) -> list[FeedEntry]:
        return newest(entries(Consultation.objects.filter(pk=obj.pk)))
