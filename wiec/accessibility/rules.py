"""Who handles accessibility statements and requests."""

import rules

from wiec.core.predicates import is_administrator, is_coordinator

rules.add_perm("accessibility.handle_request", is_coordinator | is_administrator)
rules.add_perm("accessibility.edit_statement", is_coordinator | is_administrator)
