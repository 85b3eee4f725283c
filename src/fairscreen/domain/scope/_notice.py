"""The consent notice (告知书): everything PIPL Art. 17 says a candidate must be told first.

Processor name and contact, the purpose, each item with why the job needs it, the
recipients, the retention period, the candidate's rights and how to use them; for each
sensitive item its necessity and its impact on the person (Art. 30); and every third party
who would receive the candidate's data (Art. 23). A notice with any of these blank cannot be
issued (`require_issuable`): consent to an incomplete notice is not informed consent.

The notice is hashed over a canonical JSON form (`digest`); the candidate's signature
covers that digest, so anyone can later prove which exact text was consented to.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fairscreen.domain.scope._catalogue import Catalogue
from fairscreen.domain.scope._catalogue_data import CATALOGUE
from fairscreen.domain.scope._errors import ItemNotPermitted, NoticeIncomplete
from fairscreen.domain.scope._order import check_order
from fairscreen.domain.scope._profiles import ProfileSpec
from fairscreen.domain.scope._text import Text
from fairscreen.domain.scope._validation import effective_lookback_months

__all__ = ["RIGHTS", "Notice", "NoticeItem", "NoticeThirdParty", "build_notice", "require_issuable"]

RIGHTS: tuple[Text, ...] = (
    Text(
        zh="知情权与决定权：您可以逐项同意或拒绝；拒绝某一项不会被再次询问（《个人信息保护法》第四十四条）。",
        en="To know and to decide: you may allow or refuse each item; a refused item is never "
        "asked for again (PIPL Art. 44).",
    ),
    Text(
        zh="撤回同意：您可随时一键撤回，尚未完成的核查立即停止（第十五条）。",
        en="To withdraw consent at any time with one click; every pending check stops at once "
        "(Art. 15).",
    ),
    Text(
        zh="查阅、复制与更正：您可查阅报告、获得副本，并对不准确的内容提出异议和更正（第四十五、四十六条）。",
        en="To access and copy the report, and to dispute and correct anything inaccurate "
        "(Arts. 45-46).",
    ),
    Text(
        zh="删除：保存期限届满或您撤回同意后，您的信息将被删除（第四十七条）。",
        en="To deletion when the retention period ends or consent is withdrawn (Art. 47).",
    ),
    Text(
        zh="要求解释：您可要求我们解释评估规则和任何决定的理由（第二十四、四十八条）。",
        en="To an explanation of the rating rules and of any decision (Arts. 24, 48).",
    ),
    Text(
        zh="投诉：您可向个人信息保护负责人或履行个人信息保护职责的部门投诉、举报（第六十五条）。",
        en="To complain to our data protection contact or to the authorities responsible for "
        "personal information protection (Art. 65).",
    ),
)
"""The candidate's rights (PIPL Chapter IV) and how to exercise them, shown in every notice."""


@dataclass(frozen=True, slots=True)
class NoticeItem:
    """One check item as the candidate reads it, with the position's reason for it."""

    code: str
    name: Text
    description: Text
    necessity: Text
    data_categories: tuple[Text, ...]
    sensitive: bool
    sensitive_impact: Text | None
    lookback_months: int | None
    third_party_kind: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "data_categories": [_text(category) for category in self.data_categories],
            "description": _text(self.description),
            "lookback_months": self.lookback_months,
            "name": _text(self.name),
            "necessity": _text(self.necessity),
            "sensitive": self.sensitive,
            "sensitive_impact": _text(self.sensitive_impact) if self.sensitive_impact else None,
            "third_party_kind": self.third_party_kind,
        }


@dataclass(frozen=True, slots=True)
class NoticeThirdParty:
    """A former employer or referee who would receive data for `item` (PIPL Art. 23).

    `key` is an opaque id and `label` names the party by role and number only: the notice is
    hashed into the evidence ledger, which is kept forever and holds no personal data.
    """

    key: str
    kind: str
    label: Text
    item: str

    def to_json(self) -> dict[str, object]:
        return {"item": self.item, "key": self.key, "kind": self.kind, "label": _text(self.label)}


