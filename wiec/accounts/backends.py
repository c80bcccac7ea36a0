"""Authentication backends: Django's model permissions kept to the admin site, and
administrators who configure the platform there without being superusers."""

from __future__ import annotations

from typing import Any

import rules
from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import backends

from wiec.core.predicates import is_administrator

MODEL_PERMISSION_PREFIXES = ("add_", "change_", "delete_", "view_")


class AccountBackend(AuthenticationBackend):
    """allauth's e-mail login (Django's ModelBackend beneath), minus pointless look-ups.

    Wiec's own permissions are rules (``rules.add_perm``) with no row in
    ``auth_permission``, so reading a user's model permissions to answer one of them
    is two wasted queries, on every page whose layout asks about the audit log.
    """

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)

    def get_user(self, user_id: Any) -> Any:
        """The session's user with residency, roles held and unread count.

        Every page shows the unread notifications and asks about roles; reading them
        with the user saves round trips on every request (benchmarks/ballots_load.py).
        """
        from wiec.accounts.selectors import signed_in_user
        from wiec.core.selectors import user_columns

        user = signed_in_user(user_id, user_columns())
        return user if user is not None and self.user_can_authenticate(user) else None


class AdministratorBackend(backends.BaseBackend):
    """Grants Django's model permissions (for the admin) to the administrator role.

    Permissions that Wiec defines as rules are left to the rules backend, so this
    never widens a civic permission.
    """

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if obj is not None or rules.perm_exists(perm):
            return False
        codename = perm.partition(".")[2]
        return codename.startswith(MODEL_PERMISSION_PREFIXES) and is_administrator(user_obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return is_administrator(user_obj)
