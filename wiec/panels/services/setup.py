"""Setting a panel up: what is missing, what may change once it has started."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wiec.core.services import record_event
from wiec.panels.models import (
    CitizensPanel,
    FeatureKind,
)
from wiec.panels.services.quota_setting import _panel_is_drawn

STANDARD_QUESTIONS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    ("sex", FeatureKind.SEX, _("Sex"), [("female", _("female")), ("male", _("male"))]),
    (
        "age",
        FeatureKind.AGE_GROUP,
        _("Age group"),
        [
            ("16-29", _("16–29")),
            ("30-44", _("30–44")),
            ("45-64", _("45–64")),
            ("65+", _("65 or more")),
        ],
    ),
    ("district", FeatureKind.DISTRICT, _("District"), []),
    (
        "education",
        FeatureKind.EDUCATION,
        _("Education"),
        [
            ("basic", _("primary or vocational")),
            ("secondary", _("secondary")),
            ("higher", _("higher")),
        ],
    ),
]


RESERVED_SLUGS = frozenset({"nowy"})
ADDRESS_TAKEN = _("This municipality already has a panel at this address.")

#: Fields that stop changing once something depends on them.
FIXED_AFTER_DRAW = ("panel_size", "reserves_count")
FIXED_AFTER_APPLICATIONS = ("uses_invitations",)
FIXED_AFTER_RESULTS = (
    "voting_opens_at",
    "voting_closes_at",
    "binding_threshold",
    "advisory_threshold",
    "denominator",
)


def panel_problems(panel: CitizensPanel) -> dict[str, list[ValidationError]]:
    """What is wrong with a panel's settings, by field, in words an organiser reads.

    The database refuses the same (see the model's check constraints); saying it
    here first names the field and the rule.
    """
    problems: dict[str, list[ValidationError]] = {}

    def add(field: str, message: Any, code: str, **params: Any) -> None:
        problems.setdefault(field, []).append(
            ValidationError(message, code=code, params=params or None)
        )

    if panel.slug in RESERVED_SLUGS:
        add("slug", _("This address is reserved; choose another."), "reserved_slug")
    elif (
        CitizensPanel.objects.filter(city_id=panel.city_id, slug=panel.slug)
        .exclude(pk=panel.pk)
        .exists()
    ):
        add("slug", ADDRESS_TAKEN, "slug_taken")
    if panel.panel_size is not None and panel.panel_size < 2:
        add("panel_size", _("A panel needs at least 2 seats."), "too_small")
    dates = [
        (
            "recruitment_starts",
            "recruitment_ends",
            False,
            _("Recruitment cannot end before it starts."),
        ),
        (
            "recruitment_ends",
            "deliberation_starts",
            True,
            _("Deliberation starts after recruitment ends: the lottery is held in between."),
        ),
        (
            "deliberation_starts",
            "recommendations_start",
            False,
            _("The recommendations phase cannot start before deliberation."),
        ),
        (
            "recommendations_start",
            "monitoring_starts",
            False,
            _("Monitoring cannot start before the recommendations phase."),
        ),
    ]
    for earlier, later, strict, message in dates:
        first, second = getattr(panel, earlier), getattr(panel, later)
        if first is None or second is None:
            continue
        if second < first or (strict and second == first):
            add(later, message, "dates_out_of_order")
    opens, closes = panel.voting_opens_at, panel.voting_closes_at
    if (opens is None) != (closes is None):
        add(
            "voting_closes_at" if closes is None else "voting_opens_at",
            _("Give both the opening and the closing of the vote, or neither."),
            "half_window",
        )
    elif opens is not None and closes is not None and closes <= opens:
        add("voting_closes_at", _("The vote must close after it opens."), "window_order")
    binding, advisory = panel.binding_threshold, panel.advisory_threshold
    if binding is not None and binding > 100:
        add("binding_threshold", _("A threshold is a percentage: at most 100."), "over_100")
    if binding is not None and advisory is not None and advisory > binding:
        add(
            "advisory_threshold",
            _(
                "The advisory threshold (%(advisory)s%%) cannot be above the binding one "
                "(%(binding)s%%)."
            ),
            "thresholds_order",
            advisory=advisory,
            binding=binding,
        )
    return problems


def _fixed_fields(panel: CitizensPanel, before: CitizensPanel) -> dict[str, list[ValidationError]]:
    problems: dict[str, list[ValidationError]] = {}
    rules = [
        (
            FIXED_AFTER_DRAW,
            _panel_is_drawn(before),
            _("The panel has been drawn; this can no longer change."),
        ),
        (
            FIXED_AFTER_APPLICATIONS,
            before.respondents.exists(),
            _("Applications have come in; this can no longer change."),
        ),
        (
            FIXED_AFTER_RESULTS,
            before.results_published_at is not None,
            _("The results are published; this can no longer change."),
        ),
    ]
    for fields, fixed, message in rules:
        if not fixed:
            continue
        for field in fields:
            if getattr(panel, field) != getattr(before, field):
                problems.setdefault(field, []).append(ValidationError(message, code="fixed"))
    if before.slug != panel.slug:
        problems.setdefault("slug", []).append(
            ValidationError(_("The address cannot change: letters and links use it."), code="fixed")
        )
    return problems


@transaction.atomic
def save_panel(*, actor: Any, panel: CitizensPanel) -> CitizensPanel:
    """Create a panel or change its settings; refuses what would break a rule or
    change something others already rely on (the size after the draw, the thresholds
    after the results)."""
    creating = panel.pk is None
    problems = panel_problems(panel)
    if not creating:
        before = CitizensPanel.objects.select_for_update().get(pk=panel.pk)
        for field, errors in _fixed_fields(panel, before).items():
            problems.setdefault(field, []).extend(errors)
    if problems:
        raise ValidationError(problems)
    panel.full_clean(exclude=["city"])
    panel.save()
    record_event(
        actor=actor,
        action="panels.panel_created" if creating else "panels.panel_changed",
        target=panel,
        data={"slug": panel.slug},
    )
    return panel
