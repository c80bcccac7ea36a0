"""Wiec's participatory-budget counting engine (pure Python and numpy, no Django).

The web app builds an :class:`Election` from its database rows; cities and researchers
can read pabulib files.  See ``count`` for the counting rules.
"""

from .errors import ElectionError, PabulibError, RuleError, TallyError
from .io import parse_pabulib, read_pabulib, write_pabulib
from .model import Ballot, Election, Outcome, Project, ProjectResult, Status, VoteType

__all__ = [
    "Ballot", "Election", "ElectionError", "Outcome", "PabulibError", "Project",
    "ProjectResult", "RuleError", "Status", "TallyError", "VoteType", "parse_pabulib",
    "read_pabulib", "write_pabulib",
]
