"""Reads of core data that other apps and the layout need."""

from __future__ import annotations

from django.db.models import IntegerField, QuerySet

from wiec.core.models import Notification


def with_unread_notifications(users: QuerySet) -> QuerySet:
    """``users`` annotated with ``unread_notifications``, their count of unread ones."""
    from wiec.accounts.selectors import correlated

    return users.annotate(
        unread_notifications=correlated(
            "SELECT COUNT(*) FROM {table} WHERE {table}.recipient_id = {user}.id"
            " AND {table}.read_at IS NULL",
            Notification,
            IntegerField(),
        )
    )


def unread_notifications(user) -> int:
    """How many notifications the user has not read (0 for anonymous visitors)."""
    if user is None or not user.is_authenticated:
        return 0
    known = getattr(user, "unread_notifications", None)
    if isinstance(known, int):
        return known
    return Notification.objects.unread().filter(recipient=user).count()
