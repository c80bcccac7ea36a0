"""Wiec's participatory-budget counting engine (pure Python and numpy, no Django).

The web app builds an :class:`Election` from its database rows; cities and researchers
can read pabulib files::

    from wiec.tally import count, read_pabulib
    outcome = count(read_pabulib("Poland_Swiecie_2023.pb"), rule="equalshares/add1")

``RULES`` lists the rule names (pabulib's), ``count`` runs one, ``count_pools`` runs
several pools moving unspent money between them.
"""

from .counting import RULES, UTILITIES, count
from .errors import ElectionError, PabulibError, RuleError, TallyError
from .io import parse_pabulib, read_pabulib, write_pabulib
from .model import Ballot, Election, Outcome, Project, ProjectResult, Status, VoteType
from .pools import count_pools
from .tiebreak import CRITERIA as TIE_BREAK_CRITERIA
from .tiebreak import DEFAULT_TIE_BREAK

__all__ = [
    "DEFAULT_TIE_BREAK",
    "RULES",
    "TIE_BREAK_CRITERIA",
    "UTILITIES",
    "Ballot",
    "Election",
    "ElectionError",
    "Outcome",
    "PabulibError",
    "Project",
    "ProjectResult",
    "RuleError",
    "Status",
    "TallyError",
    "VoteType",
    "count",
    "count_pools",
    "parse_pabulib",
    "read_pabulib",
    "write_pabulib",
]
