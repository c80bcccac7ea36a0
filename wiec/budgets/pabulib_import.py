"""Create a finished edition from pabulib files: projects, anonymous ballots, results.

All the files of one call become one edition (for example Kraków 2019: the city-wide
file and the 18 district files), in one transaction: a wrong file leaves nothing.  Every
file is checked before anything is written, and a problem is one ``FILE:LINE: problem``.

The files of one edition share voter ids (Kraków 2019: 100,008 pool ballots of 50,004
people), so a person becomes one ``Ballot`` with votes in each pool they voted in, as
when voting here.  Files that number their voters 1, 2, 3... each on their own cannot
be linked: their ballots stay one per file line and the edition says so
(``Edition.ballots_are_people``), so the statistics do not count one person twice.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import numpy as np
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from wiec import tally
from wiec.accounts.identity import normalise
from wiec.budgets.models import (
    MAX_POINTS,
    Ballot,
    BallotChannel,
    BallotChoice,
    BallotState,
    BallotType,
    CountRun,
    CountState,
    Edition,
    EditionPhase,
    Implementation,
    Pool,
    PoolKind,
    Proposal,
    Status,
    VotingSettings,
)
from wiec.budgets.phases import PhaseType
from wiec.places.models import City, District
from wiec.tally.model import BallotTable

BALLOT_TYPES = {
    tally.VoteType.APPROVAL: BallotType.APPROVAL,
    tally.VoteType.CHOOSE_1: BallotType.CHOOSE_ONE,
    tally.VoteType.ORDINAL: BallotType.ORDINAL,
    tally.VoteType.CUMULATIVE: BallotType.CUMULATIVE,
    tally.VoteType.SCORING: BallotType.CUMULATIVE,
}
IMPORT_ACCOUNT = "pabulib-import@wiec.invalid"
# What the database columns hold: BigIntegerField, PositiveIntegerField,
# PositiveSmallIntegerField.
MAX_GROSZE = 2**63 - 1
MAX_POSITIVE = 2**31 - 1
MAX_SMALL = 2**15 - 1


class PabulibImportError(Exception):
    """A file cannot be imported; the message names the file and the problem."""


@dataclass
class ImportReport:
    edition: Edition
    pools: int = 0
    projects: int = 0
    ballots: int = 0
    #: People who voted (ballots linked across files), or None when they cannot be linked.
    voters: int | None = None
    disagreements: list[str] = field(default_factory=list)


def _date(text: str | None) -> datetime.date | None:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%Y %H:%M"):
        try:
            return datetime.datetime.strptime((text or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


def _import_account() -> Any:
    from wiec.accounts.models import User

    user = User.objects.filter(email=IMPORT_ACCOUNT).first()
    if user is None:
        user = User.objects.create_user(IMPORT_ACCOUNT, None, is_active=False)
    with _site_language():
        name = gettext("import from pabulib")
    if user.display_name != name:  # shown as the author, never the address
        user.display_name = name
        user.save(update_fields=["display_name"])
    return user


def _site_language() -> translation.override:
    """Text stored in the data (names, descriptions) is in the site's language."""
    return translation.override(settings.LANGUAGE_CODE)


def _line_of(path: str, section: str, key: str) -> int | None:
    """The line of ``key`` (a META key or a project id) in a section of the file."""
    inside = False
    with open(path, encoding="utf-8-sig") as lines:
        for n, line in enumerate(lines, start=1):
            word = line.strip()
            if word in ("META", "PROJECTS", "VOTES"):
                if inside:
                    return None
                inside = word == section
            elif inside and word.split(";", 1)[0].strip().strip('"') == key:
                return n
    return None


