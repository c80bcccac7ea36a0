"""Reads of core data that other apps and the layout need."""

from __future__ import annotations

from wiec.core.models import Notification


def unread_notifications_sql() -> str:
    """SQL per user row: how many notifications the user has not read.

    For :func:`wiec.accounts.selectors.signed_in_user`, so that every page's layout
    shows the count without a query of its own.
    """
    from wiec.accounts.selectors import per_user_sql

    return per_user_sql(
        "(SELECT COUNT(*) FROM {table} WHERE {table}.recipient_id = {user}.id"
        " AND {table}.read_at IS NULL)",
        Notification,
    )


def unread_notifications(user) -> int:
    """How many notifications the user has not read (0 for anonymous visitors)."""
    if user is None or not user.is_authenticated:
        return 0
    known = getattr(user, "unread_notifications", None)
    if isinstance(known, int):
        return known
    return Notification.objects.unread().filter(recipient=user).count()
