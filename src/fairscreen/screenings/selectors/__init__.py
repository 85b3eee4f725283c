"""Reads of the screenings context's personal data: roles checked, access recorded."""

from fairscreen.screenings.selectors._findings import (
    DetailView,
    FindingView,
    ReportPurpose,
    ReportView,
    SourceView,
    employer_report,
    findings_for_analyst,
)
from fairscreen.screenings.selectors._screenings import (
    CandidateView,
    ItemView,
    ScreeningView,
    ThirdPartyView,
    candidate,
    candidates_for,
    find_candidate_by_id_number,
    portal_screening,
    screening,
    screenings_for,
)

__all__ = [
    "CandidateView",
    "DetailView",
    "FindingView",
    "ItemView",
    "ReportPurpose",
    "ReportView",
    "ScreeningView",
    "SourceView",
    "ThirdPartyView",
    "candidate",
    "candidates_for",
    "employer_report",
    "find_candidate_by_id_number",
    "findings_for_analyst",
    "portal_screening",
    "screening",
    "screenings_for",
]
