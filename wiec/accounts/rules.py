"""Permissions over accounts and residency."""

import rules

from wiec.core.predicates import (
    is_administrator,
    is_authenticated,
    is_official,
    is_official_in_scope,
    is_owner,
)

rules.add_perm("accounts.declare_residency", is_authenticated)
rules.add_perm("accounts.view_pending_residency", is_official | is_administrator)
# An official confirms residents of their own districts, never themselves.
rules.add_perm("accounts.confirm_residency", (is_official_in_scope | is_administrator) & ~is_owner)
rules.add_perm("accounts.assign_role", is_administrator)
