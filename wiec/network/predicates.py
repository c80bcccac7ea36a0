"""Who is who in the network: its editors and administrators, and a municipality's team.

Network roles are the network's own (:class:`~wiec.network.models.NetworkRole`), apart
from any municipality's; a superuser counts as a network administrator. A
municipality's team are the people who hold an office role (official, coordinator,
administrator) in that municipality. Every predicate returns a ``bool``.
"""

from __future__ import annotations

from typing import Any

import rules

from wiec.core.predicates import is_authenticated
from wiec.core.roles import Role
from wiec.network.models import (
    AdviceRequest,
    Event,
    IssueStatus,
    NetworkRoleKind,
    NewsletterIssue,
    Practice,
    PracticeStatus,
)

TEAM_ROLES = (Role.OFFICIAL, Role.COORDINATOR, Role.ADMINISTRATOR)


#: Per user row: whether the person holds any network role (loaded with the session's
#: user, see ``wiec.core.selectors.register_user_column``).
NETWORK_ROLES_HELD = "EXISTS (SELECT 1 FROM {table} WHERE {table}.user_id = {user}.id)"


def network_roles_held_sql() -> str:
    from wiec.core.selectors import per_user_sql
    from wiec.network.models import NetworkRole

    return per_user_sql(NETWORK_ROLES_HELD, NetworkRole)


def network_roles(user: Any) -> frozenset[str]:
    """The person's network roles; no query for the many who hold none, since the
    session's user comes with ``holds_network_roles``."""
    if not is_authenticated(user):
        return frozenset()
    cached = getattr(user, "_wiec_network_roles", None)
    if cached is None:
        held = getattr(user, "holds_network_roles", None)
        if held is not None and not held:
            cached = frozenset()
        else:
            cached = frozenset(user.network_roles.values_list("role", flat=True))
        user._wiec_network_roles = cached
    return cached


@rules.predicate
def is_network_administrator(user: Any) -> bool:
    if not is_authenticated(user):
        return False
    return bool(user.is_superuser) or NetworkRoleKind.ADMINISTRATOR in network_roles(user)


@rules.predicate
def is_network_editor(user: Any) -> bool:
    return NetworkRoleKind.EDITOR in network_roles(user) or bool(is_network_administrator(user))


def _city_id(obj: Any) -> int | None:
    if obj is None:
        return None
    if hasattr(obj, "city_id"):
        return obj.city_id
    return getattr(obj, "pk", None)  # a City itself


def team_city_ids(user: Any) -> frozenset[int] | None:
    """The municipalities whose team ``user`` belongs to (``None``: every one, for a
    role that is not bound to one municipality)."""
    if not is_authenticated(user):
        return frozenset()
    cached = getattr(user, "_wiec_team_cities", "unset")
    if cached != "unset":
        return cached
    from wiec.accounts.models import RoleAssignment

    held = RoleAssignment.objects.filter(user=user, role__in=TEAM_ROLES)
    field_names = {f.name for f in RoleAssignment._meta.get_fields()}
    if "city" in field_names:
        found: frozenset[int] | None = frozenset(
            held.exclude(city__isnull=True).values_list("city_id", flat=True)
        )
    else:  # one municipality per installation: an office role covers it
        found = None if held.exists() else frozenset()
    user._wiec_team_cities = found
    return found


@rules.predicate
def is_municipality_team(user: Any, obj: Any) -> bool:
    """``user`` is on the team of the municipality ``obj`` is (or belongs to)."""
    city_id = _city_id(obj)
    if city_id is None:
        return False
    cities = team_city_ids(user)
    return cities is None or city_id in cities


@rules.predicate
def is_practice_author(user: Any, practice: Any) -> bool:
    return (
        isinstance(practice, Practice) and is_authenticated(user) and practice.author_id == user.pk
    )


@rules.predicate
def is_practice_editable(user: Any, practice: Any) -> bool:
    return isinstance(practice, Practice) and practice.status in (
        PracticeStatus.DRAFT,
        PracticeStatus.RETURNED,
    )


@rules.predicate
def is_practice_submitted(user: Any, practice: Any) -> bool:
    return isinstance(practice, Practice) and practice.status == PracticeStatus.SUBMITTED


@rules.predicate
def is_practice_published(user: Any, practice: Any) -> bool:
    return isinstance(practice, Practice) and practice.status == PracticeStatus.PUBLISHED


@rules.predicate
def is_event_cancelled(user: Any, event: Any) -> bool:
    return isinstance(event, Event) and event.cancelled_at is not None


@rules.predicate
def is_issue_draft(user: Any, issue: Any) -> bool:
    return isinstance(issue, NewsletterIssue) and issue.status == IssueStatus.DRAFT


@rules.predicate
def is_network_member(user: Any) -> bool:
    return is_authenticated(user) and hasattr(user, "network_member")


@rules.predicate
def is_advice_party(user: Any, advice: Any) -> bool:
    return isinstance(advice, AdviceRequest) and bool(is_municipality_team(user, advice))
