"""Writes for the screenings context, one use case per function, one transaction each.

Every change records its evidence event in the same transaction; evidence names people
by opaque id only and carries no personal values (the ledger is kept forever).
"""

from fairscreen.screenings.services._candidates import (
    CandidateAlreadyRegistered,
    destroy_candidate_keys,
    register_candidate,
)
from fairscreen.screenings.services._checks import start_check
from fairscreen.screenings.services._consent import (
    ConsentChoices,
    InvitationRefused,
    open_invitation,
    record_consent,
    record_withdrawal_for_candidate,
    withdraw_consent,
)
from fairscreen.screenings.services._finding_gate import CheckNotRecording
from fairscreen.screenings.services._finding_store import (
    MAX_EVIDENCE_BYTES,
    UNKNOWN_FIELD,
    EvidenceIn,
    InvalidFindingInput,
)
from fairscreen.screenings.services._findings import (
    FindingClosed,
    RetractionReason,
    add_source,
    complete_check,
    record_finding,
    retract_finding,
)
from fairscreen.screenings.services._imports import (
    MAX_IMPORT_BYTES,
    ImportProblem,
    ImportRejected,
    ImportReport,
    import_findings,
)
from fairscreen.screenings.services._interview import InterviewAnswer, record_reference_interview
from fairscreen.screenings.services._invitations import IssuedInvitation, issue_invitation
from fairscreen.screenings.services._ordering import ThirdPartyIn, order_screening
from fairscreen.screenings.services._rating import (
    RecheckReport,
    rate_screening,
    recheck_ratings,
)
from fairscreen.screenings.services._runs import (
    RunInProgress,
    due_runs,
    execute_run,
    request_check_run,
)

__all__ = [
    "MAX_EVIDENCE_BYTES",
    "MAX_IMPORT_BYTES",
    "UNKNOWN_FIELD",
    "CandidateAlreadyRegistered",
    "CheckNotRecording",
    "ConsentChoices",
    "EvidenceIn",
    "FindingClosed",
    "ImportProblem",
    "ImportRejected",
    "ImportReport",
    "InterviewAnswer",
    "InvalidFindingInput",
    "InvitationRefused",
    "IssuedInvitation",
    "RecheckReport",
    "RetractionReason",
    "RunInProgress",
    "ThirdPartyIn",
    "add_source",
    "complete_check",
    "destroy_candidate_keys",
    "due_runs",
    "execute_run",
    "import_findings",
    "issue_invitation",
    "open_invitation",
    "order_screening",
    "rate_screening",
    "recheck_ratings",
    "record_consent",
    "record_finding",
    "record_reference_interview",
    "record_withdrawal_for_candidate",
    "register_candidate",
    "request_check_run",
    "retract_finding",
    "start_check",
    "withdraw_consent",
]
