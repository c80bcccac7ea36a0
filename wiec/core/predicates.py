"""Every permission decision of Wiec is built from these predicates.

Each predicate returns a ``bool`` (never ``None``).  Apps combine them with ``&``,
``|`` and ``~`` in their ``rules.py``; views, templates and services ask
``user.has_perm("app.action", obj)``.  The role table is in docs/permissions.md.

Municipality: every role is held in one municipality, and a predicate asks about
the role in the municipality of the object (``object_city_id``), or in the current
one (``current_city()``) when there is no object.  An official of Wieliczka has no
rights in Kraków; only the installation's superuser is an administrator everywhere.

Scope: an official may be limited to chosen districts.  An object tells its
district through ``scope_district_id`` (or ``district_id``); ``None`` means the
object concerns the whole city, which only a city-wide official may handle.
"""

from __future__ import annotations

from typing import Any

import rules

from wiec.core.roles import Role

CITY_WIDE = None

#: Attributes through which a record reaches the record that carries its municipality,
#: tried in order (a remark's consultation, a vote's ballot's edition, ...).
PARENTS = (
    "edition",
    "consultation",
    "panel",
    "proposal",
    "request",
    "pool",
    "ballot",
    "statement",
    "lottery",
    "recommendation",
    "meeting",
    "survey",
    "implementation",
    "comment",
    "run",
    "pool_result",
    "response",
    "question",
    "session",
    "respondent",
    "panelist",
)


def object_city_id(obj: Any, depth: int = 0) -> int | None:
    """The municipality a record belongs to (directly or through its parent)."""
    if obj is None or depth > 4:
        return None
    for attribute in ("scope_city_id", "city_id"):
        value = getattr(obj, attribute, None)
        if value is not None:
            return value
    for attribute in PARENTS:
        parent = getattr(obj, attribute, None)
        if parent is not None and not callable(parent):
            found = object_city_id(parent, depth + 1)
            if found is not None:
                return found
    return None


def city_of_decision(obj: Any) -> int | None:
    """The municipality a permission is decided in: the object's, else the current one."""
    found = object_city_id(obj)
    if found is not None:
        return found
    from wiec.places.selectors import current_city

    city = current_city()
    return city.pk if city is not None else None


def all_role_scopes(user: Any) -> dict[int, dict[str, frozenset[int] | None]]:
    """Every municipality a user holds roles in, each with its roles and their scopes."""
    if user is None or not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_wiec_role_scopes", None)
    if cached is None:
        # The user model (accounts, a layer above core) knows where roles are stored.
        cached = user.load_role_scopes()
        user._wiec_role_scopes = cached
    return cached


def role_scopes(user: Any, obj: Any = None) -> dict[str, frozenset[int] | None]:
    """Roles of a user in the municipality of ``obj`` (or the current one), mapped to
    their district scope (``None``: the whole municipality)."""
    held = all_role_scopes(user)
    if not held:
        return {}
    return held.get(city_of_decision(obj), {})


def object_district_id(obj: Any) -> int | None:
    if obj is None:
        return None
    if hasattr(obj, "scope_district_id"):
        return obj.scope_district_id
    return getattr(obj, "district_id", None)


@rules.predicate
def is_authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def has_role(role: Role) -> rules.Predicate:
    @rules.predicate(name=f"has_role_{role.value}")
    def predicate(user: Any, obj: Any = None) -> bool:
        return role.value in role_scopes(user, obj)

    return predicate


is_official = has_role(Role.OFFICIAL)
is_coordinator = has_role(Role.COORDINATOR)
is_moderator = has_role(Role.MODERATOR)


@rules.predicate
def is_administrator(user: Any, obj: Any = None) -> bool:
    """The municipality's administrator, or the installation's (a superuser)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or Role.ADMINISTRATOR.value in role_scopes(user, obj)


@rules.predicate
def is_verified_resident(user: Any, obj: Any = None) -> bool:
    """A verified resident of the object's municipality (or the current one): each
    municipality's own eligibility decides, a resident of Kraków is none of Wieliczka."""
    if not is_authenticated(user):
        return False
    return bool(user.is_verified_resident(city_of_decision(obj)))


@rules.predicate
def is_official_in_scope(user: Any, obj: Any) -> bool:
    """An official of the object's municipality whose districts include the object's
    district (city-wide covers all)."""
    scopes = role_scopes(user, obj)
    if Role.OFFICIAL.value not in scopes:
        return False
    scope = scopes[Role.OFFICIAL.value]
    if scope is CITY_WIDE:
        return True
    district_id = object_district_id(obj)
    return district_id is not None and district_id in scope


@rules.predicate
def is_city_wide_official(user: Any, obj: Any = None) -> bool:
    scopes = role_scopes(user, obj)
    return Role.OFFICIAL.value in scopes and scopes[Role.OFFICIAL.value] is CITY_WIDE


@rules.predicate
def is_owner(user: Any, obj: Any) -> bool:
    """The object belongs to the user (its ``user``/``author``/``owner`` is them)."""
    if obj is None or not is_authenticated(user):
        return False
    for field in ("user_id", "author_id", "owner_id"):
        if hasattr(obj, field):
            return getattr(obj, field) == user.pk
    return False


is_staff_member = is_official | is_coordinator | is_moderator | is_administrator
