"""Reading and writing the pabulib ``.pb`` format (https://pabulib.org/format).

The reader does almost nothing line by line: META and PROJECTS are a few hundred lines
read with the C ``csv`` module, and the VOTES section (60,000 lines in Warsaw 2026) is
split once as a whole, its shape checked on the bytes with numpy, numbered project ids
read as numbers by numpy, and identical approval ballots grouped by one sort of their
bit rows.  Anything unusual (quotes, blank lines, a line with the wrong number of fields,
ids that are not plain numbers) takes the careful path, line by line.  Every problem is
a :class:`PabulibError` naming the line, because the files are edited by hand and a
city official must be able to find the mistake.

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
    "min_project_score_threshold",
    "min_length",
    "max_length",
    "min_points",
    "max_points",
    "min_sum_points",
    "max_sum_points",
    "default_score",
)
_MONEY_META = ("budget", "min_sum_cost", "max_sum_cost")
_DERIVED_META = ("num_projects", "num_votes")
# Order in which the writer puts META keys (pabulib's own order); others follow as read.
_META_ORDER = (
    "description",
    "country",
    "unit",
    "district",
    "subunit",
    "instance",
    "num_projects",
    "num_votes",
    "budget",
    "vote_type",
    "rule",
    "date_begin",
    "date_end",
    "min_length",
    "max_length",
    "min_sum_cost",
    "max_sum_cost",
    "min_points",
    "max_points",
    "min_sum_points",
    "max_sum_points",
    "scoring_fn",
    "default_score",
    "min_project_score_threshold",
)
_PROJECT_TYPED = (
    "project_id",
    "cost",
    "name",
    "category",
    "latitude",
    "longitude",
    "votes",
    "score",
    "selected",
)
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
            raise PabulibError(
                f"cannot read file: {exc.strerror}", code="unreadable", path=path
            ) from exc
    else:
        text = source.lstrip("\ufeff")
    try:
        return parse_pabulib(text)
    except PabulibError as exc:
        raise exc.with_path(path) if path else exc from None


def _section_titles(text: str) -> list[tuple[int, str, int]]:
    """Where the lines that are only a section's name are: (start, name, end of line).

    The same lines as ``line.strip() in SECTIONS`` over every line, found with
    ``str.find`` instead of a loop over the 60,000 lines of a big file.
    """
    found = []
    for name in SECTIONS:
        at = text.find(name)
        while at >= 0:
            begin = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            if text[begin:end].strip() == name:
                found.append((at, name, end))
            at = text.find(name, end)
    return sorted(found)


def _num(value: str, line: int, what: str) -> Decimal:
    try:
        number = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        raise PabulibError(
            f"{what} is not a number: {value!r}",
            code="not_a_number",
            line=line,
            params={"field": what, "value": value},
        ) from None
    if not number.is_finite():
        raise PabulibError(
            f"{what} is not a number: {value!r}",
            code="not_a_number",
            line=line,
            params={"field": what, "value": value},
        )
    return number


def _int(value: str, line: int, what: str) -> int:
    number = _num(value, line, what)
    if number != number.to_integral_value():
        raise PabulibError(
            f"{what} must be a whole number: {value!r}",
            code="not_an_integer",
            line=line,
            params={"field": what, "value": value},
        )
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
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    for at, word, end in _section_titles(text):
        n = text.count("\n", 0, at)
        if word in starts:
            raise PabulibError(
                f"section {word} appears twice",
                code="duplicate_section",
                line=n + 1,
                params={"section": word},
            )
        starts[word], ends[word] = n, end
    for name in SECTIONS:
        if name not in starts:
            raise PabulibError(
                f"missing section {name}",
                code="missing_section",
                line=text.count("\n") + 1,
                params={"section": name},
            )
    if not starts["META"] < starts["PROJECTS"] < starts["VOTES"]:
        raise PabulibError(
            "sections must come in the order META, PROJECTS, VOTES",
            code="section_order",
            line=starts["PROJECTS"] + 1,
        )
    # Lines up to VOTES are few; the VOTES section is handled as one string.
    lines = text[: ends["VOTES"]].split("\n")

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
            raise PabulibError(
                f"META has no {key}",
                code="missing_meta",
                line=starts["META"] + 1,
                params={"key": key},
            )

    p_header = [h.strip() for h in project_rows[0][1]] if project_rows else []
    for column in ("project_id", "cost"):
        if column not in p_header:
            raise PabulibError(
                f"PROJECTS has no {column} column",
                code="missing_column",
                line=starts["PROJECTS"] + 2,
                params={"column": column},
            )
    raw_projects = [
        (n, dict(zip(p_header, (c.strip() for c in row), strict=False)))
        for n, row in project_rows[1:]
    ]
    for n, row in project_rows[1:]:
        if len(row) != len(p_header):
            raise PabulibError(
                f"PROJECTS line has {len(row)} fields, the header has {len(p_header)}",
                code="field_count",
                line=n,
                params={"found": len(row), "expected": len(p_header)},
            )

    money_values = [meta[k][0] for k in _MONEY_META if k in meta and meta[k][0]]
    money_values += [row.get("cost", "") for _, row in raw_projects]
    places = max((_decimals(v) for v in money_values), default=0)
    money_scale = 1 if places == 0 else 100
    if places > 2:
        raise PabulibError(
            "money amounts have more than two decimals",
            code="money_precision",
            line=starts["META"] + 1,
        )

    def money(value: str, line: int, what: str) -> int:
        amount = _num(value, line, what) * money_scale
        if amount != amount.to_integral_value():
            raise PabulibError(
                f"{what} has more than two decimals: {value!r}", code="money_precision", line=line
            )
        return int(amount)

    try:
        vote_type = VoteType(meta["vote_type"][0])
    except ValueError:
        raise PabulibError(
            f"unknown vote_type {meta['vote_type'][0]!r}",
            code="unknown_vote_type",
            line=meta["vote_type"][1],
            params={"vote_type": meta["vote_type"][0]},
        ) from None

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
            raise PabulibError(
                f"duplicate project id {pid!r} (first on line {seen[pid]})",
                code="duplicate_project",
                line=n,
                params={"project": pid},
            )
        seen[pid] = n
        extra = {k: v for k, v in row.items() if k not in _PROJECT_TYPED}
        projects.append(
            Project(
                id=pid,
                cost=money(row["cost"], n, "cost"),
                name=row.get("name", ""),
                category=tuple(c.strip() for c in row["category"].split(",") if c.strip())
                if row.get("category")
                else (),
                latitude=float(_num(row["latitude"], n, "latitude"))
                if row.get("latitude")
                else None,
                longitude=float(_num(row["longitude"], n, "longitude"))
                if row.get("longitude")
                else None,
                votes=_int(row["votes"], n, "votes") if row.get("votes") else None,
                score=_int(row["score"], n, "score") if row.get("score") else None,
                selected=_int(row["selected"], n, "selected") if row.get("selected") else None,
                extra=MappingProxyType(extra) if extra else MappingProxyType({}),
            )
        )

    ballots = _parse_votes(
        text[ends["VOTES"] + 1 :],
        starts["VOTES"],
        {pid: k for k, pid in enumerate(seen)},
        vote_type,
    )
    # A file cut at a line boundary still parses; its declared counts give it away.
    for key, found in (("num_projects", len(projects)), ("num_votes", len(ballots))):
        if meta.get(key, ("", 0))[0]:
            declared = _int(meta[key][0], meta[key][1], key)
            if declared != found:
                raise PabulibError(
                    f"{key} is {declared} but the file has {found}",
                    code="count_mismatch",
                    line=meta[key][1],
                    params={"key": key, "declared": declared, "found": found},
                )
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
    body = lines[start + 1 : stop]
    if any(not ln.strip() for ln in body):
        numbers: Sequence[int] = [start + 2 + k for k, ln in enumerate(body) if ln.strip()]
        body = [lines[n - 1] for n in numbers]
    else:  # the usual case: no blank lines, so line numbers are a plain range
        numbers = range(start + 2, start + 2 + len(body))
    return list(zip(numbers, csv.reader(body, delimiter=";"), strict=True))


def _parse_votes(
    body: str, start: int, projects: Mapping[str, int], vote_type: VoteType
) -> BallotTable:
    """Turn the VOTES section into a column-wise ballot table, checking it on the way.

    ``body`` is the text after the section's title, which is on line ``start + 1``.  The
    checks run on whole columns (sets, joins, numpy) and only look for the offending line
    once something is wrong, which keeps big files fast; without quotes or blank lines
    in the section the fields are split by one ``str.split`` over the whole section and
    nothing is done line by line.

    Real files repeat a project inside one vote now and then (19 of the 408 Polish files
    do, e.g. Warsaw 2026 district files).  The ballot is kept as written, so that the file
    writes back unchanged and its declared totals still check; the count treats the
    repeat as described in ``model.BallotTable``.
    """
    header, columns, numbers = _vote_columns(body, start)
    voter_ids: Sequence[str] = columns["voter_id"]
    if len(set(voter_ids)) != len(voter_ids):
        first: dict[str, int] = {}
        for k, voter in enumerate(voter_ids):
            if voter in first:
                raise PabulibError(
                    f"duplicate voter id {voter!r} (first on line {numbers[first[voter]]})",
                    code="duplicate_voter",
                    line=numbers[k],
                    params={"voter": voter},
                )
            first[voter] = k
    votes: Sequence[str] = columns["vote"]
    if " " in "".join(votes):
        votes = [v.replace(" ", "") for v in votes]
    numeric = _numeric_votes(votes, projects)
    if numeric is not None:
        flat, lens = numeric
    else:
        lens = np.fromiter(map(str.count, votes, repeat(",")), dtype=np.int64, count=len(votes))
        lens += np.fromiter(map(bool, votes), dtype=np.int64, count=len(votes))
        tokens = ",".join(filter(None, votes)).split(",") if any(votes) else []
        flat = np.fromiter(map(projects.get, tokens, repeat(-1)), dtype=np.int32, count=len(tokens))
    if len(flat) and flat.min() < 0:
        for k, v in enumerate(votes):
            bad = [p for p in v.split(",") if p not in projects] if v else []
            if bad:
                raise PabulibError(
                    f"vote for unknown project {bad[0]!r}",
                    code="unknown_project",
                    line=numbers[k],
                    params={"project": bad[0], "voter": voter_ids[k]},
                )
    indptr = np.zeros(len(votes) + 1, dtype=np.int64)
    np.cumsum(lens, out=indptr[1:])

    needs_points = vote_type in (VoteType.CUMULATIVE, VoteType.SCORING)
    flat_points: np.ndarray | None = None
    point_strings: Sequence[str] | None = columns.get("points")
    if point_strings is not None and any(point_strings):
        if " " in "".join(point_strings):
            point_strings = [v.replace(" ", "") for v in point_strings]
        plens = np.fromiter(
            map(str.count, point_strings, repeat(",")), dtype=np.int64, count=len(point_strings)
        )
        plens += np.fromiter(map(bool, point_strings), dtype=np.int64, count=len(plens))
        if not np.array_equal(plens, lens):
            k = int(np.flatnonzero(plens != lens)[0])
            raise PabulibError(
                f"{lens[k]} projects but {plens[k]} numbers of points",
                code="points_mismatch",
                line=numbers[k],
                params={"voter": voter_ids[k]},
            )
        ptokens = ",".join(filter(None, point_strings)).split(",")
        try:
            flat_points = np.fromiter(map(int, ptokens), dtype=np.int64, count=len(ptokens))
        except ValueError:
            for k, v in enumerate(point_strings):
                for x in v.split(",") if v else ():
                    _int(x, numbers[k], "points")
            raise  # pragma: no cover - the loop above raises first
    elif needs_points and len(votes):
        raise PabulibError(
            f"{vote_type} ballot without points", code="missing_points", line=numbers[0]
        )

    repeats = False
    keys = np.zeros(0, dtype=np.int64)
    if len(flat):
        owner = np.repeat(np.arange(len(votes), dtype=np.int64), lens)
        keys = owner * (len(projects) + 1) + flat
        keys.sort()
        repeats = bool((keys[1:] == keys[:-1]).any())

    ages: list[int | None] | None = None
    if "age" in columns:
        try:  # few distinct ages: convert each once
            value = {a: int(a) if a else None for a in set(columns["age"])}
            ages = list(map(value.__getitem__, columns["age"]))
        except ValueError:
            ages = [_int(a, numbers[k], "age") if a else None for k, a in enumerate(columns["age"])]
    extra = {name: columns[name] for name in header if name not in _VOTE_TYPED}
    if flat_points is not None:
        group_keys: Sequence[object] = tuple(zip(votes, point_strings, strict=True))
    elif vote_type is VoteType.ORDINAL:
        group_keys = votes
    else:  # approval: the order of the ticks does not matter
        group_keys = _approval_groups(keys, lens, len(projects))
    return BallotTable(
        project_ids=list(projects),
        indptr=indptr,
        flat=flat,
        points=flat_points,
        voter_ids=voter_ids,
        ages=ages,
        sexes=columns.get("sex"),
        voting_methods=columns.get("voting_method"),
        extra=extra,
        group_keys=group_keys,
        has_repeats=repeats,
    )


_DIGITS = np.zeros(256, dtype=bool)
_DIGITS[list(b"0123456789")] = True


def _numeric_votes(
    votes: Sequence[str], projects: Mapping[str, int]
) -> tuple[np.ndarray, np.ndarray] | None:
    """Project indices and ballot lengths, when every id is a plain number.

    Most files number their projects; then the vote column is read as bytes by numpy
    (digits, commas, newlines) instead of 250,000 string look-ups.  ``None`` (so the
    caller does it string by string, and names any mistake) when an id is not a plain
    number or when anything in the column is unusual: another character, an empty
    place between commas, a leading zero, an unknown number.
    """
    ids = list(projects)
    if (
        not votes
        or not ids
        or not all(
            p.isdigit() and p.isascii() and len(p) <= 15 and (p == "0" or p[0] != "0") for p in ids
        )
    ):
        return None
    buf = np.frombuffer(("\n".join(votes) + "\n").encode(), dtype=np.uint8)
    sep = (buf == 44) | (buf == 10)  # "," and "\n"
    if not (_DIGITS[buf] | sep).all():
        return None
    ends = np.flatnonzero(sep)  # where each token (or empty line) ends
    starts = np.concatenate(([0], ends[:-1] + 1))
    size = ends - starts
    newline = buf[ends] == 10
    line_of = np.cumsum(newline) - newline  # the ballot each token belongs to
    empty_line = newline & (size == 0) & np.concatenate(([True], newline[:-1]))
    if ((size == 0) & ~empty_line).any() or (size > 15).any():
        return None
    keep = ~empty_line
    starts, size, line_of = starts[keep], size[keep], line_of[keep]
    if ((size > 1) & (buf[starts] == 48)).any():  # "07" is not the project "7"
        return None
    ends = ends[keep]
    # A token's value, digit by digit from the left (Horner), short ones padded with 0.
    value = np.zeros(len(ends), dtype=np.int64)
    for place in range(int(size.max()) if len(size) else 0, 0, -1):
        at = ends - place
        value = value * 10 + np.where(at >= starts, buf[np.maximum(at, 0)] - 48, 0)
    number = np.array([int(p) for p in ids], dtype=np.int64)
    if number.max() > 4 * len(value) + 1_000_000:
        return None  # sparse big numbers: the string look-up is as good
    index = np.full(int(number.max()) + 1, -1, dtype=np.int32)
    index[number] = np.arange(len(ids), dtype=np.int32)
    if len(value) and value.max() >= len(index):
        return None
    flat = index[value]
    if len(flat) and flat.min() < 0:
        return None
    lens = np.bincount(line_of, minlength=len(votes)).astype(np.int64)
    return flat, lens


def _approval_groups(keys: np.ndarray, lens: np.ndarray, m: int) -> np.ndarray:
    """Group numbers of approval ballots, equal for ballots with the same ticks.

    ``keys`` are ``ballot * (m + 1) + project``, sorted.  Each ballot becomes a row of
    bits (one per project) plus a column telling a single tick apart from a repeated one
    (as the merging always did: ``a`` and ``a,a`` stay two groups, ``a,b`` and ``b,a``
    are one); rows are grouped by one sort, and the groups are numbered in the order of
    their first ballot.
    """
    n = len(lens)
    words = (m + 63) // 64
    table = np.zeros((n, words + 1), dtype=np.uint64)
    table[:, words] = lens == 1
    if len(keys):
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        owner, project = np.divmod(keys, m + 1)
        cell = owner * (words + 1) + project // 64
        bits = np.left_shift(np.uint64(1), (project % 64).astype(np.uint64))
        first = np.flatnonzero(np.concatenate(([True], cell[1:] != cell[:-1])))
        table.reshape(-1)[cell[first]] = np.bitwise_or.reduceat(bits, first)
    if not n:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort(table.T)  # stable: the first ballot of a group comes first
    rows = table[order]
    new = np.concatenate(([True], (rows[1:] != rows[:-1]).any(axis=1)))
    sorted_group = np.cumsum(new) - 1
    rank = np.empty(int(new.sum()), dtype=np.int64)
    rank[np.argsort(order[new], kind="stable")] = np.arange(len(rank))
    groups = np.empty(n, dtype=np.int64)
    groups[order] = rank[sorted_group]
    return groups


def _every_line_has(data: str, rows: int, width: int) -> bool:
    """Whether each of the ``rows`` lines of ``data`` has exactly ``width`` fields.

    Checked on the bytes at once: the separators, read in order, must be ``width - 1``
    semicolons and a newline, over and over (a blank line, or one line short of a field
    and another with one too many, breaks the pattern).
    """
    if not rows:
        return True
    buf = np.frombuffer(data.encode(), dtype=np.uint8)
    seps = np.append(buf[(buf == 59) | (buf == 10)], np.uint8(10))  # ";" and "\n"
    if len(seps) != rows * width:
        return False
    seps = seps.reshape(rows, width)
    return bool((seps[:, -1] == 10).all() and (seps[:, :-1] == 59).all())


def _vote_columns(
    body: str, start: int
) -> tuple[list[str], dict[str, Sequence[str]], Sequence[int]]:
    """The VOTES header, its columns and the line number of each ballot."""
    trimmed = body[:-1] if body.endswith("\n") else body
    head, _, data = trimmed.partition("\n")
    header = [h.strip() for h in head.split(";")]
    width = len(header)
    rows = data.count("\n") + 1 if data else 0
    if (
        head.strip()
        and '"' not in data
        and "voter_id" in header
        and "vote" in header
        and _every_line_has(data, rows, width)
    ):
        # The usual case: one split over the whole section, no work per line.
        fields = data.replace("\n", ";").split(";") if data else []
        columns = {name: fields[k::width] for k, name in enumerate(header)}
        return header, columns, range(start + 3, start + 3 + rows)
    lines = body.split("\n")
    numbers: Sequence[int] = [start + 2 + k for k, ln in enumerate(lines) if ln.strip()]
    body_lines = [lines[n - start - 2] for n in numbers]
    if not body_lines:
        raise PabulibError("VOTES has no header line", code="missing_header", line=start + 1)
    header = [h.strip() for h in body_lines[0].split(";")]
    for column in ("voter_id", "vote"):
        if column not in header:
            raise PabulibError(
                f"VOTES has no {column} column",
                code="missing_column",
                line=numbers[0],
                params={"column": column},
            )
    width = len(header)
    numbers, body_lines = numbers[1:], body_lines[1:]
    data = list(csv.reader(body_lines, delimiter=";"))
    bad = [k for k, row in enumerate(data) if len(row) != width]
    if bad:
        k = bad[0]
        raise PabulibError(
            f"VOTES line has {len(data[k])} fields, the header has {width}",
            code="field_count",
            line=numbers[k],
            params={"found": len(data[k]), "expected": width},
        )
    columns = (
        dict(zip(header, zip(*data, strict=True), strict=True))
        if data
        else {name: () for name in header}
    )
    return header, columns, numbers


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

    has_score = election.vote_type.has_points or any(p.score is not None for p in election.projects)
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
