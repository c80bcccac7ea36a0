"""The demographic questions a panel asks its volunteers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wiec.core.services import record_event
from wiec.panels.models import (
    CitizensPanel,
    Feature,
    FeatureKind,
    FeatureValue,
    Respondent,
)
from wiec.panels.services.quota_setting import _panel_is_drawn
from wiec.panels.services.setup import STANDARD_QUESTIONS


def questions_are_fixed(panel: CitizensPanel) -> bool:
    """No question can be added once applications are in: they could not answer it."""
    return panel.respondents.exists() or _panel_is_drawn(panel)


def question_in_use(feature: Feature) -> bool:
    """An applicant answered this question, so its answers are fixed."""
    return Respondent.objects.filter(
        panel_id=feature.panel_id, answers__has_key=feature.key
    ).exists()


def key_from(label: str, fallback: str) -> str:
    from django.utils.text import slugify

    plain = str(label).translate(str.maketrans("łŁ", "lL"))
    return slugify(plain)[:40].strip("-") or fallback


Answer = str | tuple[str, str]


def _answer_rows(answers: list[Answer]) -> list[tuple[str, str]]:
    """(key, label) per answer; a bare label gets its key from its wording later."""
    rows: list[tuple[str, str]] = []
    for answer in answers:
        key, label = answer if isinstance(answer, tuple) else ("", answer)
        if label.strip():
            rows.append((key.strip(), label.strip()))
    if len(rows) < 2:
        raise ValidationError(_("Give at least two answers, one per line."), code="few_answers")
    seen: set[str] = set()
    for _key, label in rows:
        if len(label) > 200:
            raise ValidationError(
                _("The answer “%(answer)s…” is too long (at most 200 characters)."),
                code="long_answer",
                params={"answer": label[:30]},
            )
        if label.lower() in seen:
            raise ValidationError(
                _("The answer “%(answer)s” is given twice."),
                code="repeated_answer",
                params={"answer": label},
            )
        seen.add(label.lower())
    return rows


def _check_question(panel: CitizensPanel, key: str, label: str, *, exclude: int | None) -> None:
    if not label.strip():
        raise ValidationError(_("Write the question."), code="no_label")
    others = panel.features.exclude(pk=exclude) if exclude else panel.features.all()
    if others.filter(key=key).exists():
        raise ValidationError(
            _("The panel already has a question with the key “%(key)s”; choose another."),
            code="key_taken",
            params={"key": key},
        )


def _set_answers(feature: Feature, rows: list[tuple[str, str]]) -> None:
    """Keep answers whose wording stays (with their keys and quotas), add and remove
    the rest; a new answer's key comes from its wording unless given."""
    existing = {v.label.strip().lower(): v for v in feature.values.all()}
    kept = {
        label.lower(): existing.pop(label.lower())
        for _k, label in rows
        if label.lower() in existing
    }
    FeatureValue.objects.filter(pk__in=[v.pk for v in existing.values()]).delete()
    used_keys = {v.key for v in kept.values()}
    for order, (key, label) in enumerate(rows):
        value = kept.get(label.lower())
        if value is not None:
            value.label, value.order = label, order
            value.save(update_fields=["label", "order"])
            continue
        base = key or key_from(label, f"a{order + 1}")
        key, n = base, 2
        while key in used_keys:
            key, n = f"{base[:36]}-{n}", n + 1
        used_keys.add(key)
        FeatureValue.objects.create(feature=feature, key=key, label=label, order=order)


@transaction.atomic
def add_standard_questions(*, actor: Any, panel: CitizensPanel) -> list[Feature]:
    """Sex, age group, district (the city's districts) and education, in the panel's
    language at the time (labels are stored, so each panel can word its own).

    Questions already there are kept; nothing is added once applications are in.
    """
    from wiec.places.selectors import districts_of

    if questions_are_fixed(panel):
        raise ValidationError(
            _("Applications have come in; the questions can no longer change."), code="fixed"
        )
    features = []
    start = panel.features.count()
    for order, (key, kind, label, answers) in enumerate(STANDARD_QUESTIONS, start=start):
        feature, created = Feature.objects.get_or_create(
            panel=panel, key=key, defaults={"label": str(label), "kind": kind, "order": order}
        )
        features.append(feature)
        if not created:
            continue
        if kind == FeatureKind.DISTRICT:
            answers = [(d.slug, d.name) for d in districts_of(panel.city)]
        FeatureValue.objects.bulk_create(
            [
                FeatureValue(feature=feature, key=k, label=str(v), order=n)
                for n, (k, v) in enumerate(answers)
            ]
        )
    record_event(actor=actor, action="panels.questions_added", target=panel, data={})
    return features


@transaction.atomic
def add_question(
    *, actor: Any, panel: CitizensPanel, label: str, answers: list[Answer], key: str = ""
) -> Feature:
    """A custom demographic question (e.g. attitude to the topic) with its answers,
    one label each; keys (CSV columns and values) are made from the wording."""
    CitizensPanel.objects.select_for_update().get(pk=panel.pk)
    if questions_are_fixed(panel):
        raise ValidationError(
            _("Applications have come in; the questions can no longer change."), code="fixed"
        )
    key = key.strip() or key_from(label, f"q{panel.features.count() + 1}")
    _check_question(panel, key, label, exclude=None)
    labels = _answer_rows(answers)
    order = (panel.features.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    feature = Feature(
        panel=panel, key=key, label=label.strip(), kind=FeatureKind.CUSTOM, order=order
    )
    feature.full_clean(exclude=["panel"])
    feature.save()
    _set_answers(feature, labels)
    record_event(actor=actor, action="panels.question_added", target=feature, data={"key": key})
    return feature


def _lock_question(feature: Feature) -> Feature:
    CitizensPanel.objects.select_for_update().get(pk=feature.panel_id)
    feature = Feature.objects.select_related("panel").get(pk=feature.pk)
    if question_in_use(feature) or _panel_is_drawn(feature.panel):
        raise ValidationError(
            _("Applicants have answered “%(question)s”; it can no longer change."),
            code="in_use",
            params={"question": feature.label},
        )
    return feature


@transaction.atomic
def edit_question(
    *, actor: Any, feature: Feature, label: str, answers: list[Answer], key: str = ""
) -> Feature:
    """Reword a question and its answers while no applicant has answered it."""
    feature = _lock_question(feature)
    key = key.strip() or feature.key
    _check_question(feature.panel, key, label, exclude=feature.pk)
    labels = _answer_rows(answers)
    feature.key, feature.label = key, label.strip()
    feature.full_clean(exclude=["panel"])
    feature.save(update_fields=["key", "label"])
    _set_answers(feature, labels)
    record_event(
        actor=actor,
        action="panels.question_changed",
        target=feature,
        data={"key": key, "answers": [label for _k, label in labels]},
    )
    return feature


@transaction.atomic
def remove_question(*, actor: Any, feature: Feature) -> None:
    """Remove a question (and its quotas) while no applicant has answered it."""
    feature = _lock_question(feature)
    panel, key = feature.panel, feature.key
    feature.delete()
    record_event(actor=actor, action="panels.question_removed", target=panel, data={"key": key})
