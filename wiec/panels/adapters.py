"""The only place that turns panel rows into wiec.sortition inputs and back.

The inputs are written in the engine's CSV format first (categories.csv and
respondents.csv, anonymous: one column per quota category, row numbers as ids, an
anonymised household column when needed) and the engine's pool is read back from
that very text, so the web draw and ``python -m wiec.sortition`` on the published
files see byte-for-byte the same inputs.

What respondents.csv publishes, and why (GDPR art. 5(1)(c), data minimisation): the
draw cannot be re-run by anyone without every applicant's answers to the questions
that have quotas, so those answers, and nothing else, are published: no names, no
contact details, no answers to questions without quotas, and households only as
``h1``, ``h2``… where two applicants share one. Rows are grouped by their answers and
ordered within a group by a keyed hash (the site's secret), so a row number says
nothing about who applied when, and rows are never linked to the ids under which
panelists appear on the site (``Panelist.anonymous_id``, see ``seat_ids``). A
combination of answers shared by few applicants is not suppressed or merged: the
quotas are checked against the real answers, and a file with merged answers would no
longer reproduce the draw; the page says so.
"""

from __future__ import annotations

import io
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.crypto import salted_hmac

from wiec import sortition
from wiec.panels.models import CitizensPanel, Feature
from wiec.sortition.io import read_pool, read_quotas, write_pool, write_quotas

HOUSEHOLD_COLUMN = "household"
ALGORITHM = "leximin"


@dataclass(frozen=True)
class Inputs:
    """The published inputs of one lottery and the respondents behind each row."""

    categories_csv: str
    respondents_csv: str
    respondent_ids: tuple[int, ...]
    household_column: str
    panel_size: int

    def quotas(self) -> tuple[sortition.Quota, ...]:
        return read_quotas(io.StringIO(self.categories_csv))

    def pool(self) -> sortition.Pool:
        categories = list(dict.fromkeys(q.category for q in self.quotas()))
        return read_pool(
            io.StringIO(self.respondents_csv),
            categories=categories,
            household_column=self.household_column or None,
        )


def quota_features(panel: CitizensPanel) -> list[Feature]:
    """The panel's questions that have quotas (the lottery's categories)."""
    features = panel.features.prefetch_related("values")
    return [f for f in features if any(v.has_quota for v in f.values.all())]


def engine_quotas(panel: CitizensPanel) -> list[sortition.Quota]:
    return [
        sortition.Quota(f.key, v.key, v.quota_min, v.quota_max)
        for f in quota_features(panel)
        for v in f.values.all()
        if v.has_quota
    ]


def build_inputs(panel: CitizensPanel) -> Inputs:
    """The panel's pool and quotas as the engine's CSV files (respondents by id order)."""
    quotas = engine_quotas(panel)
    categories = list(dict.fromkeys(q.category for q in quotas))
    respondents = sorted(
        panel.respondents.all(),
        key=lambda r: (
            tuple(str(r.answers.get(c, "")) for c in categories),
            _secret_order(panel, r.pk),
        ),
    )
    counts: dict[str, int] = {}
    for r in respondents:
        if r.household_hash:
            counts[r.household_hash] = counts.get(r.household_hash, 0) + 1
    # Only shared households matter to the draw; they are renamed h1, h2, ... in order.
    names: dict[str, str] = {}
    for r in respondents:
        if counts.get(r.household_hash, 0) > 1 and r.household_hash not in names:
            names[r.household_hash] = f"h{len(names) + 1}"
    people = [
        sortition.Person(
            str(row),
            {c: str(r.answers.get(c, "")) for c in categories},
            names.get(r.household_hash),
        )
        for row, r in enumerate(respondents)
    ]
    pool_text = io.StringIO()
    write_pool(sortition.Pool(tuple(people)), pool_text, categories=categories, id_column=None)
    quotas_text = io.StringIO()
    write_quotas(quotas, quotas_text)
    return Inputs(
        categories_csv=quotas_text.getvalue(),
        respondents_csv=pool_text.getvalue(),
        respondent_ids=tuple(r.pk for r in respondents),
        household_column=HOUSEHOLD_COLUMN if names else "",
        panel_size=panel.panel_size,
    )


def _secret_order(panel: CitizensPanel, pk: int, purpose: str = "rows") -> str:
    """A keyed hash that orders applicants in a way known only to the site."""
    return salted_hmac(f"wiec.panels.{purpose}.{panel.pk}", str(pk)).hexdigest()


