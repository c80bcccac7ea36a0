"""``count``: one entry point for every rule, by its pabulib name."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .errors import RuleError
from .model import Election, Outcome
from .tiebreak import normalize

#: Rule names as in pabulib's ``rule`` field, with what each means.
RULES: Mapping[str, str] = {
    "greedy": "by votes (points), each project funded if it still fits",
    "greedy-threshold": "greedy among projects reaching min_project_score_threshold",
    "greedy-no-skip": "greedy that stops at the first project that does not fit",
    "greedy-custom": "Poznań: no-skip, then the next project from the reserve if what is "
    "left covers 80% of its cost",
    "equalshares": "Method of Equal Shares, no completion",
    "equalshares/add1": "Method of Equal Shares with the Add1 completion",
    "equalshares/add1-comparison": "MES with Add1, then the comparison with greedy",
    "equalshares-comparison": "MES, then the comparison with greedy",
    "phragmen": "sequential Phragmén (approval ballots)",
}

UTILITIES = ("cost", "cardinality")


def count(
    election: Election,
    *,
    rule: str | None = None,
    utilities: str = "cost",
    tie_break: str | Sequence[str] | None = None,
) -> Outcome:
    """Count ``election`` with ``rule`` (default: the election's own ``rule``).

    ``utilities`` matters for the Method of Equal Shares only: ``cost`` (a voter gains
    the cost of each supported winner, as equalshares.net and Polish cities use it) or
    ``cardinality`` (one per supported winner).  ``tie_break`` is a sequence of criteria
    from :mod:`wiec.tally.tiebreak`; the default is documented there.
    """
    name = rule or election.rule
    if not name:
        raise RuleError("no rule given and the election names none", code="no_rule")
    if name not in RULES:
        raise RuleError(
            f"unknown rule {name!r}; known: {', '.join(RULES)}",
            code="unknown_rule",
            params={"rule": name},
        )
    if utilities not in UTILITIES:
        raise RuleError(
            f"unknown utilities {utilities!r}; use cost or cardinality",
            code="unknown_utilities",
            params={"utilities": utilities},
        )
    criteria = normalize(tie_break)
    runner = _DISPATCH[name]
    return runner(election, name, utilities, criteria)


def _greedy(election: Election, name: str, utilities: str, criteria: tuple[str, ...]) -> Outcome:
    from .rules.greedy import POZNAN_RESERVE_SHARE, greedy

    if name == "greedy-no-skip":
        return greedy(election, tie_break=criteria, skip=False, rule=name)
    if name == "greedy-custom":
        return greedy(
            election, tie_break=criteria, skip=False, reserve_share=POZNAN_RESERVE_SHARE, rule=name
        )
    return greedy(election, tie_break=criteria, rule=name)


def _mes(election: Election, name: str, utilities: str, criteria: tuple[str, ...]) -> Outcome:
    from .rules.equalshares import equal_shares

    return equal_shares(
        election,
        utilities=utilities,
        tie_break=criteria,
        completion="add1" if "add1" in name else None,
        comparison="comparison" in name,
        rule=name,
    )


def _phragmen(election: Election, name: str, utilities: str, criteria: tuple[str, ...]) -> Outcome:
    from .rules.phragmen import phragmen

    return phragmen(election, tie_break=criteria)


_DISPATCH: dict[str, Callable[[Election, str, str, tuple[str, ...]], Outcome]] = {
    "greedy": _greedy,
    "greedy-threshold": _greedy,
    "greedy-no-skip": _greedy,
    "greedy-custom": _greedy,
    "equalshares": _mes,
    "equalshares/add1": _mes,
    "equalshares/add1-comparison": _mes,
    "equalshares-comparison": _mes,
    "phragmen": _phragmen,
}
