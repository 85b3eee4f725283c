"""Exporting a report: with a reason, rate-limited, logged, watermarked — never in bulk.

Reports get screenshotted into chat groups and e-mailed around (CONTEXT.md). The system
cannot stop a camera, but it can make every copy traceable and rare: an export names its
reason, carries the reader's name, time and purpose on every page, is counted against a
daily limit per person, and is in the access log like every read. There is one screening
per export and no way to export many at once.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.models import Organisation
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, InvalidInput
from fairscreen.screenings.models import AccessRecord
from fairscreen.screenings.selectors._findings import ReportView, assembled_report

__all__ = ["EXPORTS_PER_DAY", "ExportLimitReached", "ExportReason", "export_report"]

EXPORTS_PER_DAY = 5


class ExportReason(StrEnum):
    SIGNED_FILE = "signed_file"  # the signed decision file the law requires the employer keep
    CANDIDATE_REQUEST = "candidate_request"
    LEGAL_OBLIGATION = "legal_obligation"  # a court, arbitration or regulator asks


class ExportLimitReached(Conflict):
    code = "export_limit_reached"


@transaction.atomic
def export_report(
    *, access: OrganisationAccess, screening_id: UUID, purpose: str, reason: str
) -> ReportView:
    """The report for one printable, watermarked copy; refused beyond the daily limit."""
    if reason not in ExportReason.__members__.values():
        raise InvalidInput(
            "Say why the report must leave the system.",
            details={"reason": "one of: " + ", ".join(ExportReason)},
        )
    # Count under a lock: two exports at once must not both see four earlier ones (on
    # PostgreSQL both would otherwise pass; exports are rare, so one lock per organisation).
    Organisation.objects.select_for_update().filter(id=access.organisation.id).first()
    since = timezone.now() - timedelta(days=1)
    exported = AccessRecord.objects.filter(
        actor=access.principal.reference, kind="report.exported", at__gte=since
    ).count()
    if exported >= EXPORTS_PER_DAY:
        raise ExportLimitReached(
            f"At most {EXPORTS_PER_DAY} exports a day per person.",
            details={"limit": EXPORTS_PER_DAY},
        )
    return assembled_report(
        access=access,
        screening_id=screening_id,
        purpose=purpose,
        kind="report.exported",
        reason=reason,
    )