def _refuse(path: str, line: int | None, problem: str) -> PabulibImportError:
    return PabulibImportError(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")


def check_election(path: str, election: tally.Election) -> None:
    """What the reader accepts but the database cannot hold or would hold wrongly."""
    scale = election.money_scale

    def meta(key: str, problem: str) -> PabulibImportError:
        return _refuse(path, _line_of(path, "META", key), problem)

    if election.budget <= 0:
        raise meta("budget", "budget must be more than zero")
    if election.budget * 100 // scale > MAX_GROSZE:
        raise meta("budget", "budget is too large")
    if election.rule and election.rule not in tally.RULES:
        known = ", ".join(tally.RULES)
        raise meta("rule", f"unknown counting rule {election.rule!r}; known: {known}")
    for key, most in (
        ("min_length", MAX_SMALL),
        ("max_length", MAX_SMALL),
        ("min_project_score_threshold", MAX_POSITIVE),
        ("max_sum_points", MAX_POSITIVE),
    ):
        value = getattr(election, key)
        if value is not None and not 0 <= value <= most:
            raise meta(key, f"{key} must be between 0 and {most}")
    low, high = election.min_length, election.max_length
    if low is not None and high is not None and low > high:
        raise meta("min_length", f"min_length ({low}) is more than max_length ({high})")
    for project in election.projects:
        problem = ""
        if not 0 <= project.cost * 100 // scale <= MAX_GROSZE:
            problem = f"the cost of project {project.id!r} is too large or below zero"
        elif not all(math.isfinite(v) for v in (project.latitude or 0, project.longitude or 0)):
            problem = f"project {project.id!r} has no usable position"
        if problem:
            raise _refuse(path, _line_of(path, "PROJECTS", project.id), problem)


def read_files(paths: list[str]) -> list[tuple[str, tally.Election]]:
    elections = []
    for path in paths:
        if not os.path.exists(path):
            raise PabulibImportError(f"{path}: no such file")
        try:
            election = tally.read_pabulib(path)
        except tally.TallyError as error:
            raise PabulibImportError(str(error)) from error
        check_election(path, election)
        elections.append((path, election))
    units = {(e.meta.get("unit", ""), e.meta.get("instance", "")) for _p, e in elections}
    if len(units) > 1:
        listed = ", ".join(f"{u} {i}" for u, i in sorted(units))
        raise PabulibImportError(
            f"the files belong to different editions ({listed}); import them apart"
        )
    return elections


def import_pabulib(paths: list[str], *, city: City, slug: str | None = None) -> ImportReport:
    elections = read_files(paths)
    meta = elections[0][1].meta
    unit, instance = meta.get("unit", "") or city.name, meta.get("instance", "")
    slug = slug or slugify(f"pabulib-{normalise(unit)}-{instance}")[:50]
    if Edition.objects.filter(city=city, slug=slug).exists():
        raise PabulibImportError(f"edition {slug!r} exists already: remove it or choose --slug")
    with transaction.atomic():
        report = _import(elections, city=city, slug=slug, unit=unit, instance=instance)
        _refresh_statistics()
    return report


def _refresh_statistics() -> None:
    """Let PostgreSQL's planner know the rows an import just added.

    A city's import adds hundreds of thousands of votes at once; until autovacuum
    notices, the planner still believes the tables small and picks nested loops that
    take minutes for the statistics page's per-pool counts. ``ANALYZE`` takes a second.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE budgets_ballot, budgets_vote, budgets_proposal")


def _import(elections, *, city, slug, unit, instance) -> ImportReport:
    begin = _date(elections[0][1].meta.get("date_begin"))
    end = _date(elections[0][1].meta.get("date_end")) or begin or timezone.localdate()
    begin = begin or end
    linked = voters_link(elections)
    with _site_language():
        description = ngettext(
            "Imported from pabulib (%(count)d file).",
            "Imported from pabulib (%(count)d files).",
            len(elections),
        ) % {"count": len(elections)}
    edition = Edition.objects.create(
        city=city,
        slug=slug,
        name=f"BO {unit} {instance} (pabulib)",
        description=description,
        ballots_are_people=linked,
    )
    day = datetime.timedelta(days=1)
    EditionPhase.objects.bulk_create(
        [
            EditionPhase(edition=edition, type=PhaseType.VOTING, starts_on=begin, ends_on=end),
            EditionPhase(
                edition=edition, type=PhaseType.RESULTS, starts_on=end + day, ends_on=end + 30 * day
            ),
            EditionPhase(
                edition=edition,
                type=PhaseType.IMPLEMENTATION,
                starts_on=end + 31 * day,
                ends_on=end + 400 * day,
            ),
        ]
    )
    VotingSettings.objects.create(edition=edition)
    districts = {normalise(d.name): d for d in District.objects.filter(city=city)}
    author = _import_account()
    report = ImportReport(edition=edition)
    pools = [
        _import_pool(edition, path, election, districts, author, report)
        for path, election in elections
    ]
    _import_ballots(edition, pools, districts, end, linked, report)
    run = CountRun.objects.create(edition=edition, state=CountState.RUNNING)
    for pool in pools:
        _count_pool(pool, run, report)
    CountRun.objects.filter(pk=run.pk).update(
        state=CountState.DONE,
        progress=1,
        published=True,
        published_at=timezone.now(),
        finished_at=timezone.now(),
    )
    return report


def voters_link(elections: list[tuple[str, tally.Election]]) -> bool:
    """Whether the files' voter ids name people across files (pabulib's Polish files do).

    Files that each number their voters 1..n (or 0..n-1) on their own are counters, not
    people: voter 7 of one district is not voter 7 of another.
    """
    if len(elections) < 2:
        return True

    def counter(ids) -> bool:
        numbers = sorted(int(i) for i in ids if i.isdigit())
        return len(numbers) == len(ids) and numbers in (
            list(range(1, len(ids) + 1)),
            list(range(len(ids))),
        )

    return not all(counter(e.ballots.voter_ids) for _path, e in elections if len(e.ballots))


@dataclass
class _ImportedPool:
    path: str
    election: tally.Election
    pool: Pool
    ids: dict[str, int]  # pabulib project id -> proposal pk
    limit: int
    votes: _Votes


def _import_pool(edition, path, election, districts, author, report) -> _ImportedPool:
    meta = election.meta
    scale = election.money_scale
    district_name = meta.get("district") or meta.get("subunit") or ""
    district = districts.get(normalise(district_name)) if district_name else None
    if district_name and district is None:
        kind = PoolKind.THEMATIC
    else:
        kind = PoolKind.DISTRICT if district else PoolKind.CITY
    if district and Pool.objects.filter(edition=edition, district=district).exists():
        raise PabulibImportError(f"{path}: a second file for the district {district_name}")
    ballot_type = BALLOT_TYPES[election.vote_type]
    votes = _vote_columns(election)
    limit = election.max_length or votes.longest
    with _site_language():
        if district:
            name = gettext("District %(name)s") % {"name": district.name}
        else:
            name = district_name or gettext("City-wide pool")
    pool = Pool.objects.create(
        edition=edition,
        kind=kind,
        district=district,
        name=name[:150],
        amount=election.budget * 100 // scale,
        counting_rule=election.rule or "greedy",
        ballot_type=ballot_type,
        max_choices=limit,
        min_choices=election.min_length,
        points=",".join(str(p) for p in range(limit, 0, -1))
        if ballot_type == BallotType.ORDINAL and election.max_length
        else "",
        points_budget=_points_budget(path, election, ballot_type, votes),
        min_votes=election.min_project_score_threshold,
    )
    proposals = Proposal.objects.bulk_create(
        [
            Proposal(
                edition=edition,
                pool=pool,
                author=author,
                status=Status.READY,
                title=(p.name or f"Projekt {p.id}")[:150],
                description=f"{p.name or p.id} (pabulib: {os.path.basename(path)}, id {p.id})",
                cost=p.cost * 100 // scale,
                latitude=p.latitude,
                longitude=p.longitude,
                address=p.extra.get("address", "")[:300] if p.extra else "",
                submitted_at=timezone.now(),
            )
            for p in election.projects
        ]
    )
    ids = {p.id: proposal.pk for p, proposal in zip(election.projects, proposals, strict=True)}
    report.pools += 1
    report.projects += len(proposals)
    return _ImportedPool(path, election, pool, ids, limit, votes)


def _count_pool(imported: _ImportedPool, run: CountRun, report: ImportReport) -> None:
    """Count the pool, publish the count, and give each project the result its file gives."""
    from wiec.budgets.results import count_pool, store_outcome

    election, pool, ids, path = imported.election, imported.pool, imported.ids, imported.path
    _election, outcome = count_pool(pool)
    store_outcome(run, pool, _election, outcome)
    counted = set(outcome.selected)
    if any(p.selected is not None for p in election.projects):
        declared = {str(ids[p.id]) for p in election.projects if p.selected}
        if declared != counted:
            report.disagreements.append(
                f"{os.path.basename(path)}: the file selects {sorted(declared - counted)} "
                f"which the count does not, and the count {sorted(counted - declared)}"
            )
    else:
        declared = counted
    Proposal.objects.filter(pool=pool).update(status=Status.NOT_SELECTED)
    Proposal.objects.filter(pk__in=[int(pk) for pk in declared]).update(status=Status.SELECTED)
    Implementation.objects.bulk_create(
        [Implementation(proposal_id=int(pid)) for pid in outcome.selected]
    )


def _points_budget(path, election, ballot_type, votes) -> int | None:
    """A cumulative pool's budget of points: the file's ``max_sum_points``, or, for a file
    without one (scoring ballots), the most points one of its ballots gives."""
    if ballot_type != BallotType.CUMULATIVE:
        return election.max_sum_points
    budget = election.max_sum_points or votes.most_points
    if not 1 <= budget <= MAX_POINTS:
        raise PabulibImportError(
            f"{path}: {budget} points per ballot, more than Wiec allows ({MAX_POINTS})"
        )
    if votes.most_points > budget:
        voter = str(election.ballots[votes.heaviest].voter_id)
        raise _refuse(
            path,
            _line_of(path, "VOTES", voter),
            f"voter {voter!r} gives {votes.most_points} points, more than max_sum_points "
            f"({budget})",
        )
    return budget


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Rows straight into the table: the ORM's bulk_create spends most of its time per object.

    PostgreSQL gets one ``INSERT ... SELECT FROM unnest(...)`` per 50,000 rows, one array
    per column (its statement trigger on the votes then checks the points budget once per
    batch, not once per row; ``COPY`` would be faster still, but PostgreSQL refuses it on
    a table under row-level security); SQLite a plain ``executemany``.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            types = [model._meta.get_field(c).db_type(connection) for c in columns]
            arrays = ", ".join(f"%s::{t}[]" for t in types)
            for start in range(0, len(rows), 50000):
                batch = rows[start : start + 50000]
                cursor.execute(
                    f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays})",
                    [list(column) for column in zip(*batch, strict=True)],
                )
            return
        marks = ", ".join(["%s"] * len(columns))
        for start in range(0, len(rows), 20000):
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[start : start + 20000]
            )


@contextmanager
def _points_checked_once():
    """On SQLite, check the cumulative points budget once for the whole import.

    SQLite has only row triggers: ``budgets_vote_points_budget_insert`` would look up the
    pool of each of the 300,000 votes of Kraków 2019 (two thirds of the insert's time).
    Inside the import's transaction it is dropped, the votes inserted, the same rule
    checked once over the whole edition, and the trigger created again from its own
    stored text, so nobody ever sees the table without it.  PostgreSQL's trigger is
    already one per statement.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s",
            ["budgets_vote_points_budget_insert"],
        )
        stored = cursor.fetchone()
        if stored:
            cursor.execute("DROP TRIGGER budgets_vote_points_budget_insert")
    yield
    if stored:
        with connection.cursor() as cursor:
            cursor.execute(stored[0])


