"""Raise ``Edition.ballot_version`` whenever what the ballot shows may have changed.

See :mod:`wiec.budgets.ballot_cache`, which trusts its copy only while the version
stands.  The update runs in the writer's transaction, so it commits with the change.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from wiec.budgets.models import Edition, EditionPhase, Pool, Proposal, VotingSettings


def raise_ballot_version(edition_id: int | None) -> None:
    if edition_id is not None:
        Edition.objects.filter(pk=edition_id).update(ballot_version=F("ballot_version") + 1)


#: A proposal saved with only other fields (``update_fields``) leaves the ballot alone.
PROPOSAL_FIELDS_ON_BALLOT = frozenset({"status", "pool", "edition"})


def _row_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw", False):  # fixtures being loaded
        return
    fields = kwargs.get("update_fields")
    if sender is Proposal and fields is not None and not PROPOSAL_FIELDS_ON_BALLOT & fields:
        return
    raise_ballot_version(instance.edition_id)


def _policies_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    # The relation has no reverse accessor, so it only changes from the edition's side.
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Edition):
        raise_ballot_version(instance.pk)


def _edition_saved(sender: Any, instance: Edition, **kwargs: Any) -> None:
    if not kwargs.get("raw", False):
        raise_ballot_version(instance.pk)


def connect() -> None:
    post_save.connect(_edition_saved, sender=Edition, dispatch_uid="budgets-ballot-version")
    for model in (EditionPhase, Pool, Proposal, VotingSettings):
        uid = f"budgets-ballot-version-{model.__name__}"
        post_save.connect(_row_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(
        _policies_changed,
        sender=Edition.accepted_policies.through,
        dispatch_uid="budgets-ballot-version-policies",
    )
