"""The data model of a participatory-budget count: elections in, outcomes out.

Everything is a frozen dataclass so that an election read from a file, built by the web
app from database rows, or written and read back compares equal field by field.  Money is
always an ``int`` in the election's smallest unit (the web app keeps grosze; files in whole
złoty are read with ``money_scale=1``, files with decimal amounts with ``money_scale=100``).

The rules never look at these objects voter by voter: ``Election.arrays()`` turns the
ballots once into numpy arrays with identical ballots merged, which is what makes the
counting fast (see ``rules/equalshares.py``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import InitVar, dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from .errors import ElectionError

_EMPTY: Mapping[str, str] = MappingProxyType({})


class VoteType(enum.StrEnum):
    """The ballot kinds of the pabulib format (``vote_type`` in META)."""

    APPROVAL = "approval"
    CHOOSE_1 = "choose-1"
    ORDINAL = "ordinal"
    CUMULATIVE = "cumulative"
    SCORING = "scoring"

    @property
    def has_points(self) -> bool:
        """Whether a ballot gives each project a number of points (not just a tick)."""
        return self in (VoteType.ORDINAL, VoteType.CUMULATIVE, VoteType.SCORING)


class Status(enum.StrEnum):
    """What happened to a project; the web app shows one label per status."""

    SELECTED = "selected"
    NOT_FUNDED = "not-funded"  # took part but did not fit / was not chosen
    BELOW_THRESHOLD = "below-threshold"  # fewer votes than min_project_score_threshold
    EXCLUDED = "excluded"  # mutually exclusive with a selected project, or no cost/votes


@dataclass(frozen=True)
class Project:
    """A project on the ballot (``Proposal`` in the web app once it passed review).

    ``votes``, ``score`` and ``selected`` are what a pabulib file *declares*; the engine
    never trusts them for counting (it counts the ballots) but keeps them so that a file
    can be checked against its own results and written back unchanged.
    """

    id: str
    cost: int
    name: str = ""
    category: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    votes: int | None = None
    score: int | None = None
    selected: int | None = None
    extra: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

    def __post_init__(self) -> None:
        if not isinstance(self.cost, int) or isinstance(self.cost, bool) or self.cost < 0:
            raise ElectionError(
                f"project {self.id!r}: cost must be a non-negative integer, not {self.cost!r}",
                code="invalid_cost",
                params={"project": self.id, "cost": self.cost},
            )


@dataclass(frozen=True, slots=True)
class Ballot:
    """One voter's ballot.

    ``projects`` keeps the voter's order (it is the ranking for ordinal ballots).
    ``points`` is set for cumulative and scoring ballots, one number per project.
    """

    projects: tuple[str, ...]
    points: tuple[int, ...] | None = None
    voter_id: str = ""
    age: int | None = None
    sex: str | None = None
    voting_method: str | None = None
    extra: Mapping[str, str] = field(default_factory=lambda: _EMPTY)


class BallotTable(Sequence[Ballot]):
    """Ballots kept column-wise, as the pabulib reader produces them.

    Making 60,000 ``Ballot`` objects is most of the time a reader spends, while counting
    only needs arrays; this sequence keeps the columns and makes a ``Ballot`` only when one
    is asked for.  It compares equal to any sequence of the same ballots.

    A ballot read from a file may name a project twice (19 of the 408 Polish pabulib files
    have such ballots).  The table keeps it as written; the count reads the repeat as one
    vote for approval, choose-1 and ordinal ballots (the first place counts) and adds the
    points up for cumulative and scoring ballots.
    """

    def __init__(
        self,
        *,
        project_ids: Sequence[str],
        indptr: np.ndarray,
        flat: np.ndarray,
        points: np.ndarray | None,
        voter_ids: Sequence[str],
        ages: Sequence[int | None] | None = None,
        sexes: Sequence[str] | None = None,
        voting_methods: Sequence[str] | None = None,
        extra: Mapping[str, Sequence[str]] | None = None,
        group_keys: Sequence[object] | None = None,
        has_repeats: bool = False,
    ):
        self.project_ids = tuple(project_ids)
        self.indptr = indptr
        self.flat = flat
        self.flat_points = points
        self.voter_ids = voter_ids
        self.ages = ages
        self.sexes = sexes
        self.voting_methods = voting_methods
        self.extra = dict(extra or {})
        self.group_keys = group_keys  # equal keys = identical ballots (merged when counting)
        self.has_repeats = has_repeats

    def __len__(self) -> int:
        return len(self.voter_ids)

    def _make(self, i: int) -> Ballot:
        lo, hi = int(self.indptr[i]), int(self.indptr[i + 1])
        pids = self.project_ids
        return Ballot(
            tuple(pids[j] for j in self.flat[lo:hi].tolist()),
            None if self.flat_points is None else tuple(self.flat_points[lo:hi].tolist()),
            self.voter_ids[i],
            None if self.ages is None else self.ages[i],
            None if self.sexes is None else (self.sexes[i] or None),
            None if self.voting_methods is None else (self.voting_methods[i] or None),
            MappingProxyType({k: v[i] for k, v in self.extra.items()}) if self.extra else _EMPTY,
        )

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return tuple(self._make(k) for k in range(*i.indices(len(self))))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._make(i)

    def __iter__(self) -> Iterator[Ballot]:
        return (self._make(i) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(len(self))

    def __repr__(self) -> str:
        return f"<BallotTable of {len(self)} ballots>"


@dataclass(frozen=True)
class Arrays:
    """Ballots as numpy arrays, identical ballots merged with a weight.

    ``supporters[j]``, ``utility[j]`` (points, or 1 for a tick) are the merged ballot
    indices and their points for project ``j``; ``weight[g]`` is how many voters cast
    merged ballot ``g``.  Building one Python object per voter-project pair is what makes
    other implementations slow, so every rule works from this.
    """

    weight: np.ndarray  # (groups,) int64
    supporters: tuple[np.ndarray, ...]  # per project: int32 group indices
    points: tuple[np.ndarray, ...]  # per project: float64 points (1.0 for approval)
    votes: np.ndarray  # (projects,) int64: voters who support the project
    score: np.ndarray  # (projects,) int64: sum of points (= votes for approval)
    n_voters: int


@dataclass(frozen=True)
class Election:
    """One pool of one edition: the projects, the ballots and the counting parameters.

    Build it directly from database rows::

        Election(budget=1_000_000_00, money_scale=100,
                 projects=[Project("p1", 250_000_00), ...],
                 ballots=[Ballot(("p1", "p3")), ...])

    ``exclusive_groups`` are sets of projects of which at most one may win (for example
    two proposals for the same plot); the rules skip the others once one is selected.
    ``meta`` keeps the other pabulib META fields (description, unit, comment...) verbatim.
    """

    projects: tuple[Project, ...]
    ballots: Sequence[Ballot]
    budget: int
    vote_type: VoteType = VoteType.APPROVAL
    rule: str | None = None
    min_project_score_threshold: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_sum_cost: int | None = None
    max_sum_cost: int | None = None
    min_points: int | None = None
    max_points: int | None = None
    min_sum_points: int | None = None
    max_sum_points: int | None = None
    scoring_fn: str | None = None
    default_score: int | None = None
    exclusive_groups: tuple[tuple[str, ...], ...] = ()
    money_scale: int = 1
    meta: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    validate: InitVar[bool] = True
    _cache: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self, validate: bool) -> None:
        # Accept lists from callers; store tuples so the election stays immutable.
        for name in ("projects", "ballots", "exclusive_groups"):
            value = getattr(self, name)
            if not isinstance(value, tuple | BallotTable):
                object.__setattr__(self, name, tuple(value))
        if self.exclusive_groups and not all(isinstance(g, tuple) for g in self.exclusive_groups):
            object.__setattr__(
                self, "exclusive_groups", tuple(tuple(g) for g in self.exclusive_groups)
            )
        object.__setattr__(self, "vote_type", VoteType(self.vote_type))
        if not isinstance(self.budget, int) or self.budget < 0:
            raise ElectionError(
                f"budget must be a non-negative integer, not {self.budget!r}",
                code="invalid_budget",
                params={"budget": self.budget},
            )
        if self.money_scale < 1:
            raise ElectionError(
                "money_scale must be at least 1",
                code="invalid_money_scale",
                params={"money_scale": self.money_scale},
            )
        if validate:  # the pabulib reader checks everything itself, line by line
            self._validate()

    def _validate(self) -> None:
        """Check what would otherwise give a silently wrong count."""
        ids = [p.id for p in self.projects]
        index = {pid: i for i, pid in enumerate(ids)}
        if len(index) != len(ids):
            dup = next(pid for pid in ids if ids.count(pid) > 1)
            raise ElectionError(
                f"duplicate project id {dup!r}", code="duplicate_project", params={"project": dup}
            )
        seen_voters: set[str] = set()
        has_points = self.vote_type in (VoteType.CUMULATIVE, VoteType.SCORING)
        for n, ballot in enumerate(self.ballots):
            for pid in ballot.projects:
                if pid not in index:
                    raise ElectionError(
                        f"ballot {ballot.voter_id or n}: vote for unknown project {pid!r}",
                        code="unknown_project",
                        params={"voter": ballot.voter_id or n, "project": pid},
                    )
            if len(set(ballot.projects)) != len(ballot.projects):
                raise ElectionError(
                    f"ballot {ballot.voter_id or n}: the same project twice",
                    code="repeated_project",
                    params={"voter": ballot.voter_id or n},
                )
            if has_points and (ballot.points is None or len(ballot.points) != len(ballot.projects)):
                raise ElectionError(
                    f"ballot {ballot.voter_id or n}: needs one number of points per project",
                    code="points_mismatch",
                    params={"voter": ballot.voter_id or n},
                )
            if ballot.voter_id:
                if ballot.voter_id in seen_voters:
                    raise ElectionError(
                        f"duplicate voter id {ballot.voter_id!r}",
                        code="duplicate_voter",
                        params={"voter": ballot.voter_id},
                    )
                seen_voters.add(ballot.voter_id)
        for group in self.exclusive_groups:
            for pid in group:
                if pid not in index:
                    raise ElectionError(
                        f"exclusive group names unknown project {pid!r}",
                        code="unknown_project",
                        params={"project": pid},
                    )

    # -- derived data -------------------------------------------------------------------

    @property
    def project_index(self) -> Mapping[str, int]:
        """Position of each project id in ``projects``."""
        if "index" not in self._cache:
            self._cache["index"] = {p.id: i for i, p in enumerate(self.projects)}
        return self._cache["index"]

    def ballot_points(self, ballot: Ballot) -> tuple[int, ...]:
        """Points a ballot gives each of its projects.

        Approval and choose-1 give 1.  Ordinal ballots use Borda as in pabulib: the first
        of ``L`` ranked projects gets ``L`` points, the next ``L - 1``..., where ``L`` is
        ``max_length`` when the election sets it, else the ballot's own length.
        """
        if ballot.points is not None and self.vote_type in (VoteType.CUMULATIVE, VoteType.SCORING):
            return ballot.points
        if self.vote_type is VoteType.ORDINAL:
            top = self.max_length or len(ballot.projects)
            return tuple(top - k for k in range(len(ballot.projects)))
        return (1,) * len(ballot.projects)

    def arrays(self) -> Arrays:
        """The ballots as merged numpy arrays (computed once, then cached)."""
        if "arrays" not in self._cache:
            self._cache["arrays"] = _build_arrays(self)
        return self._cache["arrays"]

    def with_budget(self, budget: int) -> Election:
        """The same election with another budget (for money moved between pools)."""
        clone = Election.__new__(Election)
        for f in self.__dataclass_fields__:
            object.__setattr__(clone, f, getattr(self, f))
        object.__setattr__(clone, "budget", int(budget))
        object.__setattr__(
            clone, "_cache", {k: v for k, v in self._cache.items() if k in ("index", "arrays")}
        )
        return clone


def _build_arrays(election: Election) -> Arrays:
    if isinstance(election.ballots, BallotTable) and election.ballots.group_keys is not None:
        return _arrays_from_table(election, election.ballots)
    index = election.project_index
    merged: dict[tuple, int] = {}
    weights: list[int] = []
    keys: list[tuple] = []
    for ballot in election.ballots:
        key = (ballot.projects, election.ballot_points(ballot))
        g = merged.get(key)
        if g is None:
            merged[key] = len(weights)
            weights.append(1)
            keys.append(key)
        else:
            weights[g] += 1
    m = len(election.projects)
    supp: list[list[int]] = [[] for _ in range(m)]
    pts: list[list[int]] = [[] for _ in range(m)]
    for g, (projects, points) in enumerate(keys):
        for pid, pt in zip(projects, points, strict=True):
            if pt > 0:
                j = index[pid]
                supp[j].append(g)
                pts[j].append(pt)
    weight = np.asarray(weights, dtype=np.int64)
    supporters = tuple(np.asarray(s, dtype=np.int32) for s in supp)
    points = tuple(np.asarray(p, dtype=np.float64) for p in pts)
    return _finish_arrays(weight, supporters, points, len(election.ballots))


def _arrays_from_table(election: Election, table: BallotTable) -> Arrays:
    """Vectorised version of the above for ballots read from a file."""
    if isinstance(table.group_keys, np.ndarray):  # numbered already (approval files)
        gid = table.group_keys
        n_groups = int(gid.max()) + 1 if len(gid) else 0
    else:
        groups: dict[object, int] = {}
        setdefault = groups.setdefault
        gid = np.fromiter(
            (setdefault(k, len(groups)) for k in table.group_keys),  # type: ignore[union-attr]
            dtype=np.int64,
            count=len(table),
        )
        n_groups = len(groups)
    weight = np.bincount(gid, minlength=n_groups).astype(np.int64)
    first = np.full(n_groups, -1, dtype=np.int64)
    first[gid[::-1]] = np.arange(len(table) - 1, -1, -1)  # first ballot of each group
    lens = np.diff(table.indptr)
    take_lens = lens[first]
    starts = table.indptr[first]
    total = int(take_lens.sum())
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(take_lens)[:-1])), take_lens)
    pos = np.arange(total) + offsets
    proj = table.flat[pos]
    owner = np.repeat(np.arange(n_groups, dtype=np.int32), take_lens)
    if (
        election.vote_type in (VoteType.CUMULATIVE, VoteType.SCORING)
        and table.flat_points is not None
    ):
        pts = table.flat_points[pos].astype(np.float64)  # type: ignore[index]
    elif election.vote_type is VoteType.ORDINAL:
        rank = pos - np.repeat(starts, take_lens)
        top = election.max_length or 0
        pts = (np.repeat(take_lens, take_lens) if not top else np.full(total, top)) - rank
        pts = pts.astype(np.float64)
    else:
        pts = np.ones(total, dtype=np.float64)
    if table.has_repeats:
        m = len(election.projects)
        uniq, inverse = np.unique(owner.astype(np.int64) * m + proj, return_inverse=True)
        if election.vote_type in (VoteType.CUMULATIVE, VoteType.SCORING):
            merged_pts = np.bincount(inverse, weights=pts, minlength=len(uniq))
        else:
            merged_pts = np.zeros(len(uniq))
            np.maximum.at(merged_pts, inverse, pts)
        owner, proj, pts = (uniq // m).astype(np.int32), (uniq % m).astype(np.int32), merged_pts
    keep = pts > 0
    proj, owner, pts = proj[keep], owner[keep], pts[keep]
    order = np.argsort(proj, kind="stable")
    bounds = np.searchsorted(proj[order], np.arange(len(election.projects) + 1)).tolist()
    owner, pts = owner[order], pts[order]
    supporters = tuple(owner[bounds[j] : bounds[j + 1]] for j in range(len(election.projects)))
    points = tuple(pts[bounds[j] : bounds[j + 1]] for j in range(len(election.projects)))
    return _finish_arrays(weight, supporters, points, len(table))


def _finish_arrays(
    weight: np.ndarray,
    supporters: tuple[np.ndarray, ...],
    points: tuple[np.ndarray, ...],
    n_voters: int,
) -> Arrays:
    votes = np.array([int(weight[s].sum()) for s in supporters], dtype=np.int64)
    score = np.array(
        [
            int(np.dot(weight[s], p)) if len(s) else 0
            for s, p in zip(supporters, points, strict=True)
        ],
        dtype=np.int64,
    )
    return Arrays(
        weight=weight,
        supporters=supporters,
        points=points,
        votes=votes,
        score=score,
        n_voters=n_voters,
    )


@dataclass(frozen=True)
class ProjectResult:
    """The outcome for one project, with the reason as data and as text.

    ``reason`` is a stable code and ``reason_params`` its values, for the web app's own
    translations; ``explanation_pl`` / ``explanation_en`` are ready-made sentences for the
    CLI and for cities using the library alone.  ``max_winning_cost`` and
    ``extra_supporters_needed`` are set by the Method of Equal Shares for projects that
    lost: how cheap the project would have had to be, or how many more supporters (voting
    for it alone) it would have needed, to be selected.
    """

    project_id: str
    cost: int
    votes: int
    score: int
    status: Status
    reason: str
    reason_params: Mapping[str, Any]
    explanation_pl: str
    explanation_en: str
    rank: int | None = None  # position in the rule's order of selection, 1-based
    funded_from_reserve: int = 0
    max_winning_cost: int | None = None
    extra_supporters_needed: int | None = None


@dataclass(frozen=True)
class Outcome:
    """The result of a count: the selected projects in the order the rule chose them.

    ``spent`` is the total cost of the selected projects; it exceeds ``budget`` only when
    a rule pays part of a project from outside money (Poznań's reserve, in ``details``).
    """

    rule: str
    budget: int
    spent: int
    selected: tuple[str, ...]
    results: tuple[ProjectResult, ...]
    tie_break: tuple[str, ...]
    money_scale: int = 1
    details: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)

    @property
    def unspent(self) -> int:
        """Money left in the pool (what may move to another pool)."""
        return max(self.budget - self.spent, 0)

    def result(self, project_id: str) -> ProjectResult:
        """The result row of one project."""
        for r in self.results:
            if r.project_id == project_id:
                return r
        raise KeyError(project_id)


def as_tuple(values: Sequence[str] | None) -> tuple[str, ...]:
    """Normalise an optional sequence of names into a tuple."""
    return tuple(values or ())
