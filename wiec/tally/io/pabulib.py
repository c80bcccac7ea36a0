"""Reading and writing the pabulib ``.pb`` format (https://pabulib.org/format).

The reader is a single pass over the lines with the C ``csv`` module doing the splitting,
so that the 3 MB Warsaw 2026 file reads in a fraction of a second.  Every problem is a
:class:`PabulibError` naming the line, because the files are edited by hand and a city
official must be able to find the mistake.

Money: amounts with decimals (a few district files have budgets such as ``1019940.37``)
are read in grosze (``money_scale=100``) so that all arithmetic stays in integers; the
writer divides back.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from itertools import repeat
from pathlib import Path
from types import MappingProxyType

import numpy as np

from ..errors import ElectionError, PabulibError
from ..model import BallotTable, Election, Project, VoteType

SECTIONS = ("META", "PROJECTS", "VOTES")

# META keys that become typed fields of Election; all others stay in Election.meta.
_INT_META = (
    "min_project_score_threshold", "min_length", "max_length", "min_points", "max_points",
    "min_sum_points", "max_sum_points", "default_score",
)
_MONEY_META = ("budget", "min_sum_cost", "max_sum_cost")
_DERIVED_META = ("num_projects", "num_votes")
# Order in which the writer puts META keys (pabulib's own order); others follow as read.
_META_ORDER = (
    "description", "country", "unit", "district", "subunit", "instance", "num_projects",
    "num_votes", "budget", "vote_type", "rule", "date_begin", "date_end", "min_length",
    "max_length", "min_sum_cost", "max_sum_cost", "min_points", "max_points",
    "min_sum_points", "max_sum_points", "scoring_fn", "default_score",
    "min_project_score_threshold",
)
_PROJECT_TYPED = ("project_id", "cost", "name", "category", "latitude", "longitude", "votes",
                  "score", "selected")
_VOTE_TYPED = ("voter_id", "vote", "points", "age", "sex", "voting_method")


def read_pabulib(source: str | os.PathLike[str]) -> Election:
    """Read a pabulib file, given its path or its text.

    A string containing a newline is taken as the text itself; anything else is a path.
    Raises :class:`PabulibError` whose ``str()`` is ``FILE:LINE: problem``.
    """
    path: str | None = None
    if isinstance(source, os.PathLike) or "\n" not in source:
        path = os.fspath(source)
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PabulibError("file is not UTF-8 text", code="not_utf8", path=path) from exc
        except OSError as exc:
            raise PabulibError(f"cannot read file: {exc.strerror}", code="unreadable",
                               path=path) from exc
    else:
        text = source.lstrip("\ufeff")
    try:
        return parse_pabulib(text)
    except PabulibError as exc:
        raise exc.with_path(path) if path else exc from None


def _num(value: str, line: int, what: str) -> Decimal:
    try:
        number = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        raise PabulibError(f"{what} is not a number: {value!r}", code="not_a_number",
                           line=line, params={"field": what, "value": value}) from None
    if not number.is_finite():
        raise PabulibError(f"{what} is not a number: {value!r}", code="not_a_number",
                           line=line, params={"field": what, "value": value})
    return number


def _int(value: str, line: int, what: str) -> int:
    number = _num(value, line, what)
    if number != number.to_integral_value():
        raise PabulibError(f"{what} must be a whole number: {value!r}", code="not_an_integer",
                           line=line, params={"field": what, "value": value})
    return int(number)


def _decimals(value: str) -> int:
    value = value.strip()
    if "." not in value:
        return 0
    return len(value.split(".", 1)[1].rstrip("0"))


def parse_pabulib(text: str) -> Election:
    """Parse the text of a pabulib file (see :func:`read_pabulib`)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    starts: dict[str, int] = {}
    for n, raw in enumerate(lines):
        word = raw.strip()
        if word in SECTIONS:
            if word in starts:
                raise PabulibError(f"section {word} appears twice", code="duplicate_section",
                                   line=n + 1, params={"section": word})
            starts[word] = n
    for name in SECTIONS:
        if name not in starts:
            raise PabulibError(f"missing section {name}", code="missing_section",
                               line=len(lines), params={"section": name})
    if not starts["META"] < starts["PROJECTS"] < starts["VOTES"]:
        raise PabulibError("sections must come in the order META, PROJECTS, VOTES",
                           code="section_order", line=starts["PROJECTS"] + 1)

    meta_rows = _rows(lines, starts["META"], starts["PROJECTS"])
    project_rows = _rows(lines, starts["PROJECTS"], starts["VOTES"])

    meta: dict[str, tuple[str, int]] = {}
    if meta_rows and [c.strip() for c in meta_rows[0][1]] == ["key", "value"]:
        meta_rows = meta_rows[1:]
    for n, row in meta_rows:
        if len(row) < 2:
            raise PabulibError("META line needs key;value", code="bad_meta", line=n)
        meta[row[0].strip()] = (";".join(row[1:]).strip(), n)
    for key in ("budget", "vote_type"):
        if key not in meta:
            raise PabulibError(f"META has no {key}", code="missing_meta",
                               line=starts["META"] + 1, params={"key": key})

    p_header = [h.strip() for h in project_rows[0][1]] if project_rows else []
    for column in ("project_id", "cost"):
        if column not in p_header:
            raise PabulibError(f"PROJECTS has no {column} column", code="missing_column",
                               line=starts["PROJECTS"] + 2, params={"column": column})
    raw_projects = [(n, dict(zip(p_header, (c.strip() for c in row), strict=False)))
                    for n, row in project_rows[1:]]
    for n, row in project_rows[1:]:
        if len(row) != len(p_header):
            raise PabulibError(
                f"PROJECTS line has {len(row)} fields, the header has {len(p_header)}",
                code="field_count", line=n, params={"found": len(row), "expected": len(p_header)},
            )

    money_values = [meta[k][0] for k in _MONEY_META if k in meta and meta[k][0]]
    money_values += [row.get("cost", "") for _, row in raw_projects]
    places = max((_decimals(v) for v in money_values), default=0)
    money_scale = 1 if places == 0 else 100
    if places > 2:
        raise PabulibError("money amounts have more than two decimals", code="money_precision",
                           line=starts["META"] + 1)

    def money(value: str, line: int, what: str) -> int:
        amount = _num(value, line, what) * money_scale
        if amount != amount.to_integral_value():
            raise PabulibError(f"{what} has more than two decimals: {value!r}",
                               code="money_precision", line=line)
        return int(amount)

    try:
        vote_type = VoteType(meta["vote_type"][0])
    except ValueError:
        raise PabulibError(f"unknown vote_type {meta['vote_type'][0]!r}",
                           code="unknown_vote_type", line=meta["vote_type"][1],
                           params={"vote_type": meta["vote_type"][0]}) from None

    typed: dict[str, object] = {}
    other_meta: dict[str, str] = {}
    for key, (value, n) in meta.items():
        if key in _MONEY_META:
            typed[key] = money(value, n, key) if value else None
        elif key in _INT_META:
            typed[key] = _int(value, n, key) if value else None
        elif key in ("vote_type", "key") or key in _DERIVED_META:
            continue
        elif key == "rule":
            typed["rule"] = value or None
        elif key == "scoring_fn":
            typed["scoring_fn"] = value or None
        else:
            other_meta[key] = value
    # ``key;value`` is the META header line itself, already skipped above.

    projects: list[Project] = []
    seen: dict[str, int] = {}
    for n, row in raw_projects:
        pid = row["project_id"]
        if not pid:
            raise PabulibError("empty project_id", code="empty_project_id", line=n)
        if pid in seen:
            raise PabulibError(f"duplicate project id {pid!r} (first on line {seen[pid]})",
                               code="duplicate_project", line=n, params={"project": pid})
        seen[pid] = n
        extra = {k: v for k, v in row.items() if k not in _PROJECT_TYPED}
        projects.append(Project(
            id=pid,
            cost=money(row["cost"], n, "cost"),
            name=row.get("name", ""),
            category=tuple(c.strip() for c in row["category"].split(",") if c.strip())
            if row.get("category") else (),
            latitude=float(_num(row["latitude"], n, "latitude")) if row.get("latitude") else None,
            longitude=float(_num(row["longitude"], n, "longitude"))
            if row.get("longitude") else None,
            votes=_int(row["votes"], n, "votes") if row.get("votes") else None,
            score=_int(row["score"], n, "score") if row.get("score") else None,
            selected=_int(row["selected"], n, "selected") if row.get("selected") else None,
            extra=MappingProxyType(extra) if extra else MappingProxyType({}),
        ))

    ballots = _parse_votes(lines, starts["VOTES"], len(lines),
                           {pid: k for k, pid in enumerate(seen)}, vote_type)
    # A file cut at a line boundary still parses; its declared counts give it away.
    for key, found in (("num_projects", len(projects)), ("num_votes", len(ballots))):
        if meta.get(key, ("", 0))[0]:
            declared = _int(meta[key][0], meta[key][1], key)
            if declared != found:
                raise PabulibError(f"{key} is {declared} but the file has {found}",
                                   code="count_mismatch", line=meta[key][1],
                                   params={"key": key, "declared": declared, "found": found})
    try:
        return Election(
            validate=False,  # checked above, with line numbers
            projects=tuple(projects),
            ballots=ballots,
            budget=typed.pop("budget"),  # type: ignore[arg-type]
            vote_type=vote_type,
            money_scale=money_scale,
            meta=MappingProxyType(other_meta),
            **typed,  # type: ignore[arg-type]
        )
    except ElectionError as exc:  # pragma: no cover - the parser checks these first
        raise PabulibError(exc.message, code=exc.code, params=exc.params) from exc


