"""Reads about people that other apps need: roles, residency, identity keys."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.db import connection
from django.db.models import Field

from wiec.accounts.models import (
    IdentityPolicy,
    ResidencyDeclaration,
    RoleAssignment,
    User,
)
from wiec.core.selectors import per_user_sql
from wiec.places import tenancy
from wiec.places.models import City


def signed_in_user(user_id: Any, extra: Mapping[str, str] | None = None) -> User | None:
    """The user a session belongs to, with what nearly every page asks next.

    The residency in the current municipality comes along (:func:`residency_of`
    then needs no query for it, nor for its absence),
    and ``holds_roles`` says whether the user holds any role at all, so a resident's
    pages (almost all pages under load) skip the role look-up; ``extra`` adds columns
    (name: SQL per user row, ``{user}`` naming the user table).  One plain query,
    whose values go through each field's converters as the ORM's would: building the
    ORM's join and annotations cost more, on every request of every signed-in user,
    than the database takes to answer.
    """
    from wiec.places.selectors import current_city

    city = current_city()
    city_id = city.pk if city is not None else None
    query = _signed_in_user_query(tuple((extra or {}).items()))
    with connection.cursor() as cursor:
        cursor.execute(query.sql, [city_id, user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    values = [convert(value) for convert, value in zip(query.converters, row, strict=True)]
    n_user, n_residency = len(query.user_fields), len(query.residency_fields)
    user = User.from_db(connection.alias, query.user_fields, values[:n_user])
    residency_values = values[n_user : n_user + n_residency]
    residency = None
    if residency_values[0] is not None:  # the residency's primary key: there is one
        residency = ResidencyDeclaration.from_db(
            connection.alias, query.residency_fields, residency_values
        )
        ResidencyDeclaration.user.field.set_cached_value(residency, user)
    if city_id is not None:
        _residencies(user)[city_id] = residency
    for name, value in zip(query.extra_names, values[n_user + n_residency :], strict=True):
        setattr(user, name, value)
    user.holds_roles = bool(user.holds_roles)
    user.email_verified = bool(user.email_verified)
    return user


@dataclass(frozen=True)
class _UserQuery:
    sql: str
    user_fields: list[str]
    residency_fields: list[str]
    extra_names: list[str]
    converters: list[Callable[[Any], Any]]


@functools.cache
def _signed_in_user_query(extra: tuple[tuple[str, str], ...]) -> _UserQuery:
    """The SQL of :func:`signed_in_user`, and how to convert its columns (per process)."""
    qn = connection.ops.quote_name
    user_table = User._meta.db_table
    residency_table = ResidencyDeclaration._meta.db_table
    user_fields = [f for f in User._meta.concrete_fields]
    residency_fields = [f for f in ResidencyDeclaration._meta.concrete_fields]
    residency_fields.sort(key=lambda f: not f.primary_key)  # the key first: NULL when none
    columns = {
        "holds_roles": per_user_sql(ROLES_HELD, RoleAssignment),
        "email_verified": per_user_sql(EMAIL_VERIFIED, EmailAddress),
        **dict(extra),
    }
    select = [f"{qn(user_table)}.{qn(f.column)}" for f in user_fields]
    select += [f"{qn(residency_table)}.{qn(f.column)}" for f in residency_fields]
    select += [f"{sql.replace('{user}', qn(user_table))} AS {qn(n)}" for n, sql in columns.items()]
    user_key = ResidencyDeclaration._meta.get_field("user").column
    city_key = ResidencyDeclaration._meta.get_field("city").column
    sql = (
        f"SELECT {', '.join(select)} FROM {qn(user_table)} "
        f"LEFT JOIN {qn(residency_table)} "
        f"ON {qn(residency_table)}.{qn(user_key)} = {qn(user_table)}.{qn(User._meta.pk.column)} "
        f"AND {qn(residency_table)}.{qn(city_key)} = %s "
        f"WHERE {qn(user_table)}.{qn(User._meta.pk.column)} = %s"
    )
    converters = [_converter(f, user_table) for f in user_fields]
    converters += [_converter(f, residency_table) for f in residency_fields]
    converters += [lambda value: value] * len(columns)
    return _UserQuery(
        sql=sql,
        user_fields=[f.attname for f in user_fields],
        residency_fields=[f.attname for f in residency_fields],
        extra_names=list(columns),
        converters=converters,
    )


def _converter(field: Field, table: str) -> Callable[[Any], Any]:
    """The database's and the field's own conversions of a raw value, as the ORM runs them."""
    column = field.get_col(table)
    steps = connection.ops.get_db_converters(column) + column.get_db_converters(connection)

    def convert(value: Any) -> Any:
        for step in steps:
            value = step(value, column, connection)
        return value

    return convert


#: Whether the user holds any role (SQL per user row; see :func:`per_user_sql`).
ROLES_HELD = "EXISTS (SELECT 1 FROM {table} WHERE {table}.user_id = {user}.id)"

#: Whether the user confirmed an e-mail address (allauth's ``EmailAddress.verified``).
EMAIL_VERIFIED = (
    "EXISTS (SELECT 1 FROM {table} WHERE {table}.user_id = {user}.id AND {table}.verified)"
)


def email_verified(user: Any) -> bool:
    """Whether the person confirmed their e-mail address (by allauth's link)."""
    if user is None or not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def load_role_scopes(user: Any) -> dict[int, dict[str, frozenset[int] | None]]:
    """Each municipality the user holds roles in: each role with its districts
    (``None``: the whole municipality)."""
    if getattr(user, "holds_roles", None) is False:
        return {}
    scopes: dict[int, dict[str, frozenset[int] | None]] = {}
    assignments = RoleAssignment.objects.filter(user=user).prefetch_related("districts")
    for assignment in assignments:
        ids = frozenset(d.pk for d in assignment.districts.all())
        scopes.setdefault(assignment.city_id, {})[assignment.role] = ids or None
    return scopes


def _residencies(user: Any) -> dict[int, ResidencyDeclaration | None]:
    """The user's declarations read so far, per municipality (kept on the user)."""
    # Through attributes, not ``__dict__``: ``request.user`` is a lazy proxy.
    known = getattr(user, "_residency_by_city", None)
    if known is None:
        known = {}
        user._residency_by_city = known
    return known


def forget_residencies(user: Any) -> None:
    """After a declaration changes: read it again next time."""
    user._residency_by_city = {}


def residency_of(user: Any, city: City | int | None = None) -> ResidencyDeclaration | None:
    """The user's declaration in ``city`` (by default the current municipality)."""
    if user is None or not user.is_authenticated:
        return None
    if city is None:
        from wiec.places.selectors import current_city

        city = current_city()
        if city is None:
            return None
    city_id = city if isinstance(city, int) else city.pk
    known = _residencies(user)
    if city_id not in known:
        known[city_id] = (
            ResidencyDeclaration.objects.filter(user=user, city_id=city_id)
            .select_related("district")
            .first()
        )
    return known[city_id]


def residencies_of(user: Any) -> list[ResidencyDeclaration]:
    """Every municipality the user declared they live (or study, work) in.

    The person's own, so read past row-level security (a municipality's page shows its
    resident where else they declared); the query is the user's alone.
    """
    if user is None or not user.is_authenticated:
        return []
    with tenancy.scoped(None):
        rows = ResidencyDeclaration.objects.filter(user=user).select_related("city", "district")
        return list(rows)


def is_verified_resident(user: Any, city_id: int | None = None) -> bool:
    """Verified as a resident of the municipality ``city_id`` (by default the current one)."""
    declaration = residency_of(user, city_id)
    return declaration is not None and declaration.is_verified


def identity_key_of(user: Any, city: City | int | None = None) -> str | None:
    """The keyed hash that makes one person one vote, if the proof gave one
    (from the declaration in ``city``, by default the current municipality)."""
    declaration = residency_of(user, city)
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
    from wiec.places.selectors import current_city

    pending = (
        ResidencyDeclaration.objects.pending()
        .filter(city=current_city())
        .select_related("user", "district")
    )
    return [d for d in pending if official.has_perm("accounts.confirm_residency", d)]


def person_for_unsubscribe(user_id: int) -> User | None:
    """The account an unsubscribe link names, if it still receives e-mail at all."""
    return User.objects.filter(pk=user_id, is_active=True, anonymised_at__isnull=True).first()
