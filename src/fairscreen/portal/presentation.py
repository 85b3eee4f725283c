"""The stored notice and disclosure, in the candidate's language, ready for a template.

The notice is stored as the exact JSON document the candidate signs (its digest is the
signature's subject), with every text in both languages: informed consent (PIPL Art. 14,
17) means the candidate reads it in the language they chose. These frozen views pick one
language and join in the third parties' names and contacts, which the notice itself
deliberately leaves out (it is hashed into the evidence ledger, which holds no personal data).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fairscreen.domain import scope
from fairscreen.screenings.models import ItemState, ThirdPartyConsent
from fairscreen.screenings.selectors import ItemView, ScreeningView, ThirdPartyView

ITEM_STATE_LABELS: Mapping[str, Promise] = {
    ItemState.AWAITING_CONSENT: _("Waiting for your decision"),
    ItemState.CONSENTED: _("Allowed — not started yet"),
    ItemState.REFUSED: _("Refused — will not be checked"),
    ItemState.RUNNING: _("Being checked"),
    ItemState.COMPLETED: _("Check completed"),
    ItemState.STOPPED: _("Stopped — will not be checked"),
}
"""Where each item stands, in the candidate's words rather than the staff console's."""

STOPPED_PARTY = "stopped"
"""A party the candidate had allowed, whose check was then stopped: nobody asks them."""

PARTY_CONSENT_LABELS: Mapping[str, Promise] = {
    ThirdPartyConsent.PENDING: _("Waiting for your decision"),
    ThirdPartyConsent.GRANTED: _("May be contacted"),
    ThirdPartyConsent.REFUSED: _("Will not be contacted"),
    STOPPED_PARTY: _("Will not be contacted: the check was stopped"),
}

COMPANY_FIELDS: tuple[tuple[str, Promise], ...] = (
    ("legal_name", _("Company")),
    ("credit_code", _("Unified social credit code")),
    ("address", _("Registered address")),
    ("licences", _("Licences")),
    ("size", _("Size")),
    ("funding_stage", _("Funding stage")),
    ("business", _("Business")),
)
POSITION_FIELDS: tuple[tuple[str, Promise], ...] = (
    ("title", _("Position")),
    ("department", _("Department")),
    ("team", _("Team")),
    ("reporting_line", _("Reporting line")),
    ("kpis", _("Key performance indicators")),
    ("working_hours", _("Working hours")),
    ("overtime_practice", _("Overtime")),
    ("promotion_mechanism", _("Promotion")),
)


@dataclass(frozen=True)
class Fact:
    """One line of the disclosure: a label and what the employer wrote (empty if nothing)."""

    label: Promise
    value: str


@dataclass(frozen=True)
class DisclosurePage:
    company: tuple[Fact, ...]
    position: tuple[Fact, ...]


@dataclass(frozen=True)
class PartyPage:
    """A former employer or referee, named: the candidate decides whether they may be asked."""

    id: str
    item: str
    item_name: str
    label: str
    name: str
    contact: str
    consent: str

    @property
    def consent_label(self) -> Promise:
        return PARTY_CONSENT_LABELS.get(
            self.consent, PARTY_CONSENT_LABELS[ThirdPartyConsent.PENDING]
        )


@dataclass(frozen=True)
class NoticeItemPage:
    code: str
    name: str
    description: str
    necessity: str
    data_categories: tuple[str, ...]
    sensitive: bool
    sensitive_impact: str
    lookback_months: int | None
    parties: tuple[PartyPage, ...]


@dataclass(frozen=True)
class NoticePage:
    """The notice as signed: processor, purpose, items, recipients, retention, rights."""

    controller_name: str
    controller_contact: str
    position_title: str
    purpose: str
    items: tuple[NoticeItemPage, ...]
    recipients: tuple[str, ...]
    retention_months: int
    rights: tuple[str, ...]
    parties: tuple[PartyPage, ...]
    digest: str
    catalogue_version: str


@dataclass(frozen=True)
class DecisionRow:
    """One item after the candidate decided: its state, and whom it may involve."""

    code: str
    name: str
    state: str
    sensitive: bool
    sensitive_consent: bool
    parties: tuple[PartyPage, ...]

    @property
    def state_label(self) -> Promise:
        return ITEM_STATE_LABELS.get(self.state, ITEM_STATE_LABELS[ItemState.AWAITING_CONSENT])


def disclosure_page(screening: ScreeningView) -> DisclosurePage:
    """The company disclosure (企业信息告知书) fixed when the invitation was issued."""
    stored = screening.disclosure or {}
    company = stored.get("company") or {}
    position = stored.get("position") or {}
    return DisclosurePage(
        company=tuple(Fact(label, _plain(company.get(key))) for key, label in COMPANY_FIELDS),
        position=tuple(Fact(label, _plain(position.get(key))) for key, label in POSITION_FIELDS),
    )


def notice_page(screening: ScreeningView, *, language: str) -> NoticePage:
    """The stored notice in one language, with the named third parties beside their items."""
    notice = screening.notice or {}
    names = {item.code: item.name.get(language) for item in screening.items}
    parties = party_pages(screening, language=language)
    return NoticePage(
        controller_name=_plain(notice.get("controller_name")),
        controller_contact=_plain(notice.get("controller_contact")),
        position_title=_plain(notice.get("position_title")),
        purpose=_pick(notice.get("purpose"), language),
        items=tuple(
            _notice_item(item, language, names, parties) for item in notice.get("items") or ()
        ),
        recipients=tuple(_pick(text, language) for text in notice.get("recipients") or ()),
        retention_months=int(notice.get("retention_months") or 0),
        rights=tuple(_pick(text, language) for text in notice.get("rights") or ()),
        parties=parties,
        digest=screening.notice_digest,
        catalogue_version=_plain(notice.get("catalogue_version")),
    )


def party_pages(screening: ScreeningView, *, language: str) -> tuple[PartyPage, ...]:
    """Each third party with the notice's label (role and number) and its name and contact."""
    labels = {
        str(party.get("key")): _pick(party.get("label"), language)
        for party in (screening.notice or {}).get("third_parties") or ()
    }
    names = {item.code: item.name.get(language) for item in screening.items}
    return tuple(_party(party, labels, names) for party in screening.third_parties)


