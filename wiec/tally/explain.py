"""Sentences in Polish and English saying why a project won or lost.

The reason itself is data (a code and its parameters, see ``ProjectResult``); these
templates are the library's own wording for the CLI and for cities using it without the
web app, which translates the codes itself.  Polish needs three plural forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def plural_pl(n: int, one: str, few: str, many: str) -> str:
    """Polish plural: 1 głos, 2-4 głosy, 5-21 głosów, 22-24 głosy..."""
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def money(amount: int | float, scale: int) -> str:
    """Format an amount kept in the election's smallest unit as złoty."""
    value = amount / scale
    text = f"{value:,.2f}" if scale > 1 and value != int(value) else f"{round(value):,}"
    return text.replace(",", "\u00a0") + "\u00a0zł"


def _votes_pl(n: int) -> str:
    return f"{n} {plural_pl(n, 'głos', 'głosy', 'głosów')}"


def _votes_en(n: int) -> str:
    return f"{n} vote" + ("" if n == 1 else "s")


def _people_pl(n: int) -> str:
    return f"{n} {plural_pl(n, 'osobę', 'osoby', 'osób')}"


def explain(reason: str, params: Mapping[str, Any], scale: int) -> tuple[str, str]:
    """Return the (Polish, English) explanation of ``reason``."""
    p = dict(params)
    for key in ("cost", "left", "reserve", "max_cost", "payment", "money_behind"):
        if key in p and p[key] is not None:
            p[key] = money(p[key], scale)
    if "votes" in p:
        p["votes_pl"], p["votes_en"] = _votes_pl(p["votes"]), _votes_en(p["votes"])
    if "score" in p:
        p["score_pl"] = f"{p['score']} pkt"
    pl, en = _TEMPLATES[reason]
    text_pl, text_en = pl.format(**p), en.format(**p)
    if reason == "mes-not-selected":
        parts_pl, parts_en = [], []
        if p.get("max_cost") is not None:
            parts_pl.append(f"gdyby kosztował najwyżej {p['max_cost']}")
            parts_en.append(f"had it cost at most {p['max_cost']}")
        if p.get("more_supporters") is not None:
            n = p["more_supporters"]
            parts_pl.append(f"gdyby poparło go jeszcze około {_people_pl(n)}")
            parts_en.append(f"with about {n} more supporter" + ("" if n == 1 else "s"))
        if parts_pl:
            text_pl += " Zostałby wybrany, " + " albo ".join(parts_pl) + "."
            text_en += " It would have won " + " or ".join(parts_en) + "."
    return text_pl, text_en


_TEMPLATES: dict[str, tuple[str, str]] = {
    "selected": (
        "Wybrany: {votes_pl} ({score_pl}), koszt {cost} mieścił się w pozostałej kwocie.",
        "Selected: {votes_en} (score {score}); its cost of {cost} fitted in what was left.",
    ),
    "selected-reserve": (
        "Wybrany z rezerwy: nie mieścił się ({cost}, zostało {left}), ale pozostała kwota "
        "pokrywała co najmniej 80% kosztu, więc brakujące {reserve} dołożono z rezerwy.",
        "Selected from the reserve: it did not fit ({cost}, {left} left), but what was left "
        "covered at least 80% of its cost, so the missing {reserve} came from the reserve.",
    ),
    "did-not-fit": (
        "Niewybrany: {votes_pl}, ale kosztował {cost}, a zostało tylko {left}.",
        "Not selected: {votes_en}, but it cost {cost} and only {left} was left.",
    ),
    "stopped": (
        "Niewybrany: liczenie zatrzymało się na pierwszym projekcie, który się nie "
        "zmieścił (zasada bez pomijania).",
        "Not selected: counting stopped at the first project that did not fit (no-skip rule).",
    ),
    "below-threshold": (
        "Nie brał udziału w podziale: {score_pl}, mniej niż wymagane minimum {threshold}.",
        "Did not take part: a score of {score}, below the required minimum of {threshold}.",
    ),
    "excluded-conflict": (
        "Wykluczony: wyklucza się z wybranym projektem {other}.",
        "Excluded: it is mutually exclusive with the selected project {other}.",
    ),
    "no-support": (
        "Niewybrany: nikt na niego nie głosował.",
        "Not selected: nobody voted for it.",
    ),
    "mes-selected": (
        "Wybrany w rundzie {round} metodą równych udziałów: {votes_pl}, jego zwolennicy "
        "zapłacili za niego najwyżej po {payment} ze swoich równych udziałów.",
        "Selected in round {round} by the Method of Equal Shares: {votes_en}; its supporters "
        "paid at most {payment} each out of their equal shares.",
    ),
    "mes-not-selected": (
        "Niewybrany: {votes_pl}; jego zwolennikom zostało razem {money_behind} na projekt "
        "za {cost}, za mało wobec projektów popieranych szerzej w stosunku do kosztu.",
        "Not selected: {votes_en}; its supporters had {money_behind} left between them for "
        "a project costing {cost}, not enough against projects with broader support for "
        "their cost.",
    ),
    "phragmen-selected": (
        "Wybrany w rundzie {round} sekwencyjną metodą Phragména: {votes_pl}.",
        "Selected in round {round} by sequential Phragmén: {votes_en}.",
    ),
    "phragmen-not-selected": (
        "Niewybrany: {votes_pl}; nie zmieścił się w budżecie, gdy przyszła jego kolej.",
        "Not selected: {votes_en}; it did not fit in the budget when its turn came.",
    ),
    "comparison-greedy": (
        "Wybrany: w kroku porównania więcej głosujących wolało wynik metody zachłannej "
        "({prefers_greedy} do {prefers_mes}), więc obowiązuje on.",
        "Selected: in the comparison step more voters preferred the greedy outcome "
        "({prefers_greedy} to {prefers_mes}), so it applies.",
    ),
}