def _check_points_budgets(edition) -> None:
    """The rule of ``budgets_vote_points_budget_insert``, for every ballot at once."""
    over = (
        BallotChoice.objects.filter(pool__edition=edition, pool__ballot_type=BallotType.CUMULATIVE)
        .values("pool_id", "ballot_id", "pool__points_budget")
        .annotate(total=Sum("points"))
        .filter(total__gt=Coalesce(F("pool__points_budget"), 0))
    )
    if over.exists():
        raise IntegrityError("budgets_vote_within_points_budget: too many points")


def _source_id(voter: str) -> str:
    return voter if len(voter) <= 40 else hashlib.sha1(voter.encode()).hexdigest()


@dataclass
class _Votes:
    """The votes of one file as columns, a project named twice on a ballot merged.

    ``owner[v]`` is the ballot (line of the file) of vote ``v``, ``project[v]`` the index
    of its project in ``election.projects``, ``points[v]`` its points (pabulib's Borda
    points for a ranking), ``position[v]`` its place from 1; ``lengths[b]`` is how many
    projects ballot ``b`` names.  ``longest`` and ``most_points`` are the longest ballot
    and the most points one ballot gives, as written (1 for a file without ballots),
    ``heaviest`` the ballot that gives them.
    """

    owner: np.ndarray
    project: np.ndarray
    points: np.ndarray
    position: np.ndarray
    lengths: np.ndarray
    longest: int
    most_points: int
    heaviest: int


