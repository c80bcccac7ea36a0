"""Reading and writing the CSV format of ``../shared/data/sortition``.

``categories.csv`` has the columns ``category,feature,min,max`` (one row per quota);
``respondents.csv`` has one column per category and one row per person. Other
columns are kept as features and ignored by the quotas; an optional id column and
household column can be named. The writers produce the same format so the web app
can publish a panel's inputs and anyone can re-run the draw with the CLI.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from wiec.sortition.errors import InputError
from wiec.sortition.model import Pool, Quota

QUOTA_COLUMNS = ("category", "feature", "min", "max")
Source = str | Path | IO[str]


@contextmanager
def _open(source: Source, mode: str = "r") -> Iterator[IO[str]]:
    if isinstance(source, str | Path):
        encoding = "utf-8-sig" if "r" in mode else "utf-8"
        with open(source, mode, encoding=encoding, newline="") as f:
            yield f
    else:
        yield source


def _name(source: Source) -> str:
    return str(source) if isinstance(source, str | Path) else getattr(source, "name", "<stream>")


def _reader(f: IO[str], name: str, required: Iterable[str]) -> csv.DictReader[str]:
    reader = csv.DictReader(f)
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        raise InputError(f"{name} is empty", code="empty_file", params={"file": name})
    reader.fieldnames = header
    for column in required:
        if column not in header:
            raise InputError(
                f"{name} has no column {column!r} (columns: {', '.join(header)})",
                code="missing_column",
                params={"file": name, "column": column, "columns": header},
            )
    return reader


def read_quotas(source: Source) -> tuple[Quota, ...]:
    """Quotas from a ``category,feature,min,max`` CSV, in file order."""
    name = _name(source)
    quotas = []
    with _open(source) as f:
        for line, row in enumerate(_reader(f, name, QUOTA_COLUMNS), start=2):
            bounds = []
            for column in ("min", "max"):
                text = (row[column] or "").strip()
                try:
                    bounds.append(int(text))
                except ValueError:
                    raise InputError(
                        f"{name} line {line}: {column} {text!r} is not a whole number",
                        code="not_a_number",
                        params={"file": name, "line": line, "column": column, "value": text},
                    ) from None
            category = (row["category"] or "").strip()
            value = (row["feature"] or "").strip()
            quotas.append(Quota(category, value, bounds[0], bounds[1]))
    return tuple(quotas)


def read_pool(
    source: Source,
    *,
    categories: Sequence[str] = (),
    id_column: str | None = None,
    household_column: str | None = None,
) -> Pool:
    """People from a respondents CSV, in file order.

    ``categories`` are required columns (those with quotas), checked here so a missing
    column is reported as such rather than as a missing value on row 1. Without
    ``id_column`` a person's id is their 0-based row number.
    """
    name = _name(source)
    required = [*categories, *(c for c in (id_column, household_column) if c)]
    with _open(source) as f:
        rows = [
            {k: (v or "").strip() for k, v in row.items() if k is not None}
            for row in _reader(f, name, dict.fromkeys(required))
        ]
    return Pool.from_rows(rows, id_key=id_column, household_key=household_column)


def write_quotas(quotas: Sequence[Quota], dest: Source) -> None:
    with _open(dest, "w") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(QUOTA_COLUMNS)
        for q in quotas:
            writer.writerow([q.category, q.value, q.min, q.max])


def write_pool(
    pool: Pool,
    dest: Source,
    *,
    categories: Sequence[str] | None = None,
    id_column: str | None = "id",
    household_column: str = "household",
) -> None:
    """Write people one row each; ``categories`` defaults to every feature seen.

    The household column is written only when someone has a household key.
    """
    if categories is None:
        categories = list(dict.fromkeys(c for p in pool for c in p.features))
    header = [*([id_column] if id_column else []), *categories]
    if pool.has_households:
        header.append(household_column)
    with _open(dest, "w") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for p in pool:
            row = [*([p.id] if id_column else []), *(p.features.get(c, "") for c in categories)]
            if pool.has_households:
                row.append(p.household or "")
            writer.writerow(row)


def write_inputs(directory: str | Path, pool: Pool, quotas: Sequence[Quota]) -> tuple[Path, Path]:
    """``categories.csv`` and ``respondents.csv`` in ``directory``, for a public re-run.

    Only the quota categories are written: other features may be personal data.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    categories = list(dict.fromkeys(q.category for q in quotas))
    write_quotas(quotas, directory / "categories.csv")
    write_pool(pool, directory / "respondents.csv", categories=categories)
    return directory / "categories.csv", directory / "respondents.csv"


def quotas_to_text(quotas: Sequence[Quota]) -> str:
    buffer = io.StringIO()
    write_quotas(quotas, buffer)
    return buffer.getvalue()
