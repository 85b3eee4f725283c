"""Who may do what with decisions (separation of duties, CONTEXT.md "Who uses it").

The chain names roles per step; these sets are the outer bound the services check first.
An API token can comment or read, but never sign: a signature is a person's act, made after
re-entering their password (PIPL Art. 24: no automated decision).
"""

from fairscreen.accounts.roles import Role

DECIDERS = frozenset({Role.REVIEWER, Role.APPROVER, Role.HR_ADMIN})
DECISION_READERS = frozenset({Role.REVIEWER, Role.APPROVER, Role.HR_ADMIN, Role.DPO, Role.AUDITOR})
POLICY_EDITORS = frozenset({Role.HR_ADMIN})
CHAIN_ROLES = frozenset({Role.REVIEWER, Role.APPROVER, Role.HR_ADMIN})
