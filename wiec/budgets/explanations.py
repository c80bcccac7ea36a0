"""The counting engine's answers in the reader's language.

``wiec.tally`` answers in codes: each project's outcome has a ``reason`` and its
``reason_params``, each error a ``code`` and ``params``.  This module is the one place
that turns them into sentences, through the catalogue, when a page or an export is
made; nothing stores the sentences, so results counted years ago read in today's words
and in whichever language the reader chose.  Money in the params is in grosze (the
elections built by ``adapters.election_for`` use ``money_scale=100``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wiec import tally
from wiec.budgets.money import format_pln

# Rules --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleInfo:
    """How a counting rule is named and explained to residents and officials."""

    code: str
    name: Promise
    description: Promise


_RULES = [
    RuleInfo(
        "greedy",
        gettext_lazy("greedy (by votes)"),
        gettext_lazy(
            "Projects are taken from the most votes down; each one is funded if its cost "
            "still fits in what is left of the pool, otherwise it is skipped and the next "
            "one is tried."
        ),
    ),
    RuleInfo(
        "greedy-threshold",
        gettext_lazy("greedy with a threshold"),
        gettext_lazy(
            "Like the greedy rule, but only projects that reached the minimum number of "
            "votes take part; the others are not funded however much money is left."
        ),
    ),
    RuleInfo(
        "greedy-no-skip",
        gettext_lazy("greedy without skipping"),
        gettext_lazy(
            "Projects are taken from the most votes down and counting stops at the first "
            "project that does not fit in what is left; cheaper projects further down are "
            "not tried."
        ),
    ),
    RuleInfo(
        "greedy-custom",
        gettext_lazy("greedy with a reserve (Poznań)"),
        gettext_lazy(
            "Greedy without skipping; when counting stops, the next project is still "
            "funded if what is left covers at least four fifths of its cost, the rest "
            "coming from the reserve."
        ),
    ),
    RuleInfo(
        "equalshares",
        gettext_lazy("Method of Equal Shares (MES)"),
        gettext_lazy(
            "The pool is split into equal shares, one for each voter; a project is funded "
            "when its supporters can pay for it together out of their shares. Large groups "
            "of voters cannot take the whole pool, so smaller groups also get projects; "
            "money their shares cannot pay for stays unspent."
        ),
    ),
    RuleInfo(
        "equalshares/add1",
        gettext_lazy("Method of Equal Shares with completion (MES + Add1)"),
        gettext_lazy(
            "The Method of Equal Shares counted again with each voter's share raised step "
            "by step, for as long as the selected projects still fit in the pool. This is "
            "how cities that use the method spend the money plain equal shares leave over."
        ),
    ),
    RuleInfo(
        "equalshares/add1-comparison",
        gettext_lazy("MES with completion, compared with greedy"),
        gettext_lazy(
            "The Method of Equal Shares with completion; then every voter's ballot is "
            "compared with both outcomes, and the greedy outcome applies if more voters "
            "prefer it."
        ),
    ),
    RuleInfo(
        "equalshares-comparison",
        gettext_lazy("MES compared with greedy"),
        gettext_lazy(
            "The Method of Equal Shares; then every voter's ballot is compared with both "
            "outcomes, and the greedy outcome applies if more voters prefer it."
        ),
    ),
    RuleInfo(
        "phragmen",
        gettext_lazy("sequential Phragmén"),
        gettext_lazy(
            "Voters earn money continuously and a project is bought as soon as its "
            "supporters together have earned its cost, spreading the load evenly among "
            "voters. It counts ballots that tick projects, not points."
        ),
    ),
]
RULES: Mapping[str, RuleInfo] = {r.code: r for r in _RULES}


def rule_name(code: str) -> str:
    """The rule's name in the reader's language (the code itself if unknown)."""
    info = RULES.get(code)
    return str(info.name) if info else code


def rule_description(code: str) -> str:
    info = RULES.get(code)
    return str(info.description) if info else ""


def rule_choices(codes: list[str] | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs for a ``<select>``, in the engine's order."""
    return [(c, rule_name(c)) for c in (codes if codes is not None else list(tally.RULES))]


# Outcomes -----------------------------------------------------------------------------


def _money(value: Any) -> str:
    return format_pln(round(value)) if value is not None else ""


def _votes(n: int) -> str:
    return ngettext("%(count)s vote", "%(count)s votes", n) % {"count": n}


def _people(n: int) -> str:
    return ngettext("%(count)s person", "%(count)s people", n) % {"count": n}


def _points(n: int) -> str:
    return ngettext("%(count)s point", "%(count)s points", n) % {"count": n}


def explain(
    reason: str,
    params: Mapping[str, Any],
    *,
    votes: int,
    score: int,
    cost: int,
    titles: Mapping[str, str] | None = None,
) -> str:
    """Say in the reader's language why a project was selected or not.

    ``titles`` maps the engine's project ids (proposal pks as text) to titles, so that
    a conflict names the other project.  An unknown reason gives a neutral sentence
    rather than an error: a page of results never fails on one row.
    """
    p = dict(params)
    other = str(p.get("other", ""))
    values = {
        "votes": _votes(votes),
        "score": _points(score),
        "cost": _money(p.get("cost", cost)),
        "left": _money(p.get("left")),
        "reserve": _money(p.get("reserve")),
        "payment": _money(p.get("payment")),
        "money_behind": _money(p.get("money_behind")),
        "threshold": p.get("threshold", ""),
        "round": p.get("round", ""),
        "other": (titles or {}).get(other, other),
        "prefers_mes": _people(int(p.get("prefers_mes") or 0)),
        "prefers_greedy": _people(int(p.get("prefers_greedy") or 0)),
    }
    template = _sentence(reason)
    if template is None:
        return _("No explanation is available for this outcome.")
    text = template % values
    if reason == "mes-not-selected":
        text = " ".join([text, *_what_would_have_won(p)])
    return text


