"""Setting a consultation up: its card, document and map categories."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wiec.consultations.models import (
    Consultation,
    MapCategory,
    Paragraph,
    Remark,
    split_heading,
)
from wiec.core.access import ensure
from wiec.core.services import record_event, save_unique
from wiec.places.models import City

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
    """Paragraphs of a plain-text or Markdown document: blocks between blank lines.

    A heading is not a paragraph: residents comment on text, not on chapter titles.
    Heading blocks are kept with the paragraph that follows them, so paragraph
    numbers count only text (a heading at the very end stays a block of its own).
    """
    blocks = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))
    paragraphs: list[str] = []
    headings: list[str] = []
    for block in (block.strip() for block in blocks):
        if not block:
            continue
        if not split_heading(block)[1]:
            headings.append(block)
            continue
        paragraphs.append("\n\n".join([*headings, block]))
        headings = []
    if headings:
        paragraphs.append("\n\n".join(headings))
    return paragraphs


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
