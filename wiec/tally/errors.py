"""Errors raised by the counting engine.

Every error carries a stable ``code`` and a ``params`` mapping so that the web app can
show a translated message (the library itself stays free of i18n), plus an English
``message`` for the CLI and logs.  The pattern follows Django's ``ValidationError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class TallyError(Exception):
    """Base class: something about an election or a request cannot be counted."""

    def __init__(self, message: str, *, code: str, params: Mapping[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.params: dict[str, Any] = dict(params or {})

    def __str__(self) -> str:
        return self.message


class ElectionError(TallyError):
    """The election itself is inconsistent (unknown project in a ballot, duplicate voter...)."""


class RuleError(TallyError):
    """The rule cannot be applied (unknown name, vote type it does not support...)."""


class PabulibError(TallyError):
    """A pabulib file cannot be read.

    ``str()`` gives the one-line ``FILE:LINE: problem`` form the CLI prints, so that an
    editor or a CI log can jump to the offending line.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str,
        line: int | None = None,
        path: str | None = None,
        params: Mapping[str, Any] | None = None,
    ):
        super().__init__(message, code=code, params=params)
        self.line = line
        self.path = path

    def with_path(self, path: str) -> PabulibError:
        """Return the same error naming ``path``; the parser only knows the text."""
        return PabulibError(
            self.message, code=self.code, line=self.line, path=path, params=self.params
        )

    def __str__(self) -> str:
        where = self.path or "<text>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"
