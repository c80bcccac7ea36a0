"""Reads of core data that other apps and the layout need."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.db.models import Model

from wiec.core.models import Notification


def per_user_sql(sql: str, model: type[Model]) -> str:
    """``sql`` about ``model``'s rows of one user: ``{table}`` filled in, ``{user}`` kept.

    For the columns :func:`wiec.accounts.selectors.signed_in_user` adds to the query
    that loads the session's user.
    """
    return sql.replace("{table}", connection.ops.quote_name(model._meta.db_table))


#: Columns other apps add to the query that loads the session's user: name -> a
#: function giving SQL per user row (``{user}`` naming the user table).  An app above
#: accounts registers one in its ``AppConfig.ready`` (the network: whether the person
#: holds a network role), so that its predicates need no query of their own.
_USER_COLUMNS: dict[str, Callable[[], str]] = {}


def register_user_column(name: str, sql: Callable[[], str]) -> None:
    """Load ``name`` with every signed-in user (an attribute of ``request.user``)."""
    _USER_COLUMNS[name] = sql


def user_columns() -> dict[str, str]:
    """The columns of :func:`register_user_column` and the unread count, as SQL."""
    return {"unread_notifications": unread_notifications_sql()} | {
        name: sql() for name, sql in _USER_COLUMNS.items()
    }


def unread_notifications_sql() -> str:
    """SQL per user row: how many notifications the user has not read.

    For :func:`wiec.accounts.selectors.signed_in_user`, so that every page's layout
    shows the count without a query of its own.
    """
    from wiec.places.selectors import current_city

    city = current_city()
    # Those of the municipality being read (an integer, written into the SQL: one
    # cached query per municipality), and those of none.
    here = f" OR {{table}}.city_id = {int(city.pk)}" if city is not None else ""
    return per_user_sql(
        "(SELECT COUNT(*) FROM {table} WHERE {table}.recipient_id = {user}.id"
        f" AND {{table}}.read_at IS NULL AND ({{table}}.city_id IS NULL{here}))",
        Notification,
    )


def unread_notifications(user) -> int:
    """How many notifications the user has not read (0 for anonymous visitors)."""
    if user is None or not user.is_authenticated:
        return 0
    known = getattr(user, "unread_notifications", None)
    if isinstance(known, int):
        return known
    from wiec.places.selectors import current_city

    return Notification.objects.unread().filter(recipient=user).of_city(current_city()).count()
