"""The JSON Schema of a case file (draft 2020-12), generated from the catalogue.

Editors and other tools can check a case file before it reaches `fairscreen rate`. Every
object has `additionalProperties: false`, so a case carrying sex, age, ethnicity, marital
status or household registration fails validation anywhere in the document; the protected
names are also listed explicitly (`propertyNames`), so the schema says why. The parser
(`read_case`) is the authority: it also checks what a schema cannot (unique ids, a
category of the stated item, litigation facts that agree with the category, a lawful
inline profile).
"""

from __future__ import annotations

from enum import StrEnum

from fairscreen.domain.findings import (
    LitigationOutcome,
    LitigationRole,
    Performance,
    VerificationStatus,
)
from fairscreen.domain.rating._finding import FINDING_ID_PATTERN, LITIGATION_ITEM
from fairscreen.domain.rating._protected_keys import PROTECTED_KEYS
from fairscreen.domain.scope import (
    CATALOGUE,
    MAX_LOOKBACK_MONTHS,
    TEMPLATES,
    Catalogue,
    Precondition,
    Tier,
)

__all__ = ["case_schema"]

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}


def _values(kind: type[StrEnum]) -> list[str]:
    return [str(member) for member in kind]


def _closed(
    properties: dict[str, object], required: list[str], **extra: object
) -> dict[str, object]:
    """An object that allows exactly these properties and never a protected one."""
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "propertyNames": {"$ref": "#/$defs/not_protected"},
        **extra,
    }


def case_schema(catalogue: Catalogue = CATALOGUE) -> dict[str, object]:
    """The schema as a JSON-safe document (stable: the same catalogue, the same schema)."""
    categories = sorted(catalogue.finding_categories())
    relevant = sorted(catalogue.finding_categories() - catalogue.never_relevant_categories())
    text = _closed({"zh": {"type": "string"}, "en": {"type": "string"}}, ["zh", "en"])
    litigation = _closed(
        {
            "role": {"enum": _values(LitigationRole)},
            "outcome": {"enum": _values(LitigationOutcome)},
            "performance": {"enum": _values(Performance)},
        },
        ["role", "outcome"],
    )
    finding = _closed(
        {
            "id": {"type": "string", "pattern": f"^{FINDING_ID_PATTERN.pattern}$"},
            "item": {"enum": list(catalogue.codes())},
            "category": {"enum": categories},
            "status": {"enum": _values(VerificationStatus)},
            "consented": {"type": "boolean"},
            "occurred_on": {"oneOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
            "litigation": {"$ref": "#/$defs/litigation"},
        },
        ["id", "item", "category", "status", "consented"],
        **{
            "if": {"properties": {"item": {"const": LITIGATION_ITEM}}, "required": ["item"]},
            "then": {"required": ["litigation"]},
            "else": {"not": {"required": ["litigation"]}},
        },
    )
    permitted = _closed(
        {
            "code": {"enum": list(catalogue.codes())},
            "necessity": {"$ref": "#/$defs/text"},
            "lookback_months": {
                "oneOf": [
                    {"type": "integer", "minimum": 1, "maximum": MAX_LOOKBACK_MONTHS},
                    {"type": "null"},
                ]
            },
        },
        ["code", "necessity"],
    )
    profile = _closed(
        {
            "tier": {"enum": _values(Tier)},
            "duties": {"$ref": "#/$defs/text"},
            "attributes": {
                "type": "array",
                "items": {"enum": _values(Precondition)},
                "uniqueItems": True,
            },
            "items": {"type": "array", "items": {"$ref": "#/$defs/permitted_item"}},
            "relevance": {"type": "array", "items": {"enum": relevant}, "uniqueItems": True},
        },
        ["tier", "duties", "attributes", "items", "relevance"],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://fairscreen.example.com/schemas/case-file.json",
        "title": "fairscreen case file (dry run of the rating rulebook)",
        "description": "A position (built-in template or inline risk profile), an optional "
        "as_of date and the findings to rate. Protected grounds are refused everywhere.",
        **_closed(
            {
                "template": {"enum": [entry.key for entry in TEMPLATES]},
                "profile": {"$ref": "#/$defs/profile"},
                "as_of": {"$ref": "#/$defs/date"},
                "note": {"type": "string", "maxLength": 500},
                "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            },
            ["findings"],
            oneOf=[{"required": ["template"]}, {"required": ["profile"]}],
        ),
        "$defs": {
            "date": _DATE,
            "text": text,
            "litigation": litigation,
            "finding": finding,
            "permitted_item": permitted,
            "profile": profile,
            "not_protected": {
                "description": "Protected grounds (Employment Promotion Law Arts. 3, 26-31; "
                "Women's Rights Protection Law Art. 43) are never part of a case.",
                "not": {"enum": sorted(PROTECTED_KEYS)},
            },
        },
    }