def seat_ids(panel: CitizensPanel, respondent_ids: Sequence[int]) -> list[str]:
    """Public ids of the people drawn (``P01``, ``P02``…), numbered in a secret order.

    They are deliberately not the rows of respondents.csv: a panelist's id appears on
    session and vote pages, and must not lead anyone to that person's answers.
    """
    order = sorted(
        range(len(respondent_ids)), key=lambda i: _secret_order(panel, -respondent_ids[i])
    )
    ids = [""] * len(respondent_ids)
    for number, i in enumerate(order, start=1):
        ids[i] = f"P{number:02d}"
    return ids


def check_feasibility(inputs: Inputs) -> sortition.FeasibilityReport:
    return sortition.check_feasibility(inputs.pool(), inputs.quotas(), inputs.panel_size)


def run_draw(
    inputs: Inputs,
    *,
    seed: str,
    reserves: int,
    progress: sortition.Progress | None = None,
    cancel: sortition.Cancel | None = None,
) -> sortition.Draw:
    """Leximin and the public lottery on exactly the published inputs."""
    return sortition.draw(
        inputs.pool(),
        inputs.quotas(),
        inputs.panel_size,
        seed=seed,
        algorithm=ALGORITHM,
        reserves=reserves,
        progress=progress,
        cancel=cancel,
    )


def cli_command(
    *, panel_size: int, seed: str, reserves: int, household_column: str, algorithm: str
) -> str:
    """The command that re-runs a lottery from the downloaded files."""
    parts: Sequence[str] = [
        "python",
        "-m",
        "wiec.sortition",
        "--categories",
        "categories.csv",
        "--respondents",
        "respondents.csv",
        "--panel-size",
        str(panel_size),
        "--algorithm",
        algorithm,
        "--seed",
        seed,
        "--reserves",
        str(reserves),
        *(["--household-column", household_column] if household_column else []),
    ]
    return shlex.join(parts)


def stored_draw(record: dict) -> sortition.Draw:
    """The engine's record of a draw back from ``Lottery.record`` (``Draw.as_dict``)."""
    return sortition.Draw(
        algorithm=str(record["algorithm"]),
        version=str(record["version"]),
        inputs_hash=str(record["inputs_hash"]),
        seed=str(record["seed"]),
        panel_size=int(record["panel_size"]),
        panel=tuple(int(i) for i in record["panel"]),
        panel_ids=tuple(str(i) for i in record["panel_ids"]),
        reserves=tuple(int(i) for i in record["reserves"]),
        reserve_ids=tuple(str(i) for i in record["reserve_ids"]),
        drawn_panel=int(record["drawn_panel"]),
        distribution=sortition.Distribution.from_dict(record["distribution"]),
    )


def recount_lottery(lottery: Any) -> list[str]:
    """Draw a finished lottery again from its stored seed and files; list what differs.

    The inputs are the stored categories.csv and respondents.csv (what the page
    publishes), the distribution leximin found is the stored record's: the lottery's
    steps are repeated from the seed (``sortition.verify_draw``), so no solver runs.
    """
    differences = []
    inputs = Inputs(
        categories_csv=lottery.categories_csv,
        respondents_csv=lottery.respondents_csv,
        respondent_ids=tuple(lottery.respondent_ids),
        household_column=lottery.household_column,
        panel_size=lottery.panel.panel_size,
    )
    try:
        record = stored_draw(lottery.record)
        pool, quotas = inputs.pool(), inputs.quotas()
    except (KeyError, TypeError, ValueError, sortition.SortitionError) as error:
        return [f"the stored record or files cannot be read ({error})"]
    if record.seed != lottery.seed:
        differences.append(f"the record's seed {record.seed!r}, announced {lottery.seed!r}")
    if record.inputs_hash != lottery.inputs_hash:
        differences.append("the record's inputs hash is not the lottery's")
    if (list(record.panel), list(record.reserves)) != (lottery.panel_rows, lottery.reserve_rows):
        differences.append("the stored panel or reserves are not the record's")
    if len(lottery.respondent_ids) != len(pool.people):
        differences.append("respondents.csv and the respondents' ids differ in length")
    if not sortition.verify_draw(record, pool, quotas):
        differences.append("drawn again from the seed and files, the panel differs")
    return differences
