"""Reads about people that other apps need: roles, residency, identity keys."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Field, Model, QuerySet
from django.db.models.expressions import RawSQL

from wiec.accounts.models import (
    IdentityPolicy,
    ResidencyDeclaration,
    RoleAssignment,
    User,
)
from wiec.places.models import City


def signed_in_users() -> QuerySet[User]:
    """Users as a session loads them, with what nearly every page asks next.

    The residency comes along, and whether the user holds any role at all, so that a
    resident's pages (almost all pages under load) need no more queries for either.
    """
    return User.objects.select_related("residency").annotate(
        holds_roles=correlated(
            "EXISTS (SELECT 1 FROM {table} WHERE {table}.user_id = {user}.id)",
            RoleAssignment,
            BooleanField(),
        )
    )


def correlated(sql: str, model: type[Model], output_field: Field) -> RawSQL:
    """A subquery on ``model`` per user row, as SQL: ``{table}`` and ``{user}`` are named.

    For the query that loads the session's user on every request: the ORM's
    ``Exists``/``Subquery`` cost more to compile than the database takes to answer.
    """
    return RawSQL(
        sql.format(table=model._meta.db_table, user=User._meta.db_table),
        (),
        output_field=output_field,
    )


def load_role_scopes(user: Any) -> dict[str, frozenset[int] | None]:
    """Each role of the user with its districts (``None``: the whole city)."""
    if getattr(user, "holds_roles", None) is False:
        return {}
    scopes: dict[str, frozenset[int] | None] = {}
    assignments = RoleAssignment.objects.filter(user=user).prefetch_related("districts")
    for assignment in assignments:
        ids = frozenset(d.pk for d in assignment.districts.all())
        scopes[assignment.role] = ids or None
    return scopes


def residency_of(user: Any) -> ResidencyDeclaration | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.residency
    except ResidencyDeclaration.DoesNotExist:
        return None


def is_verified_resident(user: Any) -> bool:
    declaration = residency_of(user)
    return declaration is not None and declaration.is_verified


def identity_key_of(user: Any) -> str | None:
    """The keyed hash that makes one person one vote, if the proof gave one."""
    declaration = residency_of(user)
    if declaration is None or not declaration.is_verified:
        return None
    return declaration.identity_key


def default_policy(city: City) -> IdentityPolicy:
    """The city's default identity policy, created as a plain declaration if missing."""
    policy = IdentityPolicy.objects.filter(city=city, is_city_default=True).first()
    if policy is None:
        policy = IdentityPolicy.objects.create(
            city=city, name="Oświadczenie o zamieszkaniu", is_city_default=True
        )
    return policy


def pending_declarations_for(official: Any) -> list[ResidencyDeclaration]:
    """Declarations awaiting confirmation that this official may confirm."""
    pending = ResidencyDeclaration.objects.pending().select_related("user", "district")
    return [d for d in pending if official.has_perm("accounts.confirm_residency", d)]
