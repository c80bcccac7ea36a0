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
    ApplicationStatus,
    Contact,
    ContactRole,
    Criterion,
    DraftVersion,
    InitiativeArea,
    InitiativePool,
    Score,
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
    AssemblyRequestStatus,
    Convener,
    FundReminder,
    FundYear,
    Solectwo,
    deadlines,
    fund_amount,
)