def _rows(lines: list[str], start: int, stop: int) -> list[tuple[int, list[str]]]:
    """Split the lines of one section (after its title) into (line number, fields)."""
    body = lines[start + 1:stop]
    if any(not ln.strip() for ln in body):
        numbers: Sequence[int] = [start + 2 + k for k, ln in enumerate(body) if ln.strip()]
        body = [lines[n - 1] for n in numbers]
    else:  # the usual case: no blank lines, so line numbers are a plain range
        numbers = range(start + 2, start + 2 + len(body))
    return list(zip(numbers, csv.reader(body, delimiter=";"), strict=True))


def _parse_votes(lines: list[str], start: int, stop: int, projects: Mapping[str, int],
                 vote_type: VoteType) -> BallotTable:
    """Turn the VOTES section into a column-wise ballot table, checking it on the way.

    The checks run on whole columns (sets, joins, numpy) and only look for the offending
    line once something is wrong, which keeps big files fast; without quotes in the
    section the fields are split by one ``str.split`` over the whole section.

    Real files repeat a project inside one vote now and then (19 of the 408 Polish files
    do, e.g. Warsaw 2026 district files).  The ballot is kept as written, so that the file
    writes back unchanged and its declared totals still check; the count treats the
    repeat as described in ``model.BallotTable``.
    """
    body = lines[start + 1:stop]
    if any(not ln.strip() for ln in body):
        numbers: Sequence[int] = [start + 2 + k for k, ln in enumerate(body) if ln.strip()]
        body = [lines[n - 1] for n in numbers]
    else:
        numbers = range(start + 2, start + 2 + len(body))
    if not body:
        raise PabulibError("VOTES has no header line", code="missing_header", line=start + 1)
    header = [h.strip() for h in body[0].split(";")]
    for column in ("voter_id", "vote"):
        if column not in header:
            raise PabulibError(f"VOTES has no {column} column", code="missing_column",
                               line=numbers[0], params={"column": column})
    width = len(header)
    numbers, body = numbers[1:], body[1:]
    section = "\n".join(body)
    if '"' in section:
        data = list(csv.reader(body, delimiter=";"))
        bad = [k for k, row in enumerate(data) if len(row) != width]
        flat_fields = None
    else:
        flat_fields = section.replace("\n", ";").split(";") if body else []
        bad = [] if len(flat_fields) == len(body) * width else \
            [k for k, ln in enumerate(body) if ln.count(";") != width - 1]
        data = None
    if bad:
        k = bad[0]
        found = len(data[k]) if data is not None else body[k].count(";") + 1
        raise PabulibError(f"VOTES line has {found} fields, the header has {width}",
                           code="field_count", line=numbers[k],
                           params={"found": found, "expected": width})
    if flat_fields is not None:
        columns = {name: flat_fields[k::width] for k, name in enumerate(header)}
    else:
        columns = dict(zip(header, zip(*data, strict=True), strict=True)) if data else \
            {name: () for name in header}
    voter_ids: Sequence[str] = columns["voter_id"]
    if len(set(voter_ids)) != len(voter_ids):
        first: dict[str, int] = {}
        for k, voter in enumerate(voter_ids):
            if voter in first:
                raise PabulibError(
                    f"duplicate voter id {voter!r} (first on line {numbers[first[voter]]})",
                    code="duplicate_voter", line=numbers[k], params={"voter": voter})
            first[voter] = k
    votes: Sequence[str] = columns["vote"]
    if any(" " in v for v in votes):
        votes = [v.replace(" ", "") for v in votes]
    lens = np.fromiter(map(str.count, votes, repeat(",")), dtype=np.int64, count=len(votes))
    lens += np.fromiter(map(bool, votes), dtype=np.int64, count=len(votes))
    tokens = ",".join(filter(None, votes)).split(",") if any(votes) else []
    unknown = set(tokens).difference(projects)
    if unknown:
        for k, v in enumerate(votes):
            bad = [p for p in v.split(",") if p in unknown]
            if bad:
                raise PabulibError(f"vote for unknown project {bad[0]!r}",
                                   code="unknown_project", line=numbers[k],
                                   params={"project": bad[0], "voter": voter_ids[k]})
    flat = np.fromiter(map(projects.__getitem__, tokens), dtype=np.int32, count=len(tokens))
    indptr = np.zeros(len(votes) + 1, dtype=np.int64)
    np.cumsum(lens, out=indptr[1:])

    needs_points = vote_type in (VoteType.CUMULATIVE, VoteType.SCORING)
    flat_points: np.ndarray | None = None
    point_strings: Sequence[str] | None = columns.get("points")
    if point_strings is not None and any(point_strings):
        if " " in "".join(point_strings):
            point_strings = [v.replace(" ", "") for v in point_strings]
        plens = np.fromiter(map(str.count, point_strings, repeat(",")), dtype=np.int64,
                            count=len(point_strings))
        plens += np.fromiter(map(bool, point_strings), dtype=np.int64, count=len(plens))
        if not np.array_equal(plens, lens):
            k = int(np.flatnonzero(plens != lens)[0])
            raise PabulibError(
                f"{lens[k]} projects but {plens[k]} numbers of points",
                code="points_mismatch", line=numbers[k], params={"voter": voter_ids[k]})
        ptokens = ",".join(filter(None, point_strings)).split(",")
        try:
            flat_points = np.fromiter(map(int, ptokens), dtype=np.int64, count=len(ptokens))
        except ValueError:
            for k, v in enumerate(point_strings):
                for x in v.split(",") if v else ():
                    _int(x, numbers[k], "points")
            raise  # pragma: no cover - the loop above raises first
    elif needs_points and len(votes):
        raise PabulibError(f"{vote_type} ballot without points", code="missing_points",
                           line=numbers[0])

    repeats = False
    if len(flat):
        owner = np.repeat(np.arange(len(votes), dtype=np.int64), lens)
        keys = owner * (len(projects) + 1) + flat
        keys.sort()
        repeats = bool((keys[1:] == keys[:-1]).any())

    ages: list[int | None] | None = None
    if "age" in columns:
        try:
            ages = [int(a) if a else None for a in columns["age"]]
        except ValueError:
            ages = [_int(a, numbers[k], "age") if a else None
                    for k, a in enumerate(columns["age"])]
    extra = {name: columns[name] for name in header if name not in _VOTE_TYPED}
    if flat_points is not None:
        group_keys: Sequence[object] = tuple(zip(votes, point_strings, strict=True))
    elif vote_type is VoteType.ORDINAL:
        group_keys = votes
    else:  # approval: the order of the ticks does not matter
        group_keys = [frozenset(v.split(",")) if "," in v else v for v in votes]
    return BallotTable(
        project_ids=list(projects), indptr=indptr, flat=flat, points=flat_points,
        voter_ids=voter_ids, ages=ages, sexes=columns.get("sex"),
        voting_methods=columns.get("voting_method"), extra=extra, group_keys=group_keys,
        has_repeats=repeats,
    )


