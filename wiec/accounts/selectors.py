"""Reads about people that other apps need: roles, residency, identity keys."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import connection
from django.db.models import Model

from wiec.accounts.models import (
    IdentityPolicy,
    ResidencyDeclaration,
    RoleAssignment,
    User,
)
from wiec.places.models import City


def signed_in_user(user_id: Any, extra: Mapping[str, str] | None = None) -> User | None:
    """The user a session belongs to, with what nearly every page asks next.

    The residency comes along (``user.residency``, or its absence, needs no query),
    and ``holds_roles`` says whether the user holds any role at all, so a resident's
    pages (almost all pages under load) skip the role look-up; ``extra`` adds columns
    (name: SQL per user row, ``{user}`` naming the user table).  Two plain look-ups by
    key through ``raw()``, which still converts every field: the ORM's join and
    annotations cost more to build, on every request of every signed-in user, than
    the database takes to answer both.
    """
    qn = connection.ops.quote_name
    table = qn(User._meta.db_table)
    columns = {"holds_roles": per_user_sql(ROLES_HELD, RoleAssignment), **(extra or {})}
    select = ", ".join(
        [f"{table}.*"]
        + [f"{sql.replace('{user}', table)} AS {qn(name)}" for name, sql in columns.items()]
    )
    found = list(
        User.objects.raw(
            f"SELECT {select} FROM {table} WHERE {table}.{qn(User._meta.pk.column)} = %s",
            [user_id],
        )
    )
    if not found:
        return None
    user = found[0]
    user.holds_roles = bool(user.holds_roles)
    residencies = list(
        ResidencyDeclaration.objects.raw(
            f"SELECT * FROM {qn(ResidencyDeclaration._meta.db_table)} WHERE "
            f"{qn(ResidencyDeclaration._meta.get_field('user').column)} = %s",
            [user.pk],
        )
    )
    residency = residencies[0] if residencies else None
    User.residency.related.set_cached_value(user, residency)
    if residency is not None:
        ResidencyDeclaration.user.field.set_cached_value(residency, user)
    return user


#: Whether the user holds any role (SQL per user row; see :func:`per_user_sql`).
ROLES_HELD = "EXISTS (SELECT 1 FROM {table} WHERE {table}.user_id = {user}.id)"


def per_user_sql(sql: str, model: type[Model]) -> str:
    """``sql`` about ``model``'s rows of one user: ``{table}`` filled in, ``{user}`` kept."""
    return sql.replace("{table}", connection.ops.quote_name(model._meta.db_table))


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
