"""What the accounts app holds about a person, for export and erasure."""

from __future__ import annotations

from typing import Any

from wiec.accounts.models import ResidencyDeclaration
from wiec.core.participation import notification_kinds


def export_account(user: Any) -> dict[str, Any]:
    residencies = ResidencyDeclaration.objects.filter(user=user).select_related("city", "district")
    return {
        "email": user.email,
        "display_name": user.display_name,
        "district": str(user.district) if user.district_id else None,
        "language": user.language,
        "date_joined": user.date_joined.isoformat(),
        "notifications_by_email": {
            "delivery": user.email_delivery,
            "kinds": {key: user.wants_kind(key) for key in notification_kinds()},
            "last_summary": user.last_digest_at.isoformat() if user.last_digest_at else None,
        },
        "roles": [a.get_role_display() for a in user.role_assignments.all()],
        "consents": [
            {
                "consent": c.get_kind_display(),
                "version": c.version,
                "given": c.given,
                "recorded_at": c.recorded_at.isoformat(),
            }
            for c in user.consents.all()
        ],
        "residencies": [
            {
                "municipality": residency.city.name,
                "full_name": residency.full_name,
                "address": f"{residency.street_address}, {residency.postal_code} {residency.town}",
                "district": str(residency.district),
                "proof": residency.get_identity_basis_display(),
                "pesel": "not stored (only a keyed hash)" if residency.identity_key else None,
                "birth_year": residency.birth_year,
                "birth_date": residency.birth_date.isoformat() if residency.birth_date else None,
                "sex": residency.sex or None,
                "guardian_name": residency.guardian_name or None,
                "status": residency.get_status_display(),
                "declared_at": residency.created_at.isoformat(),
            }
            for residency in residencies
        ],
    }


def erase_account(user: Any) -> None:
    ResidencyDeclaration.objects.filter(user=user).delete()
    user.role_assignments.all().delete()