# -- writing --------------------------------------------------------------------------------


def _fmt_money(amount: int, scale: int) -> str:
    if scale == 1:
        return str(amount)
    whole, part = divmod(amount, scale)
    if part == 0:
        return str(whole)
    digits = len(str(scale)) - 1
    return f"{whole}.{part:0{digits}d}".rstrip("0")


def _fmt_float(value: float) -> str:
    return repr(value)


def write_pabulib(election: Election, target: str | os.PathLike[str] | None = None) -> str:
    """Write ``election`` in the pabulib format; return the text, and save it if asked.

    ``num_projects`` and ``num_votes`` are recomputed; ``votes`` (and ``score`` for points
    ballots) are taken from the projects when declared, otherwise counted from the ballots,
    because pabulib requires the column.
    """
    arrays = election.arrays()
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    scale = election.money_scale

    meta: dict[str, str] = {}
    typed = {
        "num_projects": str(len(election.projects)),
        "num_votes": str(len(election.ballots)),
        "budget": _fmt_money(election.budget, scale),
        "vote_type": str(election.vote_type),
        "rule": election.rule,
        "scoring_fn": election.scoring_fn,
    }
    for key in ("min_sum_cost", "max_sum_cost"):
        value = getattr(election, key)
        typed[key] = None if value is None else _fmt_money(value, scale)
    for key in _INT_META:
        value = getattr(election, key)
        typed[key] = None if value is None else str(value)
    for key in _META_ORDER:
        if typed.get(key) is not None:
            meta[key] = typed[key]  # type: ignore[assignment]
        elif key in election.meta:
            meta[key] = election.meta[key]
    for key, value in election.meta.items():
        if key not in meta:
            meta[key] = value
    out.write("META\n")
    w.writerow(["key", "value"])
    for key, value in meta.items():
        w.writerow([key, value])

    has_score = election.vote_type.has_points or any(p.score is not None
                                                     for p in election.projects)
    columns = ["project_id", "cost", "votes"] + (["score"] if has_score else []) + ["name"]
    if any(p.category for p in election.projects):
        columns.append("category")
    extra_cols: list[str] = []
    for p in election.projects:
        for key in p.extra:
            if key not in extra_cols:
                extra_cols.append(key)
    columns += extra_cols
    if any(p.selected is not None for p in election.projects):
        columns.append("selected")
    if any(p.latitude is not None for p in election.projects):
        columns += ["latitude", "longitude"]
    out.write("PROJECTS\n")
    w.writerow(columns)
    for j, p in enumerate(election.projects):
        values = {
            "project_id": p.id,
            "cost": _fmt_money(p.cost, scale),
            "votes": str(p.votes if p.votes is not None else int(arrays.votes[j])),
            "score": str(p.score if p.score is not None else int(arrays.score[j])),
            "name": p.name,
            "category": ",".join(p.category),
            "selected": "" if p.selected is None else str(p.selected),
            "latitude": "" if p.latitude is None else _fmt_float(p.latitude),
            "longitude": "" if p.longitude is None else _fmt_float(p.longitude),
        }
        w.writerow([values[c] if c in values else p.extra.get(c, "") for c in columns])

    vcols = ["voter_id", "vote"]
    ballots = election.ballots
    if any(b.points is not None for b in ballots):
        vcols.append("points")
    for name in ("age", "sex", "voting_method"):
        if any(getattr(b, name) is not None for b in ballots):
            vcols.append(name)
    vextra: list[str] = []
    for b in ballots:
        for key in b.extra:
            if key not in vextra:
                vextra.append(key)
    vcols += vextra
    out.write("VOTES\n")
    w.writerow(vcols)
    for k, b in enumerate(ballots):
        row = {
            "voter_id": b.voter_id or str(k + 1),
            "vote": ",".join(b.projects),
            "points": "" if b.points is None else ",".join(map(str, b.points)),
            "age": "" if b.age is None else str(b.age),
            "sex": b.sex or "",
            "voting_method": b.voting_method or "",
        }
        w.writerow([row[c] if c in row else b.extra.get(c, "") for c in vcols])

    text = out.getvalue()
    if target is not None:
        Path(target).write_text(text, encoding="utf-8")
    return text

