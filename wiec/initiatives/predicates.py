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
    from wiec.initiatives.models import Status

    return bool(
        application is not None
        and application.status in (Status.ACCEPTED, Status.CHANGES, Status.REALISATION)
    )
