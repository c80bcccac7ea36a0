"""Open data: each pool as a pabulib file, projects and results as CSV and XLSX."""

from __future__ import annotations

import io

from wiec import tally
from wiec.budgets.adapters import election_for
from wiec.budgets.models import CountRun, PoolResult
from wiec.core.tables import csv_writer, safe_row

COLUMNS = [
    "pool",
    "project_id",
    "title",
    "cost_pln",
    "votes",
    "score",
    "selected",
    "status",
    "explanation",
]


def pool_pabulib(pool_result: PoolResult) -> str:
    results = {r.proposal_id: (r.votes, r.score, r.selected) for r in pool_result.projects.all()}
    election = election_for(pool_result.pool, with_results=results)
    return tally.write_pabulib(election)


def result_rows(run: CountRun) -> list[list]:
    """One row per project; the explanation in the reader's language."""
    rows = []
    for pool_result in run.pools.select_related("pool"):
        projects = list(pool_result.projects.select_related("proposal"))
        titles = {str(r.proposal_id): r.proposal.title for r in projects}
        for r in projects:
            rows.append(
                [
                    pool_result.pool.name,
                    r.proposal_id,
                    r.proposal.title,
                    r.cost / 100,
                    r.votes,
                    r.score,
                    int(r.selected),
                    r.status,
                    r.explain(titles),
                ]
            )
    return rows


def results_csv(run: CountRun) -> str:
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    writer.writerows(result_rows(run))
    return out.getvalue()


def results_xlsx(run: CountRun) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("wyniki")
    sheet.append(COLUMNS)
    for row in result_rows(run):
        sheet.append(safe_row(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
