"""Create a finished edition from pabulib files: projects, anonymous ballots, results.

All the files of one call become one edition (for example Kraków 2019: the city-wide
file and the 18 district files), in one transaction: a wrong file leaves nothing.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from wiec import tally
from wiec.accounts.identity import normalise
from wiec.budgets.models import (
    MAX_POINTS,
    Ballot,
    BallotState,
    BallotType,
    Channel,
    CountRun,
    CountState,
    Edition,
    Implementation,
    Phase,
    Pool,
    PoolKind,
    Proposal,
    Status,
    Vote,
    VotingSettings,
)
from wiec.budgets.phases import PhaseType
from wiec.places.models import City, District

BALLOT_TYPES = {
    tally.VoteType.APPROVAL: BallotType.APPROVAL,
    tally.VoteType.CHOOSE_1: BallotType.CHOOSE_ONE,
    tally.VoteType.ORDINAL: BallotType.ORDINAL,
    tally.VoteType.CUMULATIVE: BallotType.CUMULATIVE,
    tally.VoteType.SCORING: BallotType.CUMULATIVE,
}
IMPORT_ACCOUNT = "pabulib-import@wiec.invalid"


class PabulibImportError(Exception):
    """A file cannot be imported; the message names the file and the problem."""


@dataclass
class ImportReport:
    edition: Edition
    pools: int = 0
    projects: int = 0
    ballots: int = 0
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
    return user


def read_files(paths: list[str]) -> list[tuple[str, tally.Election]]:
    elections = []
    for path in paths:
        if not os.path.exists(path):
            raise PabulibImportError(f"{path}: no such file")
        try:
            elections.append((path, tally.read_pabulib(path)))
        except tally.TallyError as error:
            raise PabulibImportError(str(error)) from error
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
    if Edition.objects.filter(slug=slug).exists():
        raise PabulibImportError(f"edition {slug!r} exists already: remove it or choose --slug")
    with transaction.atomic():
        return _import(elections, city=city, slug=slug, unit=unit, instance=instance)


def _import(elections, *, city, slug, unit, instance) -> ImportReport:
    begin = _date(elections[0][1].meta.get("date_begin"))
    end = _date(elections[0][1].meta.get("date_end")) or begin or timezone.localdate()
    begin = begin or end
    edition = Edition.objects.create(
        city=city,
        slug=slug,
        name=f"BO {unit} {instance} (pabulib)",
        description=f"Imported from pabulib ({len(elections)} files).",
    )
    day = datetime.timedelta(days=1)
    Phase.objects.bulk_create(
        [
            Phase(edition=edition, type=PhaseType.VOTING, starts_on=begin, ends_on=end),
            Phase(
                edition=edition, type=PhaseType.RESULTS, starts_on=end + day, ends_on=end + 30 * day
            ),
            Phase(
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
    run = CountRun.objects.create(edition=edition, state=CountState.RUNNING)
    for path, election in elections:
        _import_pool(edition, path, election, districts, author, end, report, run)
    CountRun.objects.filter(pk=run.pk).update(
        state=CountState.DONE,
        progress=1,
        published=True,
        published_at=timezone.now(),
        finished_at=timezone.now(),
    )
    return report


def _import_pool(edition, path, election, districts, author, end, report, run) -> None:
    from wiec.budgets.results import count_pool, store_outcome

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
    longest = max((len(b.projects) for b in election.ballots), default=1)
    limit = election.max_length or longest
    pool = Pool.objects.create(
        edition=edition,
        kind=kind,
        district=district,
        name=(f"Dzielnica {district.name}" if district else district_name or "Pula ogólnomiejska"),
        amount=election.budget * 100 // scale,
        counting_rule=election.rule if election.rule in tally.RULES else "greedy",
        ballot_type=ballot_type,
        max_choices=limit,
        min_choices=election.min_length,
        points=",".join(str(p) for p in range(limit, 0, -1))
        if ballot_type == BallotType.ORDINAL and election.max_length
        else "",
        points_budget=_points_budget(path, election, ballot_type),
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
    _import_ballots(edition, pool, election, ids, district, districts, limit, end, report)
    _election, outcome = count_pool(pool)
    store_outcome(run, pool, _election, outcome)
    declared = {str(ids[p.id]) for p in election.projects if p.selected}
    counted = set(outcome.selected)
    if any(p.selected is not None for p in election.projects) and declared != counted:
        report.disagreements.append(
            f"{os.path.basename(path)}: the file selects {sorted(declared - counted)} "
            f"which the count does not, and the count {sorted(counted - declared)}"
        )
    Implementation.objects.bulk_create(
        [Implementation(proposal_id=int(pid)) for pid in outcome.selected]
    )
    report.pools += 1
    report.projects += len(proposals)


def _points_budget(path, election, ballot_type) -> int | None:
    """A cumulative pool's budget of points: the file's ``max_sum_points``, or, for a file
    without one (scoring ballots), the most points one of its ballots gives."""
    if ballot_type != BallotType.CUMULATIVE:
        return election.max_sum_points
    budget = election.max_sum_points or max(
        (sum(max(int(p), 0) for p in election.ballot_points(b)) for b in election.ballots),
        default=1,
    )
    if not 1 <= budget <= MAX_POINTS:
        raise PabulibImportError(
            f"{path}: {budget} points per ballot, more than Wiec allows ({MAX_POINTS})"
        )
    return budget


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Plain ``executemany``: the ORM's bulk_create spends most of its time per object."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 20000):
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[start : start + 20000]
            )


def _import_ballots(edition, pool, election, ids, district, districts, limit, end, report):
    """Insert the file's ballots and votes; ``source_id`` (pool:voter) finds them again."""
    now = timezone.now()
    ballot_rows = []
    merged_rows = []
    prefix = f"{pool.pk}:"
    for ballot in election.ballots:
        extra_district = (ballot.extra or {}).get("district", "")
        sex = (ballot.sex or "").upper()[:1]
        home = district or districts.get(normalise(extra_district))
        ballot_rows.append(
            (
                edition.pk,
                False,
                BallotState.VALID,
                Channel.IMPORTED,
                end,
                home.pk if home else None,
                ballot.age if isinstance(ballot.age, int) and 0 <= ballot.age < 150 else None,
                {"K": "F"}.get(sex, sex) if sex in ("F", "M", "K") else "",
                (prefix + str(ballot.voter_id))[:40],
                now,
            )
        )
        points = election.ballot_points(ballot)
        merged: dict[str, int] = {}
        for pid, pts in zip(ballot.projects, points, strict=True):
            if pid in merged:
                if election.vote_type in (tally.VoteType.CUMULATIVE, tally.VoteType.SCORING):
                    merged[pid] += pts
                continue
            merged[pid] = pts
        merged_rows.append(merged)
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
        ballot_rows,
    )
    pks = dict(
        Ballot.objects.filter(edition=edition, source_id__startswith=prefix).values_list(
            "source_id", "pk"
        )
    )
    if len(pks) != len(ballot_rows):
        raise PabulibImportError(f"{pool.name}: voter ids repeat in the file")
    _insert(
        Vote,
        ["ballot_id", "pool_id", "proposal_id", "position", "pool_limit", "points"],
        [
            (pks[row[8]], pool.pk, ids[pid], k, max(limit, len(merged)), max(int(pts), 1))
            for row, merged in zip(ballot_rows, merged_rows, strict=True)
            for k, (pid, pts) in enumerate(merged.items(), start=1)
            if pts > 0
        ],
    )
    report.ballots += len(ballot_rows)