def _vote_columns(election: tally.Election) -> _Votes:
    """What the old per-ballot loop did with ``ballot_points`` and a dict, in numpy.

    A project repeated on a ballot counts once, at its first place (its points added up
    on cumulative and scoring ballots), as ``BallotTable`` counts it.
    """
    ballots = election.ballots
    index = election.project_index
    if isinstance(ballots, BallotTable):
        remap = np.asarray([index[p] for p in ballots.project_ids] or [0], dtype=np.int64)
        project = remap[ballots.flat] if len(ballots.flat) else np.zeros(0, dtype=np.int64)
        indptr = np.asarray(ballots.indptr, dtype=np.int64)
        given = ballots.flat_points
    else:
        lengths = [len(b.projects) for b in ballots]
        indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        project = np.asarray([index[p] for b in ballots for p in b.projects], dtype=np.int64)
        given = None
        if all(b.points is not None for b in ballots):
            given = np.asarray([x for b in ballots for x in b.points], dtype=np.int64)
    n = len(indptr) - 1
    lengths = np.diff(indptr)
    owner = np.repeat(np.arange(n, dtype=np.int64), lengths)
    place = np.arange(len(project), dtype=np.int64) - indptr[owner]  # 0-based, as written
    if given is not None and election.vote_type in (
        tally.VoteType.CUMULATIVE,
        tally.VoteType.SCORING,
    ):
        points = np.asarray(given, dtype=np.int64)
    elif election.vote_type is tally.VoteType.ORDINAL:
        top = election.max_length or 0
        points = (top if top else lengths[owner]) - place
    else:
        points = np.ones(len(project), dtype=np.int64)
    longest = int(lengths.max()) if n else 1
    given_by = np.bincount(owner, np.maximum(points, 0), minlength=n)
    heaviest = int(given_by.argmax()) if n else 0
    most_points = int(given_by[heaviest]) if n else 1
    if len(project):
        key = owner * (len(election.projects) + 1) + project
        _unique, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        if len(first) < len(key):  # a project named twice on one ballot
            if election.vote_type in (tally.VoteType.CUMULATIVE, tally.VoteType.SCORING):
                summed = np.zeros(len(first), dtype=np.int64)
                np.add.at(summed, inverse.ravel(), points)
            else:
                summed = points[first]
            order = np.argsort(first, kind="stable")
            keep = first[order]
            owner, project, points = owner[keep], project[keep], summed[order]
            lengths = np.bincount(owner, minlength=n)
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    position = np.arange(len(project), dtype=np.int64) - starts[owner] + 1
    return _Votes(owner, project, points, position, lengths, longest, most_points, heaviest)