def _sentence(reason: str) -> str | None:
    sentences = {
        "selected": _(
            "Selected: %(votes)s (%(score)s); its cost of %(cost)s fitted in what was left."
        ),
        "selected-reserve": _(
            "Selected from the reserve: it did not fit (%(cost)s, %(left)s left), but what "
            "was left covered at least 80%% of its cost, so the missing %(reserve)s came "
            "from the reserve."
        ),
        "did-not-fit": _(
            "Not selected: %(votes)s, but it cost %(cost)s and only %(left)s was left."
        ),
        "stopped": _(
            "Not selected: counting stopped at the first project that did not fit (no-skip rule)."
        ),
        "below-threshold": _(
            "Did not take part: %(score)s, below the required minimum of %(threshold)s."
        ),
        "excluded-conflict": _(
            "Excluded: it cannot be carried out together with the selected project “%(other)s”."
        ),
        "no-support": _("Not selected: nobody voted for it."),
        "mes-selected": _(
            "Selected in round %(round)s by the Method of Equal Shares: %(votes)s; its "
            "supporters paid at most %(payment)s each out of their equal shares."
        ),
        "mes-not-selected": _(
            "Not selected: %(votes)s; its supporters had %(money_behind)s left between "
            "them for a project costing %(cost)s, not enough against projects with broader "
            "support for their cost."
        ),
        "phragmen-selected": _("Selected in round %(round)s by sequential Phragmén: %(votes)s."),
        "phragmen-not-selected": _(
            "Not selected: %(votes)s; it did not fit in the budget when its turn came."
        ),
        "comparison-greedy": _(
            "Selected: in the comparison step more voters preferred the greedy outcome "
            "(%(prefers_greedy)s to %(prefers_mes)s), so it applies."
        ),
    }
    return sentences.get(reason)


def _what_would_have_won(p: Mapping[str, Any]) -> list[str]:
    out = []
    if p.get("max_cost") is not None:
        out.append(
            _("It would have been selected had it cost at most %(cost)s.")
            % {"cost": _money(p["max_cost"])}
        )
    if p.get("more_supporters") is not None:
        n = int(p["more_supporters"])
        out.append(
            ngettext(
                "It would have been selected with about %(count)s more supporter.",
                "It would have been selected with about %(count)s more supporters.",
                n,
            )
            % {"count": n}
        )
    return out


# Errors -------------------------------------------------------------------------------

_VOTE_TYPES = {
    "approval": gettext_lazy("ticking projects"),
    "choose-1": gettext_lazy("choosing one project"),
    "ordinal": gettext_lazy("ranking projects"),
    "cumulative": gettext_lazy("giving points"),
    "scoring": gettext_lazy("giving points"),
}


def error_message(code: str, params: Mapping[str, Any] | None = None) -> str:
    """A counting engine error (``TallyError.code`` and ``params``) in words."""
    p = dict(params or {})
    values = {
        "rule": rule_name(str(p.get("rule", ""))),
        "vote_type": str(_VOTE_TYPES.get(str(p.get("vote_type", "")), p.get("vote_type", ""))),
        "project": p.get("project", ""),
        "voter": p.get("voter", ""),
        "value": next(
            (p[k] for k in ("utilities", "tie_break", "budget", "money_scale", "cost") if k in p),
            "",
        ),
        "source": p.get("source", ""),
        "target": p.get("target", ""),
    }
    messages = {
        "unsupported_vote_type": _(
            "The rule “%(rule)s” cannot count these ballots: it needs ballots that tick "
            "projects, and in this pool residents vote by %(vote_type)s."
        ),
        "no_rule": _("No counting rule is set for this pool."),
        "unknown_rule": _("“%(rule)s” is not a counting rule Wiec knows."),
        "unknown_utilities": _("“%(value)s” is not a way of measuring satisfaction Wiec knows."),
        "unknown_tie_break": _("“%(value)s” is not a way of breaking ties Wiec knows."),
        "invalid_cost": _("Project %(project)s has a cost that cannot be counted (%(value)s)."),
        "invalid_budget": _("The pool's amount cannot be counted (%(value)s)."),
        "invalid_money_scale": _("The unit of money cannot be used (%(value)s)."),
        "duplicate_project": _("Project %(project)s is on the ballot twice."),
        "unknown_project": _("A ballot names project %(project)s, which is not on the ballot."),
        "repeated_project": _("Ballot %(voter)s names the same project twice."),
        "points_mismatch": _("Ballot %(voter)s does not give points to each project it names."),
        "duplicate_voter": _("Voter %(voter)s has more than one ballot."),
        "unknown_pool": _(
            "Money cannot move from pool %(source)s to pool %(target)s: there is no such pool."
        ),
        "transfer_order": _(
            "Money can only move from pool %(source)s to pool %(target)s "
            "once %(source)s has been counted."
        ),
    }
    template = messages.get(code)
    if template is None:
        return _("The ballots could not be counted (error “%(code)s”).") % {"code": code}
    return template % values


def tally_error_message(error: tally.TallyError) -> str:
    return error_message(error.code, error.params)
