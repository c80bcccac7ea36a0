"""The engine's errors (code + params) in words an organiser understands."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wiec.panels.models import CitizensPanel, FeatureValue


@dataclass
class Explanation:
    summary: str
    conflicts: list[str] = field(default_factory=list)
    relaxation: list[str] = field(default_factory=list)


def _labels(panel: CitizensPanel) -> dict[tuple[str, str], str]:
    values = FeatureValue.objects.filter(feature__panel=panel).select_related("feature")
    return {(v.feature.key, v.key): f"{v.feature.label}: {v.label}" for v in values}


def _people(n: int) -> str:
    return ngettext("%(count)s person", "%(count)s people", n) % {"count": n}


def explain(panel: CitizensPanel, error: dict[str, Any]) -> Explanation:
    """Translate a stored :meth:`SortitionError.as_dict` (or a feasibility report)."""
    code = error.get("code", "")
    params = error.get("params", {}) or {}
    # Infeasibility errors carry the whole feasibility report; its numbers sit one deeper.
    numbers = params.get("params", params)
    if code == "panel_larger_than_pool":
        return Explanation(
            _(
                "The panel needs %(panel)s but only %(pool)s applied. Recruit more "
                "people or make the panel smaller."
            )
            % {
                "panel": _people(numbers.get("panel_size", 0)),
                "pool": _people(numbers.get("pool_size", 0)),
            }
        )
    if code == "too_few_households":
        return Explanation(
            _(
                "The panel needs %(panel)s, but the applicants come from only %(households)s "
                "households and at most one person per household can be drawn."
            )
            % {
                "panel": _people(numbers.get("panel_size", 0)),
                "households": numbers.get("households", 0),
            }
        )
    if code == "infeasible_quotas":
        labels = _labels(panel)
        report = params
        explanation = Explanation(
            _(
                "No panel of %(panel)s can meet all these quotas at once with the people "
                "who applied. The quotas below clash; changing any one of them helps."
            )
            % {"panel": _people(numbers.get("panel_size", panel.panel_size))}
        )
        for c in report.get("conflicts", []):
            name = labels.get((c["category"], c["value"]), f"{c['category']}={c['value']}")
            if c["bound"] == "min":
                text = _("“%(name)s” needs at least %(limit)s on the panel; %(available)s applied.")
            else:
                text = _("“%(name)s” allows at most %(limit)s on the panel; %(available)s applied.")
            explanation.conflicts.append(
                text % {"name": name, "limit": _people(c["limit"]), "available": c["available"]}
            )
        for r in report.get("relaxation", []):
            name = labels.get((r["category"], r["value"]), f"{r['category']}={r['value']}")
            if r["bound"] == "min":
                text = _("Lower the minimum of “%(name)s” from %(old)s to %(new)s.")
            else:
                text = _("Raise the maximum of “%(name)s” from %(old)s to %(new)s.")
            explanation.relaxation.append(text % {"name": name, "old": r["old"], "new": r["new"]})
        return explanation
    if code == "no_quotas":
        return Explanation(_("Set the quotas before the draw."))
    if code == "empty_pool":
        return Explanation(_("Nobody has applied yet."))
    if code == "unknown_value":
        return Explanation(
            _(
                "An applicant's answer has no quota (%(detail)s). Set quotas for every "
                "answer of that question."
            )
            % {"detail": error.get("message", "")}
        )
    return Explanation(
        _("The lottery could not run: %(detail)s") % {"detail": error.get("message", code)}
    )
