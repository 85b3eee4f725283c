"""Who may do what with candidates (separation of duties, CONTEXT.md "Who uses it").

Analysts, approvers and auditors do not need candidates' contact data to do their work, so
they do not see it (PIPL Art. 6: the minimum necessary). Only the data protection officer
destroys a candidate's keys: the person accountable for deletions (PIPL Art. 52).
"""

from __future__ import annotations

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import PermissionDenied

CANDIDATE_READERS = frozenset({Role.RECRUITER, Role.HR_ADMIN, Role.REVIEWER, Role.DPO})
CANDIDATE_REGISTRARS = frozenset({Role.RECRUITER, Role.HR_ADMIN})
KEY_DESTROYERS = frozenset({Role.DPO})


def require(access: OrganisationAccess, roles: frozenset[Role]) -> None:
    """Defence in depth: services and selectors check roles even behind a checked view."""
    if not access.has_any(roles):
        raise PermissionDenied(
            "Your roles do not allow this.",
            details={"required_any_of": sorted(role.value for role in roles)},
        )


SCREENING_ORDERERS = frozenset({Role.RECRUITER, Role.HR_ADMIN})
SCREENING_READERS = frozenset(
    {Role.RECRUITER, Role.HR_ADMIN, Role.REVIEWER, Role.DPO, Role.ANALYST}
)
CHECK_RUNNERS = frozenset({Role.ANALYST})
CONSENT_WITHDRAWERS = frozenset({Role.RECRUITER, Role.HR_ADMIN, Role.DPO})
"""Staff who record a withdrawal the candidate made outside the portal (phone, letter)."""
FINDING_RECORDERS = frozenset({Role.ANALYST})
"""Only analysts record and verify findings: the recruiter who ordered the check does not."""
FINDING_READERS = frozenset({Role.ANALYST, Role.DPO})
"""Who sees every finding, unverified and hearsay ones included, clearly labelled."""
REPORT_READERS = frozenset(
    {Role.REVIEWER, Role.APPROVER, Role.HR_ADMIN, Role.RECRUITER, Role.DPO, Role.AUDITOR}
)
"""Who reads the employer's report: verified and corroborated findings within scope only
(the auditor only for the purpose of an audit; see `selectors.employer_report`)."""
