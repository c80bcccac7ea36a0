"""Who may do what with residents' initiatives (the role table: docs/permissions.md)."""

import rules

from wiec.core.predicates import (
    is_administrator,
    is_coordinator,
    is_official,
    is_verified_resident,
)
from wiec.initiatives.predicates import (
    is_adviser,
    is_applicant,
    is_draft,
    is_public_application,
    is_realising,
)

office = is_official | is_administrator
committee = is_official | is_coordinator | is_administrator

rules.add_perm("initiatives.apply", is_verified_resident)
advisers = committee | is_adviser

rules.add_perm("initiatives.view_application", is_public_application | is_applicant | advisers)
rules.add_perm("initiatives.edit_draft", is_applicant & is_draft)
rules.add_perm("initiatives.advise", advisers & is_draft)
rules.add_perm("initiatives.view_drafts", advisers)
rules.add_perm("initiatives.assess", committee)
rules.add_perm("initiatives.decide", office)
rules.add_perm("initiatives.edit_agreement", office)
rules.add_perm("initiatives.view_agreement", is_applicant | committee)
rules.add_perm("initiatives.report", is_applicant & is_realising)
rules.add_perm("initiatives.sign_off_hours", committee)
rules.add_perm("initiatives.manage", office)

rules.add_perm("initiatives.register_resolution", is_verified_resident)
rules.add_perm("initiatives.support_resolution", is_verified_resident)
rules.add_perm("initiatives.enter_signatures", is_applicant | office)
rules.add_perm("initiatives.check_signatures", office)
rules.add_perm("initiatives.record_outcome", office)
rules.add_perm("initiatives.file_assembly_request", is_verified_resident | office)
rules.add_perm("initiatives.decide_assembly_request", office)
