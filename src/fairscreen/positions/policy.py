"""Who configures positions and profiles (CONTEXT.md, "Who uses it").

HR admins configure; the data protection officer approves sensitive scope (PIPL Art. 55-56);
recruiters need to read profiles to order screenings; reviewers and auditors read them to
judge relevance. Nobody outside the organisation sees them.
"""

from __future__ import annotations

from fairscreen.accounts.roles import Role

PROFILE_EDITORS = frozenset({Role.HR_ADMIN})
PROFILE_APPROVERS = frozenset({Role.DPO})
PROFILE_READERS = frozenset(
    {Role.HR_ADMIN, Role.RECRUITER, Role.REVIEWER, Role.DPO, Role.AUDITOR, Role.ANALYST}
)
