"""The candidate portal's models: what the candidate says and asks."""

from fairscreen.portal.models._access import AccessCode, PortalAccess
from fairscreen.portal.models._disputes import Dispute, DisputeOutcome, DisputeState
from fairscreen.portal.models._requests import DataRequest, DataRequestKind, DataRequestState
from fairscreen.portal.models._voice import CandidateQuestion, CandidateStatement, SurveyResponse

__all__ = [
    "AccessCode",
    "CandidateQuestion",
    "CandidateStatement",
    "DataRequest",
    "DataRequestKind",
    "DataRequestState",
    "Dispute",
    "DisputeOutcome",
    "DisputeState",
    "PortalAccess",
    "SurveyResponse",
]
