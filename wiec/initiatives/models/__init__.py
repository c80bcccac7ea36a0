"""The initiatives' models, one module per workflow."""

from wiec.initiatives.models.local import (  # noqa: F401
    ACCEPTED,
    DECIDED,
    MAX_POINTS,
    PUBLIC,
    Advice,
    AdviceKind,
    AgreementVersion,
    Application,
    Area,
    Contact,
    ContactRole,
    Criterion,
    DraftVersion,
    Pool,
    Score,
    Status,
    Timesheet,
    Update,
)
from wiec.initiatives.models.resolutions import (  # noqa: F401
    OUTCOMES,
    ResolutionInitiative,
    ResolutionRules,
    Stage,
    statutory_threshold,
)
from wiec.initiatives.models.villagefund import (  # noqa: F401
    Allocation,
    AssemblyRequest,
    Convener,
    FundReminder,
    FundYear,
    RequestStatus,
    Solectwo,
    deadlines,
    fund_amount,
)
