"""Administrators configure the platform in the Django admin without being superusers."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth.backends import BaseBackend

from wiec.core.predicates import is_administrator

MODEL_PERMISSION_PREFIXES = ("add_", "change_", "delete_", "view_")


class AdministratorBackend(BaseBackend):
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
