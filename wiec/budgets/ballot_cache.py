"""The ballot's make-up, kept per process between requests of the ballot page.

Under load every voter's request needs the same rows: the edition with its city and
voting rules, its phases, the proofs of identity it accepts, its pools and which
projects stand in each.  Reading them is six tables and most of the page's work; they
change rarely and never because someone votes.  So each process keeps one copy per
edition, labelled with ``Edition.ballot_version``, and every request reads only that
number (one light query) to decide whether its copy still stands.  The version is
raised by :mod:`wiec.budgets.signals` on every save or delete of those rows, in the
writer's transaction; a copy older than :data:`MAX_AGE` is read again in any case, for
writes that bypass signals (bulk imports into a new edition, a renamed city).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from django.db.models import Model
from django.http import Http404
from django.shortcuts import get_object_or_404

from wiec.budgets.models import Edition
from wiec.budgets.voting import ready_projects

#: Seconds after which a copy is read again even if the version did not change.
MAX_AGE = 60.0

RELATIONS = ("phases", "accepted_policies", "pools")


@dataclass(frozen=True)
class BallotMakeUp:
    version: int
    read_at: float
    edition: Edition
    related: Mapping[str, tuple[Model, ...]]
    ready: Mapping[int, int]  # each project on the ballot -> its pool


_copies: dict[str, BallotMakeUp] = {}


def _read(slug: str) -> BallotMakeUp:
    edition = get_object_or_404(Edition.objects.select_related("city", "voting"), slug=slug)
    ready = ready_projects(edition)
    return BallotMakeUp(
        version=edition.ballot_version,
        read_at=time.monotonic(),
        edition=edition,
        related={
            "phases": tuple(edition.phases.all()),
            "accepted_policies": tuple(edition.accepted_policies.all()),
            "pools": tuple(edition.pools.all()),
        },
        ready=MappingProxyType(ready),
    )


def _prefill(instance: Model, name: str, objects: Iterable[Model]) -> None:
    """Fill ``instance.<name>.all()`` as ``prefetch_related`` would, without a query.

    Each request gets its own copies, so nothing one request does to a pool or a
    phase reaches another's.
    """
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache = [copy.copy(obj) for obj in objects]
    queryset._prefetch_done = True
    instance._prefetched_objects_cache[name] = queryset


def voting_edition(slug: str) -> tuple[Edition, Mapping[int, int]]:
    """The edition with its phases, accepted proofs and pools; and the ballot's projects.

    One light query while the process's copy is current (see the module's docstring).
    The edition is the request's own copy.
    """
    # The creation time tells a re-created edition with the same address and version.
    stamp = (
        Edition.objects.filter(slug=slug).values_list("pk", "created_at", "ballot_version").first()
    )
    if stamp is None:
        raise Http404
    make_up = _copies.get(slug)
    if (
        make_up is None
        or (make_up.edition.pk, make_up.edition.created_at, make_up.version) != stamp
        or time.monotonic() - make_up.read_at > MAX_AGE
    ):
        make_up = _copies[slug] = _read(slug)
    edition = copy.copy(make_up.edition)
    edition._state.fields_cache = {
        name: copy.copy(related) for name, related in edition._state.fields_cache.items()
    }
    edition._prefetched_objects_cache = {}
    for name in RELATIONS:
        _prefill(edition, name, make_up.related[name])
    return edition, make_up.ready


def forget() -> None:
    """Drop every copy (between tests, and after writes that bypass signals)."""
    _copies.clear()
