"""Predicates about residents' initiatives; each returns a ``bool``."""

from __future__ import annotations

from typing import Any

import rules


@rules.predicate
def is_applicant(user: Any, application: Any) -> bool:
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    owner = getattr(application, "applicant_id", getattr(application, "author_id", None))
    return bool(owner is not None and owner == user.pk)


@rules.predicate
def is_public_application(user: Any, application: Any) -> bool:
    return bool(application is not None and application.is_public)


@rules.predicate
def is_realising(user: Any, application: Any) -> bool:
    from wiec.initiatives.models import ApplicationStatus

    return bool(
        application is not None
        and application.status
        in (ApplicationStatus.ACCEPTED, ApplicationStatus.CHANGES, ApplicationStatus.REALISATION)
    )


@rules.predicate
def is_adviser(user: Any, obj: Any = None) -> bool:
    """One of the city's local initiative coordinators or ambassadors, as listed on the
    local initiative's page with their account (``Contact.user``)."""
    if not getattr(user, "is_authenticated", False):
        return False
    from wiec.initiatives.models import Contact
    from wiec.places.selectors import current_city

    city_id = getattr(obj, "city_id", None) or getattr(current_city(), "pk", None)
    return bool(city_id and Contact.objects.filter(city_id=city_id, user=user).exists())


@rules.predicate
def is_draft(user: Any, application: Any) -> bool:
    from wiec.initiatives.models import ApplicationStatus

    return bool(application is not None and application.status == ApplicationStatus.DRAFT)
