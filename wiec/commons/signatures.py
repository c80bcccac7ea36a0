"""Collecting, checking and counting support, online and on paper, for every tool.

The tool's own service checks the permission, opens the transaction and writes the
audit event; these functions keep the rules every collection shares: one identity
rule per city (:func:`signer_key`), one signature per person, only residents of the
gmina, a reason for every invalid signature, one way of counting (:func:`tally`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.accounts import identity
from wiec.accounts.selectors import default_policy, residency_of
from wiec.commons.models import Signature, SignatureChannel, SignatureStatus, SupportCollection
from wiec.core import normalise
from wiec.places import localities
from wiec.places.geocoding import fold
from wiec.places.models import City

OUTSIDE = _(
    "%(town)s is not a locality of %(city)s: only residents of the gmina may sign "
    "(art. 41a ust. 2 u.s.g.). The gmina's localities: %(localities)s."
)
TWICE = _("This person has already signed (each person counts once).")


def signer_key(city: City, *, full_name: str, address: str, pesel: str = "") -> str:
    """The city's one identity rule, for paper and online alike.

    Where the city's identity policy asks for a PESEL, the key is the PESEL's keyed
    hash and a signature without one is refused; elsewhere it is the keyed hash of the
    name and the address, normalised as a person reads them
    (:func:`wiec.core.normalise.person_text`).
    """
    policy = default_policy(city)
    if pesel.strip():
        try:
            return identity.pesel_key(pesel)
        except ValueError as error:
            raise ValidationError(
                {"pesel": _("A PESEL is 11 digits 0–9.")}, code="pesel_invalid"
            ) from error
    if policy.ask_pesel:
        raise ValidationError({"pesel": _("Give the signer's PESEL.")}, code="pesel_required")
    name, place = normalise.person_text(full_name), normalise.person_text(address)
    if not name or not place:
        raise ValidationError(_("Give the signer's name and address."), code="incomplete")
    return identity.keyed_hash(f"signer:{name}|{place}")


def _bump(collection_id: int, by: int | bool) -> None:
    """Keep ``SupportCollection.valid_count`` with the rows, in the caller's transaction."""
    by = int(by)  # a bool would reach PostgreSQL as `+ true`, which it refuses
    if by:
        SupportCollection.objects.filter(pk=collection_id).update(valid_count=F("valid_count") + by)


def _save(signature: Signature) -> Signature:
    if Signature.objects.filter(
        collection=signature.collection, identity_key=signature.identity_key
    ).exists():
        raise ValidationError(TWICE, code="signed_twice")
    try:
        with transaction.atomic():
            signature.save()
            _bump(signature.collection_id, signature.status == SignatureStatus.VALID)
    except IntegrityError as error:
        raise ValidationError(TWICE, code="signed_twice") from error
    return signature


def recount(collection: SupportCollection) -> int:
    """The valid signatures counted from the rows, stored again (a repair, and what the
    tests compare ``valid_count`` with)."""
    n = collection.signatures.filter(status=SignatureStatus.VALID).count()
    SupportCollection.objects.filter(pk=collection.pk).update(valid_count=n)
    collection.valid_count = n
    return n


def signed_by(
    collection: SupportCollection | None, *, user: Any, identity_key: str | None = None
) -> Signature | None:
    """This person's signature in the collection: by the account, or by the city's
    identity key (the same person from another account)."""
    if collection is None or not getattr(user, "is_authenticated", False):
        return None
    mine = Q(user=user)
    if identity_key:
        mine |= Q(identity_key=identity_key)
    return collection.signatures.filter(mine).order_by("pk").first()


def withdraw(*, signature: Signature) -> None:
    """Take a signature back (while the collection is open; the tool decides when)."""
    with transaction.atomic():
        counted = signature.status == SignatureStatus.VALID
        signature.delete()
        _bump(signature.collection_id, -1 if counted else 0)


def sign_online(*, actor: Any, collection: SupportCollection) -> Signature:
    """The actor's support, given online: only a verified resident of the gmina."""
    residency = residency_of(actor)
    if residency is None or not residency.is_verified or residency.city_id != collection.city_id:
        raise ValidationError(
            _("Only verified residents of %(city)s may give their support."),
            code="not_resident",
            params={"city": collection.city.name},
        )
    address = f"{residency.street_address}, {residency.postal_code} {residency.town}"
    key = residency.identity_key or signer_key(
        collection.city, full_name=residency.full_name, address=address
    )
    return _save(
        Signature(
            collection=collection,
            channel=SignatureChannel.ONLINE,
            user=actor,
            identity_key=key,
            full_name=residency.full_name,
            address=address,
            status=SignatureStatus.VALID,
            entered_by=actor,
        )
    )


