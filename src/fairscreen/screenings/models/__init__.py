"""The screenings context's models: candidates, screenings and consent; findings and runs."""

from fairscreen.screenings.models._access import AccessRecord
from fairscreen.screenings.models._findings import CheckRun, Finding, FindingSource, RunState
from fairscreen.screenings.models._ratings import StoredRating
from fairscreen.screenings.models._screenings import (
    Candidate,
    ConsentRecord,
    Invitation,
    ItemState,
    Screening,
    ScreeningItem,
    ScreeningStatus,
    ThirdParty,
    ThirdPartyConsent,
    ThirdPartyKind,
)

__all__ = [
    "AccessRecord",
    "Candidate",
    "CheckRun",
    "ConsentRecord",
    "Finding",
    "FindingSource",
    "Invitation",
    "ItemState",
    "RunState",
    "Screening",
    "ScreeningItem",
    "ScreeningStatus",
    "StoredRating",
    "ThirdParty",
    "ThirdPartyConsent",
    "ThirdPartyKind",
]
