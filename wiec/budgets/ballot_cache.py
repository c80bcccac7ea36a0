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

from django.db import connection
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from wiec.budgets.models import Edition
from wiec.budgets.voting import ready_projects
from wiec.places.selectors import current_city

#: Seconds after which a copy is read again even if the version did not change.
MAX_AGE = 60.0

RELATIONS = ("phases", "accepted_policies", "pools")
#: The edition's columns that tell whether a copy still stands.
STAMP = ("id", "created_at", "ballot_version")


@dataclass(frozen=True)
class BallotMakeUp:
    stamp: tuple  # the edition's (pk, created_at, ballot_version) when it was read
    read_at: float
    edition: Edition
    related: Mapping[str, tuple[QuerySet, tuple[Model, ...]]]  # unevaluated query, rows
    ready: Mapping[int, int]  # each project on the ballot -> its pool


#: Per (municipality, address): editions' addresses are unique within a municipality.
_copies: dict[tuple[int | None, str], BallotMakeUp] = {}


def _stamp(city_id: int | None, slug: str) -> tuple | None:
    """What tells whether a copy still stands: the ballot page's one query, in plain SQL.

    The creation time tells a re-created edition with the same address and version.
    """
    qn = connection.ops.quote_name
    meta = Edition._meta
    columns = ", ".join(qn(meta.get_field(name).column) for name in STAMP)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {qn(meta.db_table)} "
            f"WHERE {qn(meta.get_field('slug').column)} = %s "
            f"AND {qn(meta.get_field('city').column)} = %s",
            [slug, city_id],
        )
        row = cursor.fetchone()
    return tuple(row) if row else None


def _read(city_id: int | None, slug: str, stamp: tuple) -> BallotMakeUp:
    edition = get_object_or_404(
        Edition.objects.select_related("city", "voting"), slug=slug, city_id=city_id
    )
    related = {}
    for name in RELATIONS:
        query = getattr(edition, name).get_queryset()
        related[name] = (query, tuple(query.all()))
    return BallotMakeUp(
        stamp=stamp,
        read_at=time.monotonic(),
        edition=edition,
        related=related,
        ready=MappingProxyType(ready_projects(edition)),
    )


def _own_copy(obj: Model) -> Model:
    """A shallow copy of a model instance, as ``copy.copy`` makes it (the instance's
    state and its cache of related objects are the copy's own), without pickling's
    detour through ``__reduce__``, which cost more than the rest of the page's copy."""
    clone = object.__new__(type(obj))
    clone.__dict__ = obj.__dict__.copy()
    clone._state = copy.copy(obj._state)
    clone._state.fields_cache = obj._state.fields_cache.copy()
    return clone


def _prefill(instance: Model, name: str, query: QuerySet, objects: Iterable[Model]) -> None:
    """Fill ``instance.<name>.all()`` as ``prefetch_related`` would, without a query.

    ``query`` is the relation's own (so a ``.filter()`` on it still asks the database
    the right question); each request gets a clone of it and its own copies of the
    rows, so nothing one request does to a pool or a phase reaches another's.
    """
    queryset = query.all()
    queryset._result_cache = [_own_copy(obj) for obj in objects]
    queryset._prefetch_done = True
    instance._prefetched_objects_cache[name] = queryset


def voting_edition(slug: str) -> tuple[Edition, Mapping[int, int]]:
    """The edition with its phases, accepted proofs and pools; and the ballot's projects.

    One light query while the process's copy is current (see the module's docstring).
    The edition is the request's own copy, of the current municipality.
    """
    city = current_city()
    city_id = city.pk if city is not None else None
    stamp = _stamp(city_id, slug)
    if stamp is None:
        raise Http404
    make_up = _copies.get((city_id, slug))
    if make_up is None or make_up.stamp != stamp or time.monotonic() - make_up.read_at > MAX_AGE:
        make_up = _copies[city_id, slug] = _read(city_id, slug, stamp)
    edition = _own_copy(make_up.edition)
    edition._state.fields_cache = {
        name: related and _own_copy(related)
        for name, related in edition._state.fields_cache.items()
    }
    edition._prefetched_objects_cache = {}
    for name, (query, objects) in make_up.related.items():
        _prefill(edition, name, query, objects)
    return edition, make_up.ready


def forget() -> None:
    """Drop every copy (between tests, and after writes that bypass signals)."""
    _copies.clear()
