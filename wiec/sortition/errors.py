"""Errors of the sortition engine.

Every error carries a stable ``code`` and ``params`` besides its English message, the
way Django's validators do, so the web app can show a translated sentence while the
engine itself stays free of i18n. The message is always one line: the CLI prints it
as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class SortitionError(Exception):
    """Base class: ``code`` names the problem, ``params`` fills in its details."""

    def __init__(self, message: str, *, code: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.params: dict[str, Any] = dict(params or {})

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict[str, Any]:
        """The error as plain data, for logs, JSON responses and the audit trail."""
        return {"code": self.code, "params": self.params, "message": self.message}


class InputError(SortitionError):
    """The pool, the quotas or the panel size are malformed (a data-entry problem).

    Codes: ``empty_pool``, ``duplicate_person``, ``missing_feature``, ``unknown_value``,
    ``no_quotas``, ``duplicate_quota``, ``negative_quota``, ``quota_min_above_max``,
    ``bad_panel_size``, ``missing_column``, ``not_a_number``, ``empty_file``,
    ``unknown_algorithm``, ``bad_reserves``.
    """


class InfeasibleQuotasError(SortitionError):
    """No panel of the requested size meets every quota.

    ``params`` holds the :class:`~wiec.sortition.feasibility.FeasibilityReport` data:
    ``conflicts`` (the quota bounds that cannot hold together) and ``relaxation``
    (the smallest change to the quotas that makes a panel possible).
    Codes: ``infeasible_quotas``, ``panel_larger_than_pool``, ``too_few_households``.
    """


class SolverError(SortitionError):
    """HiGHS did not return an optimal answer where one must exist (a bug or a time-out).

    Codes: ``solver_failed``.
    """


class CancelledError(SortitionError):
    """The caller's cancel callback asked the run to stop; nothing was drawn.

    Codes: ``cancelled``.
    """
