"""The only place that turns budget rows into wiec.tally's types and back."""

from __future__ import annotations

from wiec import tally
from wiec.budgets.models import (
    ON_BALLOT,
    Ballot,
    BallotChoice,
    BallotState,
    BallotType,
    Pool,
    PoolKind,
    Proposal,
)

VOTE_TYPES = {
    BallotType.APPROVAL: tally.VoteType.APPROVAL,
    BallotType.CHOOSE_ONE: tally.VoteType.CHOOSE_1,
    BallotType.CUMULATIVE: tally.VoteType.CUMULATIVE,
}


def _ordinal_is_borda(pool: Pool, length: int) -> bool:
    points = pool.points_list()
    return not points or points == list(range(length, 0, -1))


def election_for(
    pool: Pool, *, with_results: dict[int, tuple[int, int, bool]] | None = None
) -> tally.Election:
    """The pool's projects and counted ballots as a ``tally.Election`` (money in grosze).

    Ranking ballots whose points are Borda's (3-2-1 for three places) stay ``ordinal``;
    other points (5-3-1) are passed as ``scoring`` with each vote's points.
    ``with_results`` (proposal id -> votes, score, selected) fills the declared columns
    for export.
    """
    from wiec.budgets.voting import vote_limit

    proposals = list(
        Proposal.objects.filter(pool=pool, status__in=ON_BALLOT)
        .order_by("pk")
        .values_list("pk", "cost", "title", "latitude", "longitude")
    )
    limit = vote_limit(pool, len(proposals))
    vote_type = VOTE_TYPES.get(pool.ballot_type)
    if pool.ballot_type == BallotType.ORDINAL:
        vote_type = (
            tally.VoteType.ORDINAL if _ordinal_is_borda(pool, limit) else tally.VoteType.SCORING
        )
    with_points = vote_type in (tally.VoteType.CUMULATIVE, tally.VoteType.SCORING)
    with_points_or_rank = vote_type.has_points
    # The pool's votes in ballot order straight from the index on (pool, ballot,
    # position); the few void ballots are left out here rather than by a join.
    void = set(
        Ballot.objects.filter(edition_id=pool.edition_id)
        .exclude(state=BallotState.VALID)
        .values_list("pk", flat=True)
    )
    rows = (
        BallotChoice.objects.filter(pool=pool)
        .order_by("ballot_id", "position")
        .values_list("ballot_id", "proposal_id", "points")
        .iterator(chunk_size=50000)
    )
    names = {pk: str(pk) for pk, *_rest in proposals}
    ballots: list[tally.Ballot] = []
    current, ids, points = None, [], []

    def close() -> None:
        if ids and current not in void:
            ballots.append(
                tally.Ballot(tuple(ids), tuple(points) if with_points else None, str(current))
            )

    # One pass over the votes (a plain loop: this runs for every vote of the edition).
    for ballot_id, proposal_id, vote_points in rows:
        if ballot_id != current:
            close()
            current, ids, points = ballot_id, [], []
        ids.append(names.get(proposal_id) or str(proposal_id))
        points.append(vote_points)
    close()
    results = with_results or {}
    projects = [
        tally.Project(
            str(pk),
            cost,
            name=title,
            latitude=lat,
            longitude=lon,
            votes=results[pk][0] if pk in results else None,
            score=results[pk][1] if pk in results and with_points_or_rank else None,
            selected=int(results[pk][2]) if pk in results else None,
        )
        for pk, cost, title, lat, lon in proposals
    ]
    edition = pool.edition
    voting = edition.phase("voting")
    meta = {
        "description": pool.name,
        "country": "Poland",
        "unit": edition.city.name,
        "instance": edition.slug,
        "language": "pl",
        "currency": "PLN",
    }
    if pool.kind == PoolKind.DISTRICT and pool.district_id:
        meta["district"] = meta["subunit"] = pool.district.name
    if voting is not None:
        meta["date_begin"] = voting.starts_on.strftime("%d.%m.%Y")
        meta["date_end"] = voting.ends_on.strftime("%d.%m.%Y")
    return tally.Election(
        projects=tuple(projects),
        ballots=ballots,
        budget=pool.amount,
        vote_type=vote_type,
        # pabulib names greedy with a vote threshold "greedy-threshold" (the engine
        # applies the threshold under either name).
        rule="greedy-threshold"
        if pool.min_votes and pool.counting_rule == "greedy"
        else pool.counting_rule,
        min_project_score_threshold=pool.min_votes,
        min_length=pool.min_choices,
        max_length=None
        if pool.ballot_type == BallotType.CUMULATIVE
        else limit
        if pool.ballot_type == BallotType.ORDINAL
        else min(limit, len(proposals)),
        max_sum_points=pool.points_budget if with_points and pool.points_budget else None,
        money_scale=100,
        meta=meta,
        validate=False,  # the database already holds every invariant the check looks for
    )
