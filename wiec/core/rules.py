"""Permissions of the platform itself."""

import rules

from wiec.core.predicates import (
    is_administrator,
    is_authenticated,
    is_moderator,
    is_staff_member,
)

rules.add_perm("core.view_audit_log", is_administrator)
rules.add_perm("core.access_admin", is_administrator)
rules.add_perm("core.moderate_content", is_moderator | is_administrator)
rules.add_perm("core.view_notifications", is_authenticated)
# The office's inbox: everyone who handles tasks; which tasks each sees is decided by
# each task's own permission (wiec.core.inbox).
rules.add_perm("core.view_inbox", is_staff_member)
