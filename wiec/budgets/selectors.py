"""Reads that depend on who is looking, and who may take part in an edition."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.accounts.selectors import residency_of
from wiec.budgets.models import (
    Appeal,
    Category,
    CoauthorInvitation,
    Edition,
    Eligibility,
    Implementation,
    ImplementationUpdate,
    Proposal,
    Status,
    SupportList,
)
from wiec.commons.models import Signature, SignatureChannel, SignatureStatus
from wiec.core.collation import polish_sort_key
from wiec.places.selectors import current_city


def current_editions() -> QuerySet[Edition]:
    return Edition.objects.filter(city=current_city()).prefetch_related("phases")


def eligibility_problem(user: Any, edition: Edition, rule: str) -> str | None:
    """Why the user may not take part under ``rule``, or ``None`` when they may.

    Only what the resolution names is checked: residency under an accepted proof,
    and an age only when the resolution sets one (``Edition.age_rule``).
    """
    if user is None or not user.is_authenticated:
        return str(_("Log in first."))
    if rule == Eligibility.ANYONE:
        return None
    residency = residency_of(user, edition.city_id)
    if residency is None or not residency.is_verified:
        return str(
            _("Only verified residents may do this. Confirm that you live in the city first.")
        )
    if residency.city_id != edition.city_id:
        return str(_("Only residents of this city may do this."))
    accepted = {p.pk for p in edition.accepted_policies.all()}
    if accepted and residency.policy_id not in accepted:
        return str(_("This edition does not accept the proof of identity you gave."))
    if edition.age_rule and edition.minimum_age:
        age = residency.age_on(timezone.localdate())
        if age is None or age < edition.minimum_age:
            return str(
                _("The resolution sets a minimum age of %(age)s years.")
                % {"age": edition.minimum_age}
            )
    return None


def visible_proposals(user: Any, edition: Edition) -> QuerySet[Proposal]:
    """Public proposals, and the user's own drafts."""
    queryset = Proposal.objects.filter(edition=edition)
    if user is not None and user.is_authenticated:
        queryset = queryset.filter(
            ~Q(status=Status.DRAFT) | Q(author=user) | Q(coauthors=user)
        ).distinct()
    else:
        queryset = queryset.public()
    return queryset.select_related("pool", "pool__district", "category")


def pending_invitations(user: Any) -> QuerySet[CoauthorInvitation]:
    """Co-author invitations awaiting this person's answer (sent to their address)."""
    return (
        CoauthorInvitation.objects.addressed_to(user)
        .pending()
        .select_related("proposal", "proposal__edition", "invited_by")
    )


class ProposalOrder(models.TextChoices):
    """The orders of the proposal list; the value is what the address carries."""

    NEWEST = "", _("newest first")
    SUPPORT = "poparcie", _("most supported first")
    CHEAPEST = "koszt", _("cheapest first")
    DEAREST = "koszt-malejaco", _("most expensive first")
    TITLE = "nazwa", _("alphabetical")


def filter_proposals(queryset: QuerySet[Proposal], params: dict[str, str]) -> QuerySet[Proposal]:
    """The proposals matching the filters, in the order asked for.

    Every order reads an index of the edition's proposals: alphabetical order is
    Polish through the stored ``title_key`` (``wiec.core.collation``), support through
    the stored ``supports``, so a deep page does not sort every row.
    """
    if params.get("pool"):
        queryset = queryset.filter(pool_id=params["pool"])
    if params.get("district"):
        queryset = queryset.filter(pool__district_id=params["district"])
    if params.get("category"):
        queryset = queryset.filter(category_id=params["category"])
    if params.get("status"):
        queryset = queryset.filter(status=params["status"])
    order = params.get("sort") or ProposalOrder.NEWEST
    if order == ProposalOrder.TITLE:
        return queryset.order_by("title_key", "pk")
    if order == ProposalOrder.SUPPORT:
        return queryset.order_by("-supports", "-pk")
    if order == ProposalOrder.CHEAPEST:
        return queryset.order_by("cost", "-pk")
    if order == ProposalOrder.DEAREST:
        return queryset.order_by("-cost", "-pk")
    return queryset.order_by("-created_at", "-pk")


def verification_queue(user: Any, edition: Edition) -> list[Proposal]:
    """Proposals awaiting verification that this official may verify."""
    waiting = (
        Proposal.objects.filter(
            edition=edition, status__in=[Status.SUBMITTED, Status.IN_VERIFICATION]
        )
        .select_related("pool")
        .prefetch_related("coauthors")
    )
    return [p for p in waiting if user.has_perm("budgets.verify_proposal", p)]


