"""The copy of the employer's report a notice gives the candidate (same content, same words)."""

from __future__ import annotations

import json
from uuid import UUID

from fairscreen.domain import findings as domain
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.models import Screening, StoredRating
from fairscreen.screenings.selectors._findings import (
    FindingView,
    _finding_rows,
    _finding_view,
    _items_in_scope,
)

__all__ = ["report_copy"]


def report_copy(screening_id: UUID) -> dict[str, object]:
    """The employer's report as a JSON document, for the copy a notice gives the candidate.

    The candidate receives the same report the employer sees (FCRA pre-adverse practice;
    PIPL Art. 45): verified findings within scope, their details and non-hearsay sources,
    and the rating with each finding's explanation. No access check: it is called only
    by the notice services, inside their transaction, for the candidate's own screening.
    """
    screening = (
        Screening.objects.select_related("candidate", "position__profile", "profile_version")
        .prefetch_related("items")
        .get(id=screening_id)
    )
    in_scope = _items_in_scope(screening)
    rows = [
        row
        for row in _finding_rows(screening)
        if row.status in domain.EMPLOYER_VISIBLE and row.item.code in in_scope
    ]
    with data_key_scope():
        views = [_finding_view(row, hide_hearsay=True) for row in rows]
        rating = _latest_rating_document(screening)
    return {
        "screening": str(screening.id),
        "position": screening.position.title,
        "findings": [_finding_document(view) for view in views],
        "rating": rating,
    }


def _latest_rating_document(screening: Screening) -> dict[str, object] | None:
    row = StoredRating.objects.filter(screening=screening).order_by("-rated_at", "-id").first()
    if row is None:
        return None
    result = row.result.reveal()
    return None if isinstance(result, Destroyed) else json.loads(result)


def _finding_document(view: FindingView) -> dict[str, object]:
    return {
        "id": str(view.id),
        "item": view.item,
        "item_name": {"zh": view.item_name.zh, "en": view.item_name.en},
        "category": str(view.category),
        "status": view.status,
        "details": [
            {
                "name": detail.name,
                "label": {"zh": detail.label.zh, "en": detail.label.en},
                "value": detail.value,
                "choice": None
                if detail.choice_label is None
                else {"zh": detail.choice_label.zh, "en": detail.choice_label.en},
            }
            for detail in view.details
        ],
        "sources": [
            {
                "kind": source.kind,
                "authority": source.authority,
                "reference": str(source.reference),
                "retrieved_at": source.retrieved_at.isoformat(),
            }
            for source in view.sources
        ],
    }