@dataclass(frozen=True, slots=True)
class Notice:
    """The full notice one screening's candidate is asked to consent to."""

    controller_name: str
    controller_contact: str
    position_title: str
    purpose: Text
    items: tuple[NoticeItem, ...]
    recipients: tuple[Text, ...]
    retention_months: int
    rights: tuple[Text, ...]
    third_parties: tuple[NoticeThirdParty, ...]
    catalogue_version: str

    def missing_fields(self) -> tuple[str, ...]:
        """Every required part that is absent or blank, by field path; empty means issuable."""
        missing = [
            name
            for name, value in (
                ("controller_name", self.controller_name),
                ("controller_contact", self.controller_contact),
                ("position_title", self.position_title),
                ("catalogue_version", self.catalogue_version),
            )
            if not value.strip()
        ]
        if self.purpose.is_blank():
            missing.append("purpose")
        if not self.items:
            missing.append("items")
        for item in self.items:
            missing.extend(_item_missing(item))
            if item.third_party_kind and not any(p.item == item.code for p in self.third_parties):
                missing.append(f"third_parties.{item.code}")
        if not self.recipients or any(recipient.is_blank() for recipient in self.recipients):
            missing.append("recipients")
        if self.retention_months < 1:
            missing.append("retention_months")
        if not self.rights or any(right.is_blank() for right in self.rights):
            missing.append("rights")
        if any(party.label.is_blank() or not party.key.strip() for party in self.third_parties):
            missing.append("third_parties")
        return tuple(missing)

    def to_json(self) -> dict[str, object]:
        """A JSON-safe document; the stored and signed form of the notice."""
        return {
            "catalogue_version": self.catalogue_version,
            "controller_contact": self.controller_contact,
            "controller_name": self.controller_name,
            "items": [item.to_json() for item in self.items],
            "position_title": self.position_title,
            "purpose": _text(self.purpose),
            "recipients": [_text(recipient) for recipient in self.recipients],
            "retention_months": self.retention_months,
            "rights": [_text(right) for right in self.rights],
            "third_parties": [party.to_json() for party in self.third_parties],
        }

    def canonical_json(self) -> str:
        """Sorted keys, no spaces, UTF-8 text: one notice has exactly one canonical form."""
        return json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    def digest(self) -> str:
        """``sha256:<hex>`` of the canonical JSON; what the candidate's signature covers."""
        return "sha256:" + hashlib.sha256(self.canonical_json().encode()).hexdigest()


def build_notice(
    *,
    spec: ProfileSpec,
    ordered: Iterable[str],
    controller_name: str,
    controller_contact: str,
    position_title: str,
    recipients: Sequence[Text],
    retention_months: int,
    third_parties: Sequence[NoticeThirdParty] = (),
    catalogue: Catalogue = CATALOGUE,
) -> Notice:
    """The notice for the ordered items under the pinned profile version.

    Refuses (like ordering does) any item the profile does not permit, and any third party
    for an item that was not ordered. It does not refuse blanks: `missing_fields` lists them,
    so a preview can show the HR admin what to fill in before `require_issuable`.
    """
    codes = check_order(spec, ordered, catalogue)
    for party in third_parties:
        if party.item not in codes:
            raise ItemNotPermitted(
                party.item, reason=f"No ordered item {party.item!r} for a third party."
            )
    items = tuple(_notice_item(spec, code, catalogue) for code in codes)
    title = position_title.strip()
    return Notice(
        controller_name=controller_name.strip(),
        controller_contact=controller_contact.strip(),
        position_title=title,
        purpose=_purpose(title),
        items=items,
        recipients=tuple(recipients),
        retention_months=retention_months,
        rights=RIGHTS,
        third_parties=tuple(third_parties),
        catalogue_version=catalogue.version,
    )


def require_issuable(notice: Notice) -> Notice:
    """The notice itself if complete; raises `NoticeIncomplete` naming every gap otherwise."""
    missing = notice.missing_fields()
    if missing:
        raise NoticeIncomplete(missing)
    return notice


def _notice_item(spec: ProfileSpec, code: str, catalogue: Catalogue) -> NoticeItem:
    item = catalogue.item(code)
    permitted = spec.item(code)
    if permitted is None:  # check_order refused this already; kept for type narrowing
        raise ItemNotPermitted(code)
    return NoticeItem(
        code=code,
        name=item.name,
        description=item.description,
        necessity=permitted.necessity,
        data_categories=item.data_categories,
        sensitive=item.sensitive,
        sensitive_impact=item.sensitive_impact,
        lookback_months=effective_lookback_months(spec, code, catalogue),
        third_party_kind=str(item.third_party_kind) if item.third_party_kind else None,
    )


def _item_missing(item: NoticeItem) -> list[str]:
    missing = []
    if item.necessity.is_blank():
        missing.append(f"items.{item.code}.necessity")
    if item.sensitive and (item.sensitive_impact is None or item.sensitive_impact.is_blank()):
        missing.append(f"items.{item.code}.sensitive_impact")
    return missing


def _purpose(title: str) -> Text:
    return Text(
        zh=f"核实与您应聘的「{title}」岗位直接相关的信息，用于录用决定；不用于其他目的。"
        if title
        else "",
        en=f"To verify information directly related to the position you applied for "
        f"({title}), for the hiring decision only; for no other purpose."
        if title
        else "",
    )


def _text(text: Text) -> dict[str, str]:
    return {"en": text.en, "zh": text.zh}