def decision_rows(screening: ScreeningView, *, language: str) -> tuple[DecisionRow, ...]:
    parties = party_pages(screening, language=language)
    return tuple(_decision(item, language, parties) for item in screening.items)


def _decision(item: ItemView, language: str, parties: Sequence[PartyPage]) -> DecisionRow:
    """A stopped check contacts nobody, whatever the candidate had allowed before."""
    own = [party for party in parties if party.item == item.code]
    if item.state == ItemState.STOPPED:
        own = [
            replace(party, consent=STOPPED_PARTY)
            if party.consent == ThirdPartyConsent.GRANTED
            else party
            for party in own
        ]
    return DecisionRow(
        code=item.code,
        name=item.name.get(language),
        state=item.state,
        sensitive=item.sensitive,
        sensitive_consent=item.sensitive_consent,
        parties=tuple(own),
    )


def _notice_item(
    item: Mapping[str, Any],
    language: str,
    names: Mapping[str, str],
    parties: Sequence[PartyPage],
) -> NoticeItemPage:
    code = _plain(item.get("code"))
    lookback = item.get("lookback_months")
    return NoticeItemPage(
        code=code,
        name=_pick(item.get("name"), language) or names.get(code, code),
        description=_pick(item.get("description"), language),
        necessity=_pick(item.get("necessity"), language),
        data_categories=tuple(
            _pick(category, language) for category in item.get("data_categories") or ()
        ),
        sensitive=bool(item.get("sensitive")),
        sensitive_impact=_pick(item.get("sensitive_impact"), language),
        lookback_months=lookback if isinstance(lookback, int) else None,
        parties=tuple(party for party in parties if party.item == code),
    )


def _party(party: ThirdPartyView, labels: Mapping[str, str], names: Mapping[str, str]) -> PartyPage:
    return PartyPage(
        id=str(party.id),
        item=party.item,
        item_name=names.get(party.item, party.item),
        label=labels.get(str(party.id), ""),
        name=str(party.name),  # a destroyed value renders as "destroyed on <date>"
        contact=str(party.contact),
        consent=party.consent,
    )


def _pick(text: object, language: str) -> str:
    """One language of a stored ``{"zh": ..., "en": ...}`` text; empty if there is none."""
    if not isinstance(text, Mapping):
        return ""
    return scope.Text(zh=_plain(text.get("zh")), en=_plain(text.get("en"))).get(language)


def _plain(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
