"""Reads of the screenings context's personal data: roles checked, access recorded."""

from fairscreen.screenings.selectors._access_log import (
    AccessView,
    access_log,
    accesses_for_candidate,
)
from fairscreen.screenings.selectors._export import (
    EXPORTS_PER_DAY,
    ExportLimitReached,
    ExportReason,
    export_report,
)
from fairscreen.screenings.selectors._findings import (
    DetailView,
    DispositionView,
    FindingView,
    RatingView,
    ReportPurpose,
    ReportView,
    SourceView,
    employer_report,
    findings_for_analyst,
)
from fairscreen.screenings.selectors._report_copy import report_copy
from fairscreen.screenings.selectors._runs_api import RunView, check_run, check_runs
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
from fairscreen.screenings.selectors._simulation import (
    ChangedFinding,
    SimulatedScreening,
    Simulation,
    simulate_policy,
)
from fairscreen.screenings.selectors._workspace import (
    QueuedCheck,
    ReportCover,
    check_queue,
    finding_item,
    report_cover,
)

__all__ = [
    "EXPORTS_PER_DAY",
    "AccessView",
    "CandidateView",
    "ChangedFinding",
    "DetailView",
    "DispositionView",
    "ExportLimitReached",
    "ExportReason",
    "FindingView",
    "ItemView",
    "QueuedCheck",
    "RatingView",
    "ReportCover",
    "ReportPurpose",
    "ReportView",
    "RunView",
    "ScreeningView",
    "SimulatedScreening",
    "Simulation",
    "SourceView",
    "ThirdPartyView",
    "access_log",
    "accesses_for_candidate",
    "candidate",
    "candidates_for",
    "check_queue",
    "check_run",
    "check_runs",
    "employer_report",
    "export_report",
    "find_candidate_by_id_number",
    "finding_item",
    "findings_for_analyst",
    "portal_screening",
    "report_copy",
    "report_cover",
    "screening",
    "screenings_for",
    "simulate_policy",
]