def _import_ballots(edition, pools, districts, end, linked, report) -> None:
    """Insert the ballots and their votes; ``source_id`` finds a ballot again.

    Linked: one ballot per person (``source_id`` is the voter id) with votes in every
    pool the person voted in; the home district is the district pool's.  Not linked:
    one ballot per file line (``source_id`` is ``pool:voter``).
    """
    now = timezone.now()
    people: dict[str, list] = {}  # source id -> [district pk, age, sex]
    homes: dict[str, int | None] = {}  # a ballot's district column -> district pk
    parts = []  # per pool: the source id of each ballot, the pool, its votes
    for imported in pools:
        election, pool = imported.election, imported.pool
        ballots = election.ballots
        district_pk = pool.district_id
        prefix = "" if linked else f"{pool.pk}:"
        table = isinstance(ballots, BallotTable)
        voter_ids = ballots.voter_ids if table else [b.voter_id for b in ballots]
        ages = (ballots.ages if table else [b.age for b in ballots]) or repeat(None)
        sexes = (ballots.sexes if table else [b.sex for b in ballots]) or repeat(None)
        if table:
            extra_districts = ballots.extra.get("district") or repeat("")
        else:
            extra_districts = [(b.extra or {}).get("district", "") for b in ballots]
        keys = []
        for voter, age, sex, extra_district in zip(
            voter_ids, ages, sexes, extra_districts, strict=False
        ):
            key = _source_id(prefix + str(voter))
            keys.append(key)
            home = district_pk
            if home is None and extra_district:
                if extra_district not in homes:
                    found = districts.get(normalise(extra_district))
                    homes[extra_district] = found.pk if found else None
                home = homes[extra_district]
            person = people.get(key)
            if person is None:
                person = people[key] = [None, None, ""]
            if person[0] is None or district_pk is not None:
                person[0] = home if home is not None else person[0]
            if person[1] is None and isinstance(age, int) and 0 <= age < 150:
                person[1] = age
            if not person[2] and sex:
                letter = sex.upper()[:1]
                if letter in ("F", "M", "K"):
                    person[2] = "F" if letter == "K" else letter
        report.ballots += len(keys)
        parts.append((keys, imported, imported.votes))
    _insert(
        Ballot,
        [
            "edition_id",
            "duplicate",
            "state",
            "channel",
            "received_on",
            "district_id",
            "age",
            "sex",
            "source_id",
            "created_at",
        ],
        [
            (edition.pk, False, BallotState.VALID, BallotChannel.IMPORTED, end, *person, key, now)
            for key, person in people.items()
        ],
    )
    pks = dict(Ballot.objects.filter(edition=edition).values_list("source_id", "pk"))
    if len(pks) != len(people):
        raise PabulibImportError("voter ids repeat once cut to 40 characters")
    rows: list[tuple] = []
    for keys, imported, votes in parts:
        ballot_pk = np.asarray([pks[key] for key in keys] or [0], dtype=np.int64)
        proposal_pk = np.asarray(
            [imported.ids[p.id] for p in imported.election.projects] or [0], dtype=np.int64
        )
        width = np.maximum(imported.limit, votes.lengths)[votes.owner]
        kept = votes.points > 0
        columns = (
            ballot_pk[votes.owner][kept].tolist(),
            [imported.pool.pk] * int(kept.sum()),
            proposal_pk[votes.project][kept].tolist(),
            votes.position[kept].tolist(),
            width[kept].tolist(),
            np.maximum(votes.points[kept], 1).tolist(),
        )
        rows.extend(zip(*columns, strict=True))
    with _points_checked_once():
        _insert(
            BallotChoice,
            ["ballot_id", "pool_id", "proposal_id", "position", "pool_limit", "points"],
            rows,
        )
        if any(p.pool.ballot_type == BallotType.CUMULATIVE for p in pools):
            _check_points_budgets(edition)
    report.voters = len(people) if linked else None
