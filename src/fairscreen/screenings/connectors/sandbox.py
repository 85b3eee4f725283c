"""The sandbox connector: deterministic fictional registries for the demo and the tests.

It stands in for the education record service (学信网), published judgments (裁判文书网),
the dishonest-debtor list (失信被执行人名单) and former employers, and answers **only for
fictional people**: ID numbers in region 990000, which belongs to no province. Anyone else
is refused (`sandbox_real_person`), so a misconfigured production instance can never write
invented facts about a real person.

What it finds depends on the ID number's three-digit sequence code (digits 15-17), modulo 8
— so the same person always gets the same records:

| code % 8 | records |
|---|---|
| 0, 1 | nothing: a clean result |
| 2 | a civil case the candidate brought as plaintiff (and won) |
| 3 | one of many defendants in a residents' property-fee dispute, held liable, paid |
| 4 | currently on the dishonest-debtor list |
| 5 | a degree the education registry has no record of |
| 6 | a former employer reports different employment dates |
| 7 | a commercial-contract judgment against the candidate, not performed |
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fairscreen.domain.findings import AuthorityLevel
from fairscreen.screenings.connectors._protocol import (
    CheckRequest,
    ConnectorError,
    ConnectorResult,
    ReportedFinding,
    SourceIn,
)

__all__ = ["SandboxConnector", "sandbox_scenario"]

FICTIONAL_REGION = "990000"
_RETRIEVED = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


def sandbox_scenario(id_number: str) -> int:
    """The scenario number (0-7) the sandbox uses for a fictional ID number."""
    return int(id_number[14:17]) % 8


class SandboxConnector:
    """Deterministic fictional registry answers; see the module docstring for the table."""

    code = "sandbox"
    items = frozenset(
        {"identity", "education", "civil_litigation", "dishonest_debtor", "employment_history"}
    )

    def run(self, request: CheckRequest) -> ConnectorResult:
        if not request.id_number.startswith(FICTIONAL_REGION) or len(request.id_number) != 18:
            raise ConnectorError(
                "sandbox_real_person",
                "The sandbox answers only for fictional people (ID region 990000).",
                retryable=False,
            )
        scenario = sandbox_scenario(request.id_number)
        answer = _SCENARIOS.get((request.item, scenario))
        found = answer(request) if answer is not None else None
        return ConnectorResult(findings=() if found is None else (found,))


def _registry(kind: str, origin: str, reference: str) -> SourceIn:
    return SourceIn(
        kind=kind,
        authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
        origin=origin,
        reference=reference,
        retrieved_at=_RETRIEVED,
    )


def _judgments(reference: str) -> SourceIn:
    return _registry("court_records", "sandbox:judgments", f"沙盒裁判文书库 {reference}")


def _plaintiff(request: CheckRequest) -> ReportedFinding:
    return ReportedFinding(
        external_ref=f"sandbox:judgment:{request.id_number[-4:]}:plaintiff",
        category="",
        details={
            "case_number": "(2024)沙0116民初1001号",
            "court": "沙盒市金山区人民法院 (Sandbox Jinshan Court)",
            "cause_of_action": "网络购物合同纠纷 (online purchase fraud)",
            "cause_class": "commercial_contract",
            "role": "plaintiff",
            "outcome": "in_candidates_favour",
            "performance": "not_applicable",
            "judged_on": "2024-09-12",
            "summary": "候选人起诉欺诈他的卖家并胜诉 (the candidate sued a seller who defrauded "
            "him, and won)",
        },
        source=_judgments("(2024)沙0116民初1001号"),
    )


def _property_fee(request: CheckRequest) -> ReportedFinding:
    return ReportedFinding(
        external_ref=f"sandbox:judgment:{request.id_number[-4:]}:property-fee",
        category="",
        details={
            "case_number": "(2023)沙0105民初2088号",
            "court": "沙盒市示例区人民法院 (Sandbox District Court)",
            "cause_of_action": "物业服务合同纠纷 (property service fees)",
            "cause_class": "other",
            "role": "defendant",
            "outcome": "against_candidate",
            "performance": "performed",
            "judged_on": "2023-05-20",
            "summary": "物业公司起诉 126 户业主欠费，候选人为被告之一，已缴清 (one of 126 "
            "residents sued by the property company; paid)",
        },
        source=_judgments("(2023)沙0105民初2088号"),
    )


def _unperformed_contract(request: CheckRequest) -> ReportedFinding:
    return ReportedFinding(
        external_ref=f"sandbox:judgment:{request.id_number[-4:]}:contract",
        category="",
        details={
            "case_number": "(2025)沙0101民初3300号",
            "court": "沙盒市中心区人民法院 (Sandbox Central Court)",
            "cause_of_action": "买卖合同纠纷 (sales contract)",
            "cause_class": "commercial_contract",
            "role": "defendant",
            "outcome": "against_candidate",
            "performance": "unperformed",
            "judged_on": "2025-08-01",
            "summary": "判决候选人支付货款，尚未履行 (ordered to pay for goods; not paid)",
        },
        source=_judgments("(2025)沙0101民初3300号"),
    )


def _debtor(request: CheckRequest) -> ReportedFinding:
    return ReportedFinding(
        external_ref=f"sandbox:debtor:{request.id_number[-4:]}",
        category="dishonest_debtor.currently_listed",
        details={
            "case_number": "(2025)沙0101执500号",
            "court": "沙盒市中心区人民法院 (Sandbox Central Court)",
            "listed_on": "2025-10-10",
            "summary": "有履行能力而拒不履行生效判决 (able to pay, refused to)",
        },
        source=_registry("court_records", "sandbox:debtors", "沙盒失信被执行人名单"),
    )


def _degree_not_found(request: CheckRequest) -> ReportedFinding:
    return ReportedFinding(
        external_ref=f"sandbox:education:{request.id_number[-4:]}",
        category="education.record_not_found",
        details={
            "institution": "沙盒大学 (Sandbox University)",
            "degree": "硕士 (Master)",
            "summary": "学历库中没有所申报学历的记录 (no record of the declared degree)",
        },
        source=_registry("authoritative_registry", "sandbox:education", "沙盒学历库"),
    )


def _employment_dates(request: CheckRequest) -> ReportedFinding | None:
    employer = next(
        (party for party in request.third_parties if party.kind == "former_employer"), None
    )
    if employer is None:
        return None
    return ReportedFinding(
        external_ref=f"sandbox:employment:{employer.id}",
        category="employment.date_mismatch",
        details={
            "employer": employer.name,
            "started_on": "2022-03-01",
            "ended_on": "2023-02-28",
            "leaving_reason_stated_by": "former_employer",
            "summary": "前雇主人事系统记录的离职日期比申报早 9 个月 (left 9 months earlier "
            "than declared)",
        },
        source=SourceIn(
            kind="former_employer",
            authority=AuthorityLevel.OFFICIAL_DOCUMENT,
            origin=f"third_party:{employer.id}",
            reference="前雇主人事证明（沙盒）",
            retrieved_at=_RETRIEVED,
        ),
    )


_SCENARIOS: dict[tuple[str, int], Callable[[CheckRequest], ReportedFinding | None]] = {
    ("civil_litigation", 2): _plaintiff,
    ("civil_litigation", 3): _property_fee,
    ("dishonest_debtor", 4): _debtor,
    ("education", 5): _degree_not_found,
    ("employment_history", 6): _employment_dates,
    ("civil_litigation", 7): _unperformed_contract,
}
