"""Every change to accounts: declaring residency, confirming it, roles, deletion."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.accounts import identity
from wiec.accounts.models import (
    Consent,
    ConsentKind,
    IdentityBasis,
    IdentityPolicy,
    ResidencyDeclaration,
    ResidencyStatus,
    RoleAssignment,
    User,
)
from wiec.accounts.pesel import clean_pesel, read_pesel
from wiec.accounts.selectors import forget_residencies
from wiec.accounts.unsubscribe import ALL
from wiec.core import privacy
from wiec.core.models import EmailDelivery
from wiec.core.roles import Role
from wiec.core.services import forget_person_in_audit_log, notify, record_event
from wiec.places.models import City, District
from wiec.places.selectors import current_city

PESEL_TAKEN = _(
    "This PESEL is already used by another account. If it is yours, contact the "
    "office: one person may have one account."
)
PESEL_DIGITS = _("Type the PESEL as 11 digits 0–9 (other characters are not accepted).")
PESEL_INVALID = _("This PESEL is not valid: check the digits.")
PERSON_TAKEN = _(
    "A person with this name, date of birth and address already has an account. "
    "One person may have one account; contact the office if this is a mistake."
)


@dataclass(frozen=True)
class Declaration:
    """What a resident declares; the form builds it, the service stores it."""

    full_name: str
    street_address: str
    postal_code: str
    town: str
    district: District
    pesel: str = ""
    birth_date: datetime.date | None = None
    birth_year: int | None = None
    sex: str = ""
    guardian_name: str = ""

    @property
    def address(self) -> str:
        return f"{self.street_address}, {self.postal_code} {self.town}"


def identity_of(declaration: Declaration) -> tuple[str, str | None, int | None, str]:
    """The proof's basis, identity key, birth year and sex.

    Raises ``ValidationError`` for a PESEL that is not 11 ASCII digits with a valid
    checksum and date (the form checks first; this keeps other callers honest).
    """
    if declaration.pesel:
        try:
            pesel = clean_pesel(declaration.pesel)
            info = read_pesel(pesel)
        except ValueError as error:
            code = getattr(error, "code", "invalid")
            message = PESEL_DIGITS if code == "not_ascii_digits" else PESEL_INVALID
            raise ValidationError(message, code="pesel_" + code) from error
        return (
            IdentityBasis.PESEL,
            identity.pesel_key(pesel),
            info.birth_date.year,
            info.sex,
        )
    if declaration.birth_date is not None:
        key = identity.personal_data_key(
            declaration.full_name, declaration.birth_date, declaration.address
        )
        return IdentityBasis.PERSONAL_DATA, key, declaration.birth_date.year, declaration.sex
    return IdentityBasis.DECLARATION, None, declaration.birth_year, declaration.sex


def declare_residency(
    *, actor: User, policy: IdentityPolicy, declaration: Declaration
) -> ResidencyDeclaration:
    """Store the actor's declaration of residence in the policy's municipality,
    replacing an earlier one there (declarations in other municipalities stay).

    Raises ``ValidationError`` (and saves nothing) when the identity is already
    used by another account, also when two requests race each other: the unique
    index on ``identity_key`` decides.
    """
    basis, key, birth_year, sex = identity_of(declaration)
    if key and ResidencyDeclaration.objects.filter(identity_key=key).exclude(user=actor).exists():
        raise ValidationError(
            PESEL_TAKEN if basis == IdentityBasis.PESEL else PERSON_TAKEN, code="identity_taken"
        )
    status = (
        ResidencyStatus.PENDING
        if policy.require_official_confirmation
        else ResidencyStatus.VERIFIED
    )
    try:
        with transaction.atomic():
            ResidencyDeclaration.objects.filter(user=actor, city=policy.city).delete()
            record = ResidencyDeclaration.objects.create(
                user=actor,
                city=policy.city,
                policy=policy,
                full_name=declaration.full_name,
                street_address=declaration.street_address,
                postal_code=declaration.postal_code,
                town=declaration.town,
                district=declaration.district,
                identity_basis=basis,
                identity_key=key,
                birth_year=birth_year,
                birth_date=declaration.birth_date if basis == IdentityBasis.PERSONAL_DATA else None,
                sex=sex,
                declared_by_guardian=bool(declaration.guardian_name),
                guardian_name=declaration.guardian_name,
                status=status,
            )
            if actor.district_id != declaration.district.pk:
                actor.district = declaration.district
                actor.save(update_fields=["district"])
            record_event(
                actor=actor,
                action="accounts.residency_declared",
                target=actor,
                city=record.city,
                data={"declaration": record.pk, "basis": basis, "status": status},
            )
    except IntegrityError as error:
        raise ValidationError(
            PESEL_TAKEN if basis == IdentityBasis.PESEL else PERSON_TAKEN, code="identity_taken"
        ) from error
    forget_residencies(actor)
    return record


@transaction.atomic
def confirm_residency(*, actor: User, declaration: ResidencyDeclaration) -> ResidencyDeclaration:
    """An official confirms in person that the declarant is who they say."""
    if not actor.has_perm("accounts.confirm_residency", declaration):
        raise PermissionDenied
    declaration.status = ResidencyStatus.VERIFIED
    declaration.confirmed_by = actor
    declaration.confirmed_at = timezone.now()
    declaration.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    # The person, not the declaration, is the target: its label is their full name,
    # which the audit log must not keep once they delete their account.
    record_event(
        actor=actor,
        action="accounts.residency_confirmed",
        target=declaration.user,
        city=declaration.city,
        data={"declaration": declaration.pk},
    )
    notify(
        recipient=declaration.user,
        kind="status",
        subject=_("Your residency has been confirmed"),
        body=_("You can now take part in everything open to residents."),
        url="/konto/profil/",
    )
    return declaration


@transaction.atomic
def assign_role(
    *,
    actor: User | None,
    user: User,
    role: Role,
    districts: list[District] | None = None,
    city: City | None = None,
) -> RoleAssignment:
    """Grant a role in one municipality (an official's limited to ``districts`` of it).

    The municipality is ``city``, else that of the districts, else the current one.
    """
    if city is None:
        city = districts[0].city if districts else current_city()
    if city is None:
        raise ValidationError(_("There is no municipality to grant the role in."), code="no_city")
    if any(d.city_id != city.pk for d in districts or []):
        raise ValidationError(
            _("An official's districts must lie in the municipality of the role."),
            code="district_of_another_city",
        )
    assignment, _created = RoleAssignment.objects.update_or_create(
        user=user, role=role, city=city, defaults={"granted_by": actor}
    )
    assignment.districts.set(districts or [])
    record_event(
        actor=actor,
        action="accounts.role_assigned",
        target=user,
        city=city,
        data={
            "role": role.value,
            "city": city.slug,
            "districts": [d.pk for d in districts or []],
        },
    )
    return assignment


@transaction.atomic
def update_profile(*, actor: User, **fields: Any) -> User:
    allowed = {
        "display_name",
        "district",
        "language",
        "email_delivery",
        "email_kinds",
    }
    changed = [name for name in fields if name in allowed]
    for name in changed:
        setattr(actor, name, fields[name])
    actor.save(update_fields=changed)
    return actor


@transaction.atomic
def unsubscribe_email(*, actor: User, kind: str) -> User:
    """Stop e-mail of one kind of notification, or all e-mail (``kind="all"``).

    The actor is the person a signed link names (:mod:`wiec.accounts.unsubscribe`);
    notifications still appear in the app. RFC 8058 one-click unsubscribe.
    """
    if kind == ALL:
        actor.email_delivery = EmailDelivery.NEVER
        changed = ["email_delivery"]
    else:
        actor.email_kinds = {**(actor.email_kinds or {}), kind: False}
        changed = ["email_kinds"]
    actor.save(update_fields=changed)
    record_event(
        actor=actor, action="accounts.email_unsubscribed", target=actor, data={"kind": kind}
    )
    return actor


#: The version of each document a person agrees to at sign-up.  Raise it when the
#: text changes; the consents record which version each person accepted.
CONSENT_VERSIONS = {
    ConsentKind.TERMS: "2026-12-01",
    ConsentKind.PRIVACY: "2026-12-01",
    ConsentKind.NEWSLETTER: "2026-12-01",
    ConsentKind.NOTIFICATIONS: "2026-12-01",
}
REQUIRED_CONSENTS = (ConsentKind.TERMS, ConsentKind.PRIVACY)


@transaction.atomic
def record_consents(*, actor: User, city: Any, given: dict[str, bool]) -> list[Consent]:
    """Record what the person agreed to (at sign-up, or a later change of mind).

    The terms and the information clause must be accepted to have an account; the
    newsletter and e-mail notifications are a free choice (art. 7 ust. 4 RODO), and
    refusing e-mail notifications sets their delivery to "no e-mail".
    """
    missing = [kind for kind in REQUIRED_CONSENTS if kind in given and not given[kind]]
    if missing:
        raise ValidationError(
            _("Accept the terms of use and confirm you have read the information on data."),
            code="consent_required",
        )
    now = timezone.now()
    rows = Consent.objects.bulk_create(
        Consent(
            city=city,
            user=actor,
            kind=kind,
            version=CONSENT_VERSIONS[kind],
            given=bool(value),
            recorded_at=now,
        )
        for kind, value in given.items()
    )
    if ConsentKind.NOTIFICATIONS in given:
        wanted = bool(given[ConsentKind.NOTIFICATIONS])
        if not wanted and actor.email_delivery != EmailDelivery.NEVER:
            actor.email_delivery = EmailDelivery.NEVER
            actor.save(update_fields=["email_delivery"])
        elif wanted and actor.email_delivery == EmailDelivery.NEVER:
            actor.email_delivery = EmailDelivery.IMMEDIATELY
            actor.save(update_fields=["email_delivery"])
    record_event(
        actor=actor,
        action="accounts.consents_recorded",
        target=actor,
        data={kind: bool(value) for kind, value in given.items()},
    )
    return rows


def current_consents(user: User) -> dict[str, Consent]:
    """Each kind's latest record for the person (what holds now)."""
    latest: dict[str, Consent] = {}
    for consent in Consent.objects.filter(user=user).order_by("recorded_at", "pk"):
        latest[consent.kind] = consent
    return latest


def send_email_confirmation(*, actor: User, request: Any) -> None:
    """Send (again) the link that confirms the person's address."""
    from allauth.account.models import EmailAddress

    address, _created = EmailAddress.objects.get_or_create(
        user=actor, email=actor.email, defaults={"primary": True}
    )
    if not address.verified:
        address.send_confirmation(request)


def export_user_data(user: User) -> dict[str, Any]:
    """Everything Wiec holds about the user, for RODO art. 15 and 20 requests."""
    return privacy.export_personal_data(user)


def declaration_ids(user: User) -> set[int]:
    """Every declaration of residence the person made, including replaced ones.

    Events written before residency events named the person (as the target) had the
    declaration as their target, labelled with the person's full name; the
    declarations the person declared themselves are found through those events.
    """
    from wiec.core.models import AuditEvent

    ids = set(ResidencyDeclaration.objects.filter(user=user).values_list("pk", flat=True))
    events = AuditEvent.objects.filter(
        actor=user, target_type=ResidencyDeclaration._meta.label
    ).values_list("target_id", flat=True)
    return ids | {int(pk) for pk in events if pk.isdigit()}


@transaction.atomic
def delete_account(*, actor: User) -> None:
    """Erase the actor's personal data (RODO art. 17) and close the account.

    The account row stays, anonymised, so that records which must be kept (the
    audit log, ballots counted in a published result) keep a valid reference
    without saying who it was.
    """
    declarations = declaration_ids(actor)
    privacy.erase_personal_data(actor)
    actor.email = f"deleted-{actor.pk}@invalid.invalid"
    actor.display_name = ""
    actor.district = None
    actor.is_active = False
    actor.email_delivery = EmailDelivery.NEVER
    actor.email_kinds = {}
    actor.anonymised_at = timezone.now()
    actor.set_unusable_password()
    actor.save()
    actor.emailaddress_set.all().delete()
    forgotten = forget_person_in_audit_log(
        actor=actor,
        person=actor,
        records={ResidencyDeclaration._meta.label: declarations},
    )
    record_event(
        actor=None,
        action="accounts.account_deleted",
        target=actor,
        data={"audit_labels_pseudonymised": forgotten},
    )
