"""Rating a screening with the published rulebook, storing the result, checking it again.

The rating is advice (PIPL Art. 24): nothing in the system acts on the light; a person
decides. It is computed by the same pure engine the `fairscreen rate` command and the
/rulebook page use, from every finding of the screening (the engine excludes, with its
reason, what is unverified, unconsented or out of scope), under the profile version the
screening was ordered under, narrowed by the position's current one (`scope.rated_scope`):
a narrowed profile stops counting what it no longer needs at once, a widened one never
counts what the candidate was not told would be looked at.

`rate_screening` runs inside the transaction of the change that may move the light (a
finding recorded, corroborated, retracted; a check completed), and stores a new row only
when the inputs or the rulebook differ from the latest rating. `recheck_ratings` is the
periodic guard: the stored inputs rated again under the stored rulebook version must give
byte-identical results, or an alarm is recorded.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fairscreen.accounts.local_time import organisation_today
from fairscreen.domain import findings as found
from fairscreen.domain import rating, scope
from fairscreen.evidence.services import record_event
from fairscreen.positions.services import current_version
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.models import (
    Finding,
    ItemState,
    Screening,
    ScreeningStatus,
    StoredRating,
)

logger = logging.getLogger(__name__)

CONSENTED_STATES = frozenset({ItemState.CONSENTED, ItemState.RUNNING, ItemState.COMPLETED})


@transaction.atomic
def rate_screening(
    screening: Screening, *, actor: str, trigger: str, today: date | None = None
) -> StoredRating | None:
    """Rate the screening now and store it if anything changed; None if nothing did.

    Its own transaction when called alone (the stored rating and its `rating.computed`
    event commit together, DESIGN.md rule 2); a savepoint inside the caller's otherwise.
    """
    profile = _rated_profile(screening)
    if profile is None:
        return None
    with data_key_scope():
        findings = _findings_to_rate(screening)
    if findings is None:
        return None  # the candidate's data is destroyed: nothing left to rate
    as_of = today or organisation_today(screening.organisation)
    rulebook = rating.current_rulebook(today=as_of)
    result = rating.rate(profile, findings, as_of, rulebook)
    latest = StoredRating.objects.filter(screening=screening).order_by("-rated_at", "-id").first()
    if latest is not None and latest.inputs_hash == result.inputs_hash:
        return None
    stored = _store(
        screening,
        profile=profile,
        findings=findings,
        result=result,
        actor=actor,
        trigger=trigger,
    )
    record_event(
        event_type="rating.computed",
        actor=actor,
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={
            "screening": str(screening.id),
            "rating": str(stored.id),
            "light": stored.light,
            "rulebook": result.rulebook_version,
            "inputs_hash": result.inputs_hash,
            "trigger": trigger,
        },
    )
    return stored


def _rated_profile(screening: Screening) -> scope.ProfileSpec | None:
    """The version the screening was ordered under, narrowed by the position's current
    one (`scope.rated_scope`); None while the position has no approved version."""
    current = current_version(screening.position.profile)
    if current is None:
        return None
    return scope.rated_scope(screening.profile_version.profile_spec(), current.profile_spec())


def inputs_document(
    profile: scope.ProfileSpec, findings: list[rating.FindingToRate], as_of: date
) -> dict[str, object]:
    """What a stored rating keeps to be rated again: the profile, the findings, the date."""
    return {
        "as_of": as_of.isoformat(),
        "findings": [finding.to_json() for finding in findings],
        "profile": profile.to_json(),
    }


def read_inputs(
    document: dict[str, object],
) -> tuple[scope.ProfileSpec, list[rating.FindingToRate], date]:
    """The inverse of `inputs_document` (our own stored data: a failure is an alarm)."""
    profile = scope.ProfileSpec.from_json(document["profile"])  # type: ignore[arg-type]
    entries = document["findings"]
    assert isinstance(entries, list)  # noqa: S101 - our own stored format
    return (
        profile,
        [_finding_from_json(entry) for entry in entries],
        date.fromisoformat(str(document["as_of"])),
    )


@dataclass(frozen=True, slots=True)
class RecheckReport:
    checked: int
    mismatches: int


def recheck_ratings(*, now: datetime | None = None, limit: int = 1000) -> RecheckReport:
    """Rate the stored inputs again (oldest check first) and alarm on any difference.

    Never-checked ratings come first, explicitly: PostgreSQL sorts NULLs last (SQLite
    first), so beyond `limit` ratings a new one would otherwise never be checked there.
    """
    now = now or timezone.now()
    oldest_check_first = F("last_checked_at").asc(nulls_first=True)
    rows = list(StoredRating.objects.order_by(oldest_check_first, "rated_at", "id")[:limit])
    mismatches = sum(1 for row in rows if not _still_the_same(row, now))
    return RecheckReport(checked=len(rows), mismatches=mismatches)


@transaction.atomic
def _still_the_same(row: StoredRating, now: datetime) -> bool:
    with data_key_scope():
        inputs = row.inputs.reveal()
        if isinstance(inputs, Destroyed):
            return True  # crypto-shredded: there is nothing left to compare
        try:
            profile, findings, as_of = read_inputs(json.loads(inputs))
            rulebook = rating.published_rulebooks().version(row.rulebook_version)
            again = rating.rate(profile, findings, as_of, rulebook)
            same = _hash(again.to_json()) == row.result_hash
        except (rating.RatingError, scope.ScopeError, ValueError, KeyError, AssertionError):
            same = False
    row.last_checked_at = now
    if not same:
        row.mismatch_found_at = row.mismatch_found_at or now
        logger.error("stored rating %s does not reproduce under its rulebook version", row.id)
        record_event(
            event_type="rating.mismatch",
            actor="system:rating-recheck",
            subject=row.encryption_subject().subject,
            organisation=str(row.organisation_id),
            payload={"rating": str(row.id), "rulebook": row.rulebook_version},
        )
    row.save(update_fields=["last_checked_at", "mismatch_found_at"])
    return same


def _findings_to_rate(screening: Screening) -> list[rating.FindingToRate] | None:
    states = dict(screening.items.values_list("code", "state"))
    active = screening.status == ScreeningStatus.ACTIVE
    result = []
    for row in Finding.objects.filter(screening=screening).select_related("item"):
        details = row.details.reveal()
        if isinstance(details, Destroyed):
            return None
        parsed = found.FindingDetails.from_json(json.loads(details))
        case = parsed.litigation()
        result.append(
            rating.FindingToRate(
                id=str(row.id),
                item=parsed.item,
                category=parsed.category,
                status=found.VerificationStatus(row.status),
                consented=active and states.get(parsed.item) in CONSENTED_STATES,
                occurred_on=parsed.occurred_on,
                litigation=None
                if case is None
                else rating.LitigationFacts(
                    role=case.role, outcome=case.outcome, performance=case.performance
                ),
            )
        )
    return result


def _store(
    screening: Screening,
    *,
    profile: scope.ProfileSpec,
    findings: list[rating.FindingToRate],
    result: rating.Rating,
    actor: str,
    trigger: str,
) -> StoredRating:
    inputs = json.dumps(
        inputs_document(profile, findings, result.as_of), sort_keys=True, ensure_ascii=False
    )
    document = result.to_json()
    stored = StoredRating(
        organisation_id=screening.organisation_id,
        screening=screening,
        candidate_id=screening.candidate_id,
        light=str(result.light),
        as_of=result.as_of,
        rulebook_version=result.rulebook_version,
        rulebook_hash=result.rulebook_hash,
        profile_hash=result.profile_hash,
        inputs_hash=result.inputs_hash,
        result_hash=_hash(document),
        inputs=inputs,
        result=document,
        trigger=trigger,
        rated_by=actor,
    )
    stored.save()
    return stored


def _finding_from_json(entry: object) -> rating.FindingToRate:
    assert isinstance(entry, dict)  # noqa: S101 - our own stored format
    litigation = entry.get("litigation")
    occurred = entry.get("occurred_on")
    return rating.FindingToRate(
        id=str(entry["id"]),
        item=str(entry["item"]),
        category=str(entry["category"]),
        status=found.VerificationStatus(entry["status"]),
        consented=bool(entry["consented"]),
        occurred_on=date.fromisoformat(occurred) if isinstance(occurred, str) else None,
        litigation=None
        if not isinstance(litigation, dict)
        else rating.LitigationFacts(
            role=found.LitigationRole(litigation["role"]),
            outcome=found.LitigationOutcome(litigation["outcome"]),
            performance=found.Performance(litigation["performance"]),
        ),
    )


def _hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