def enter_paper(
    *,
    actor: Any,
    collection: SupportCollection,
    full_name: str,
    street_address: str,
    town: str,
    sheet: int,
    pesel: str = "",
) -> Signature:
    """One signature copied from a paper list; the office checks it later.

    A signer whose town is not one of the gmina's localities is refused at once (art.
    41a ust. 2 u.s.g.: the initiative belongs to the gmina's residents); a rural gmina
    has many villages, so the town is looked up in its list, not compared with its name.
    """
    city = collection.city
    locality = localities.locality_of(city, town)
    if locality is None:
        raise ValidationError(
            {
                "town": ValidationError(
                    OUTSIDE,
                    params={
                        "town": town.strip() or "—",
                        "city": localities.base_name(city),
                        "localities": ", ".join(localities.localities(city)),
                    },
                )
            },
            code="outside_gmina",
        )
    street = street_address.strip()
    # A village's address is its name and a number ("Wysocice 12"): no town after it.
    village_address = fold(street).startswith(fold(locality))
    address = street if village_address else f"{street}, {locality}"
    key = signer_key(city, full_name=full_name, address=address, pesel=pesel)
    return _save(
        Signature(
            collection=collection,
            channel=SignatureChannel.PAPER,
            identity_key=key,
            full_name=full_name.strip(),
            address=address,
            sheet=sheet,
            entered_by=actor,
        )
    )


def check(*, actor: Any, signature: Signature, valid: bool, reason: str = "") -> Signature:
    """The office's verdict on one signature; an invalid one needs its reason."""
    reason = (reason or "").strip()
    if not valid and not reason:
        raise ValidationError(
            {"reason": _("Say why the signature is invalid.")}, code="reason_required"
        )
    was_valid = signature.status == SignatureStatus.VALID
    signature.status = SignatureStatus.VALID if valid else SignatureStatus.INVALID
    signature.invalid_reason = "" if valid else reason[:300]
    signature.checked_by = actor
    signature.checked_at = timezone.now()
    with transaction.atomic():
        signature.save(update_fields=["status", "invalid_reason", "checked_by", "checked_at"])
        _bump(signature.collection_id, int(valid) - int(was_valid))
    return signature


@dataclass(frozen=True)
class Tally:
    """How a collection stands: valid signatures, support shown only, still to check."""

    threshold: int
    signatures: int
    supports: int
    pending: int
    invalid: int
    #: Valid signatures by channel, every one counted once.
    paper: int = 0
    online: int = 0

    @property
    def reached(self) -> bool:
        return self.signatures >= self.threshold

    @property
    def missing(self) -> int:
        return max(0, self.threshold - self.signatures)


def tally(collection: SupportCollection) -> Tally:
    """Count once: a valid paper signature counts; a valid online one counts as a
    signature only where the city's resolution accepts it, else as support."""
    online, paper = Q(channel=SignatureChannel.ONLINE), Q(channel=SignatureChannel.PAPER)
    valid = Q(status=SignatureStatus.VALID)
    counts = collection.signatures.aggregate(
        paper_valid=Count("pk", filter=paper & valid),
        online_valid=Count("pk", filter=online & valid),
        pending=Count("pk", filter=Q(status=SignatureStatus.PENDING)),
        invalid=Count("pk", filter=Q(status=SignatureStatus.INVALID)),
    )
    online_signatures = counts["online_valid"] if collection.online_counts else 0
    return Tally(
        threshold=collection.threshold,
        signatures=counts["paper_valid"] + online_signatures,
        supports=0 if collection.online_counts else counts["online_valid"],
        pending=counts["pending"],
        invalid=counts["invalid"],
        paper=counts["paper_valid"],
        online=counts["online_valid"],
    )


def account_key(user: Any) -> str:
    """The key of online support whose proof of residence gave no identity key: the
    account is then all that tells people apart (as the tools counted before)."""
    return f"account:{user.pk}"


def open_collection(
    *, city: City, title: str, threshold: int, online_counts: bool = True
) -> SupportCollection:
    """A new collection for a tool's record (a request, a proposal)."""
    return SupportCollection.objects.create(
        city=city, title=title[:300], threshold=threshold, online_counts=online_counts
    )


def record_online(
    *, collection: SupportCollection, user: Any, identity_key: str | None
) -> Signature:
    """Online support the tool has already accepted under its own rules (a verified
    resident, an open collection), kept once per person under the city's one key:
    the residency's identity key, else the account (:func:`account_key`).  An account
    that has signed once, under any key, does not sign again."""
    if collection.signatures.filter(user=user, channel=SignatureChannel.ONLINE).exists():
        raise ValidationError(TWICE, code="signed_twice")
    return _save(
        Signature(
            collection=collection,
            channel=SignatureChannel.ONLINE,
            user=user,
            identity_key=identity_key or account_key(user),
            status=SignatureStatus.VALID,
            entered_by=user,
        )
    )
