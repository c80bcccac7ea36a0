"""Reads of core data that other apps and the layout need."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from wiec.core.models import Notification


def with_unread_notifications(users: QuerySet) -> QuerySet:
    """``users`` annotated with ``unread_notifications``, their count of unread ones."""
    unread = (
        Notification.objects.unread()
        .filter(recipient=OuterRef("pk"))
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return users.annotate(
        unread_notifications=Coalesce(Subquery(unread, output_field=IntegerField()), 0)
    )


def unread_notifications(user) -> int:
    """How many notifications the user has not read (0 for anonymous visitors)."""
    if user is None or not user.is_authenticated:
        return 0
    known = getattr(user, "unread_notifications", None)
    if isinstance(known, int):
        return known
    return Notification.objects.unread().filter(recipient=user).count()