def appeals_of(edition: Edition) -> QuerySet[Appeal]:
    return Appeal.objects.filter(proposal__edition=edition).select_related(
        "proposal", "proposal__pool", "proposal__verification_sheet"
    )


def _collection_id(proposal: Proposal) -> int | None:
    """The proposal's collection as stored now (an instance loaded before the first
    signature opened it does not know it)."""
    return Proposal.objects.filter(pk=proposal.pk).values_list("collection_id", flat=True).first()


def entered_sheets(proposal: Proposal) -> set[int]:
    """The paper lists (by id, the signatures' sheet) whose people the office entered."""
    return set(
        Signature.objects.filter(
            collection_id=_collection_id(proposal), channel=SignatureChannel.PAPER
        ).values_list("sheet", flat=True)
    )


def counted_only(proposal: Proposal) -> list[SupportList]:
    """The proposal's paper lists an official counts as a number (no one entered)."""
    entered = entered_sheets(proposal)
    return [s for s in proposal.support_lists.order_by("pk") if s.pk not in entered]


def support_by_channel(proposal: Proposal) -> dict[str, int]:
    """The support shown by channel: online, paper signatures entered person by person,
    and signatures counted on paper lists entered only as a number."""
    counts = {"online": 0, "paper": 0, "counted": 0}
    collection = _collection_id(proposal)
    if collection is not None:
        rows = Signature.objects.filter(collection_id=collection, status=SignatureStatus.VALID)
        for channel, n in rows.values_list("channel").annotate(n=Count("pk")).order_by():
            counts["online" if channel == SignatureChannel.ONLINE else "paper"] = n
    counts["counted"] = sum(s.accepted_signatures or 0 for s in counted_only(proposal))
    return counts


def support_count(proposal: Proposal) -> int:
    """The valid signatures of the proposal's collection (online, and from paper lists
    entered person by person), plus what an official counted on paper lists entered
    only as a number.  ``Proposal.supports`` stores it; this counts it from the rows."""
    counts = support_by_channel(proposal)
    return counts["online"] + counts["paper"] + counts["counted"]


def status_counts(edition: Edition) -> dict[str, int]:
    rows = Proposal.objects.filter(edition=edition).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def implementations(params: dict[str, Any]) -> QuerySet[Implementation]:
    """The municipality's selected projects being carried out, filtered by
    ``ImplementationFilterForm``, each with its latest update's day (``last_day``) and
    the number of updates."""
    queryset = (
        Implementation.objects.filter(proposal__edition__city=current_city())
        .select_related(
            "proposal", "proposal__pool", "proposal__pool__district", "proposal__edition"
        )
        .prefetch_related("proposal__edition__phases")
    )
    if params.get("edition"):
        queryset = queryset.filter(proposal__edition=params["edition"])
    if params.get("district"):
        queryset = queryset.filter(proposal__pool__district=params["district"])
    if params.get("status"):
        queryset = queryset.filter(status=params["status"])
    latest = ImplementationUpdate.objects.filter(implementation=OuterRef("pk")).order_by(
        "-day", "-pk"
    )
    return queryset.annotate(
        last_day=Subquery(latest.values("day")[:1]),
        last_text=Subquery(latest.values("text")[:1]),
        update_count=Count("updates"),
    ).order_by("-proposal__edition__created_at", "proposal__pool__name", "proposal__title")


def categories_in_use(city: Any) -> list[Category]:
    """The categories a municipality offers (the shared ones, then its own), each with
    ``uses``: how many of the municipality's proposals, drafts included, carry it."""
    counted = (
        Proposal.objects.filter(edition__city=city, category=OuterRef("pk"))
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = Category.objects.for_city(city).annotate(
        uses=models.functions.Coalesce(Subquery(counted), 0)
    )
    return sorted(rows, key=lambda c: (c.city_id is not None, polish_sort_key(c.name)))


def uses_elsewhere(category: Category, city_id: int | None) -> int:
    """How many proposals of other municipalities than ``city_id`` use ``category``
    (none when it would be shared again: every municipality may use a shared one)."""
    if city_id is None or category.pk is None:
        return 0
    return Proposal.objects.filter(category=category).exclude(edition__city_id=city_id).count()
