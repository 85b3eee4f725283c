"""Signals other contexts listen to, sent inside the transaction of the change.

`report_completed` fires once, when the last consented check of a screening completes: the
report is then whole, and an organisation whose feedback clock starts "when the report is
complete" starts the candidate's 3 working days then (decisions context).
"""

from django.dispatch import Signal

report_completed = Signal()
"""Sent with `screening` (the locked Screening) and `actor` (an opaque reference)."""
