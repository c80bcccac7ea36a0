"""Counting an edition through wiec.tally, previewing and publishing, and recounting.

Counting is a background task (``tasks.count_edition``) that writes its progress on
the ``CountRun`` row; officials look at the result and publish it.  ``recount``
recomputes a published result from the stored ballots and lists every difference.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from wiec import tally
from wiec.budgets.adapters import election_for
from wiec.budgets.models import (
    BallotType,
    CountRun,
    CountState,
    Edition,
    Implementation,
    Pool,
    PoolResult,
    ProjectResult,
)
from wiec.budgets.phases import PhaseType
from wiec.core.access import ensure
from wiec.core.participation import outcomes_recorded
from wiec.core.services import record_event

WHAT_IF_RULES = ["greedy", "equalshares", "equalshares/add1", "phragmen"]
#: Rules that count ballots ticking projects only (``tally.rules.phragmen`` refuses
#: points with ``unsupported_vote_type``); other rules count every ballot type.
TICK_ONLY_RULES = frozenset({"phragmen"})
#: The Method of Equal Shares leaves money unspent; the variant a city would use spends it.
COMPLETED = {"equalshares": "equalshares/add1", "equalshares-comparison": "equalshares/add1"}


def rule_fits(rule: str, ballot_type: str) -> bool:
    """Whether ``rule`` can count ballots of ``ballot_type`` (a pool's) at all."""
    ticks = ballot_type in (BallotType.APPROVAL, BallotType.CHOOSE_ONE)
    return ticks or rule not in TICK_ONLY_RULES


def voting_end(edition: Edition) -> datetime.date | None:
    """The last day of voting, if the edition votes here (imported editions do not).

    Nobody counts before it has passed: results known to staff while residents still
    vote could leak and sway the vote, and no city publishes partial results.
    """
    phase = edition.phase(PhaseType.VOTING)
    return phase.ends_on if phase else None


@transaction.atomic
def start_count(*, actor: Any, edition: Edition, rule: str = "") -> CountRun:
    """Queue a count of every pool (with each pool's rule, or ``rule`` for all)."""
    ensure(actor, "budgets.count_votes", edition)
    if rule and rule not in tally.RULES:
        raise ValidationError(_("Unknown counting rule."), code="rule")
    voting_ends = voting_end(edition)
    if voting_ends is not None and timezone.localdate() <= voting_ends:
        raise ValidationError(
            _("Votes are counted once voting has ended, after %(date)s."),
            code="voting_open",
            params={"date": formats.date_format(voting_ends, "SHORT_DATE_FORMAT")},
        )
    run = CountRun.objects.create(
        edition=edition, rule=rule, started_by=actor if actor.is_authenticated else None
    )
    record_event(
        actor=actor,
        action="budgets.count_started",
        target=edition,
        data={"run": run.pk, "rule": rule},
    )
    from wiec.budgets.tasks import count_edition

    # Queued in this transaction: the database worker sees it once we commit; the
    # immediate backend (tests) runs it now.
    count_edition.enqueue(run.pk)
    return run


def count_pool(pool: Pool, rule: str | None = None) -> tuple[tally.Election, tally.Outcome]:
    election = election_for(pool)
    return election, tally.count(election, rule=rule or pool.counting_rule)


def _ordered(outcome: tally.Outcome) -> list[tally.ProjectResult]:
    return sorted(outcome.results, key=lambda r: (-r.score, -r.votes, r.project_id))


def store_outcome(
    run: CountRun, pool: Pool, election: tally.Election, outcome: tally.Outcome
) -> PoolResult:
    pool_result = PoolResult.objects.create(
        run=run,
        pool=pool,
        rule=outcome.rule,
        budget=outcome.budget,
        spent=outcome.spent,
        voters=len(election.ballots),
    )
    ProjectResult.objects.bulk_create(
        ProjectResult(
            pool_result=pool_result,
            proposal_id=int(r.project_id),
            position=k,
            votes=r.votes,
            score=r.score,
            cost=r.cost,
            selected=r.status == tally.Status.SELECTED,
            status=str(r.status),
            reason=r.reason,
            reason_params=_plain(r.reason_params),
        )
        for k, r in enumerate(_ordered(outcome), start=1)
    )
    return pool_result


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters JSON can keep (the engine's are numbers and strings)."""
    return {k: v for k, v in params.items() if isinstance(v, int | float | str | bool | None)}


def run_count(run: CountRun) -> CountRun:
    """Count every pool of the run's edition, keeping progress on the row."""
    pools = list(run.edition.pools.select_related("district", "edition__city"))
    CountRun.objects.filter(pk=run.pk).update(state=CountState.RUNNING, progress=0)
    run.pools.all().delete()
    try:
        for n, pool in enumerate(pools, start=1):
            with transaction.atomic():  # each pool whole; progress visible between pools
                election, outcome = count_pool(pool, run.rule or None)
                store_outcome(run, pool, election, outcome)
            _progress(run, n / len(pools), pool.name)
    except tally.TallyError as error:
        run.pools.all().delete()
        CountRun.objects.filter(pk=run.pk).update(
            state=CountState.FAILED,
            message=str(error)[:300],  # English, for the log
            error={"code": error.code, "params": _plain(error.params)},
        )
        raise
    CountRun.objects.filter(pk=run.pk).update(
        state=CountState.DONE, progress=1, message="", finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def _progress(run: CountRun, fraction: float, message: str) -> None:
    CountRun.objects.filter(pk=run.pk).update(progress=fraction, message=message[:300])


@transaction.atomic
def publish_count(*, actor: Any, run: CountRun) -> CountRun:
    """Publish a finished count; its selected projects get an implementation record."""
    ensure(actor, "budgets.count_votes", run.edition)
    if run.state != CountState.DONE:
        raise ValidationError(_("Only a finished count can be published."), code="not_done")
    CountRun.objects.filter(edition=run.edition, published=True).exclude(pk=run.pk).update(
        published=False
    )
    run.published = True
    run.published_at = timezone.now()
    run.save(update_fields=["published", "published_at"])
    selected = ProjectResult.objects.filter(pool_result__run=run, selected=True)
    Implementation.objects.bulk_create(
        [Implementation(proposal_id=r.proposal_id) for r in selected], ignore_conflicts=True
    )
    outcomes_recorded.send(
        sender=Implementation,
        pks=list(
            Implementation.objects.filter(
                proposal_id__in=[r.proposal_id for r in selected]
            ).values_list("pk", flat=True)
        ),
    )
    record_event(
        actor=actor, action="budgets.results_published", target=run.edition, data={"run": run.pk}
    )
    return run


def published_run(edition: Edition) -> CountRun | None:
    return edition.counts.filter(published=True).first()


def recount(run: CountRun) -> list[str]:
    """Count every pool of a stored result again from the ballots; list the differences."""
    differences = []
    for pool_result in run.pools.select_related("pool", "pool__district", "pool__edition__city"):
        _election, outcome = count_pool(pool_result.pool, pool_result.rule)
        fresh = {int(r.project_id): r for r in outcome.results}
        stored = {r.proposal_id: r for r in pool_result.projects.all()}
        name = f"{run.edition.slug} / {pool_result.pool.name}"
        if set(fresh) != set(stored):
            differences.append(f"{name}: the projects differ")
            continue
        for pk, row in stored.items():
            new = fresh[pk]
            was = (row.votes, row.score, row.selected)
            now = (new.votes, new.score, new.status == tally.Status.SELECTED)
            if was != now:
                differences.append(
                    f"{name}: project {pk}: stored votes/score/selected {was}, recount {now}"
                )
    return differences
