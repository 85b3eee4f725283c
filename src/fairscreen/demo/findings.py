"""The demo's checks in progress: findings in every state, through the real services.

Two more fictional candidates, screened and consented in full, whose checks ran: one at the
cashier position on the sandbox's dishonest-debtor list (verified), one backend engineer
whose degree the sandbox education registry does not know (verified), with a referee's
concern confirmed by a second referee (corroborated), a volunteered opinion (hearsay, never
in the report), a title the candidate's own document contradicts (unverified) and a
finding about a namesake (retracted). Disputed and corrected findings arrive with the
disputes, where the candidate raises them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from fairscreen.accounts.models import Organisation
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.demo.screenings import demo_access
from fairscreen.domain import scope
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.positions.models import Position
from fairscreen.screenings import services
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.identity import check_character
from fairscreen.screenings.models import Candidate, Finding, Screening
from fairscreen.screenings.services import ConsentChoices, InterviewAnswer, ThirdPartyIn

_RETRIEVED = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def fictional_id(sequence: str) -> str:
    """A checksum-valid ID number in region 990000 (no province): sandbox scenario = seq % 8."""
    first = f"99000019950606{sequence}"
    return first + check_character(first)


SCREENED_CANDIDATES = (
    ("测试候选人己", fictional_id("004"), "13800000006", "candidate.ji@example.com"),
    ("测试候选人庚", fictional_id("005"), "13800000007", "candidate.geng@example.com"),
)
"""Name, ID number, phone and e-mail of the two candidates whose checks ran."""

PERSONAL_SNIPPETS = (
    "生产数据库导出到个人电脑",
    "性格孤僻",
    "示例证明人1",
    "(2025)沙0101执500号",
    "离职证明上的职位低于简历",
    "同名人员被辞退",
)
"""Pieces of the demo's findings: personal data that must never be stored in clear."""


def seed_findings(organisation: Organisation) -> None:
    """Idempotent: does nothing once the organisation has any finding."""
    if Finding.objects.filter(organisation=organisation).exists():
        return
    positions = {
        p.title.split(" ")[0]: p for p in Position.objects.filter(organisation=organisation)
    }
    recruiter = demo_access(organisation, Role.RECRUITER)
    analyst = demo_access(organisation, Role.ANALYST)
    debtor, engineer = (_candidate(recruiter, *values) for values in SCREENED_CANDIDATES)
    cashier_screening = _consented(
        recruiter, debtor, positions["出纳"], ("identity", "dishonest_debtor"), []
    )
    _run_sandbox(analyst, cashier_screening, ("identity", "dishonest_debtor"))
    referees = [
        ThirdPartyIn(
            item="reference_interview",
            name=f"示例证明人{n} (Demo Referee {n})",
            contact=f"referee{n}@former-employer.example.com",
        )
        for n in (1, 2)
    ]
    employer = ThirdPartyIn(
        item="employment_history",
        name="示例前雇主有限公司 (Demo Former Employer Ltd.)",
        contact="hr@former-employer.example.com",
    )
    engineer_screening = _consented(
        recruiter,
        engineer,
        positions["后端工程师"],
        ("identity", "education", "employment_history", "reference_interview"),
        [employer, *referees],
    )
    _run_sandbox(analyst, engineer_screening, ("identity", "education"))
    _interview(analyst, engineer_screening)
    _employment(analyst, engineer_screening)


def _candidate(
    recruiter: OrganisationAccess, name: str, id_number: str, phone: str, email: str
) -> Candidate:
    return services.register_candidate(
        access=recruiter, full_name=name, id_number=id_number, phone=phone, email=email
    )


def _consented(
    recruiter: OrganisationAccess,
    candidate: Candidate,
    position: Position,
    items: tuple[str, ...],
    parties: list[ThirdPartyIn],
) -> Screening:
    screening = services.order_screening(
        access=recruiter,
        candidate_id=candidate.id,
        position_id=position.id,
        items=list(items),
        third_parties=parties,
    )
    issued = services.issue_invitation(access=recruiter, screening_id=screening.id)
    services.open_invitation(token=issued.token)
    screening.refresh_from_db()
    services.record_consent(
        screening_id=screening.id,
        choices=ConsentChoices(
            granted=frozenset(items),
            sensitive_confirmed=frozenset(c for c in items if scope.CATALOGUE.item(c).sensitive),
            third_parties_granted=frozenset(screening.third_parties.values_list("id", flat=True)),
        ),
        signed_name=str(candidate.full_name.reveal()),
        notice_digest=screening.notice_digest,
        language="zh-hans",
    )
    screening.refresh_from_db()
    return screening


def _run_sandbox(analyst: OrganisationAccess, screening: Screening, codes: tuple[str, ...]) -> None:
    for code in codes:
        services.start_check(access=analyst, screening_id=screening.id, code=code)
        run = services.request_check_run(
            access=analyst, screening_id=screening.id, code=code, connector_code="sandbox"
        )
        services.execute_run(run.id)
        services.complete_check(access=analyst, screening_id=screening.id, code=code)


def _interview(analyst: OrganisationAccess, screening: Screening) -> None:
    services.start_check(access=analyst, screening_id=screening.id, code="reference_interview")
    first, second = screening.third_parties.filter(item_code="reference_interview").order_by(
        "position_in_list"
    )
    concern = services.record_reference_interview(
        access=analyst,
        screening_id=screening.id,
        third_party_id=first.id,
        interviewed_on=date(2026, 11, 24),
        answers=[
            InterviewAnswer("dates_and_title", "2021-03 至 2024-06，后端工程师 (backend engineer)"),
            InterviewAnswer(
                "documented_incidents",
                "2023 年未经审批将生产数据库导出到个人电脑，"
                "公司书面警告 (copied the production database to a personal laptop "
                "without approval in 2023; written warning)",
                concern=True,
            ),
        ],
        opinion="觉得他性格孤僻，不合群 (found him unsociable)",
    )[0]
    services.add_source(
        access=analyst,
        finding_id=concern.id,
        source=SourceIn(
            kind="referee",
            authority=AuthorityLevel.FIRST_HAND_WITNESS,
            origin=f"third_party:{second.id}",
            reference="证明人访谈 2026-11-25",
            retrieved_at=_RETRIEVED,
            statement="确认 2023 年的书面警告 (confirms the 2023 written warning)",
        ),
    )


def _employment(analyst: OrganisationAccess, screening: Screening) -> None:
    services.start_check(access=analyst, screening_id=screening.id, code="employment_history")
    document = SourceIn(
        kind="candidate_document",
        authority=AuthorityLevel.OFFICIAL_DOCUMENT,
        origin="candidate:upload",
        reference="候选人提供的离职证明（示例）",
        retrieved_at=_RETRIEVED,
    )
    services.record_finding(
        access=analyst,
        screening_id=screening.id,
        item_code="employment_history",
        category="employment.title_mismatch",
        details={
            "employer": "示例前雇主有限公司",
            "title": "初级工程师 (junior engineer)",
            "started_on": "2021-03-01",
            "ended_on": "2024-06-30",
            "leaving_reason_stated_by": "document",
            "summary": "离职证明上的职位低于简历所写的高级工程师 (the leaving certificate "
            "says junior, the résumé senior)",
        },
        source=document,
    )
    namesake = services.record_finding(
        access=analyst,
        screening_id=screening.id,
        item_code="employment_history",
        category="employment.misconduct_dismissal",
        details={
            "employer": "另一家示例公司 (Another Demo Co.)",
            "started_on": "2019-01-01",
            "leaving_reason_stated_by": "document",
            "summary": "同名人员被辞退的记录 (a namesake's dismissal)",
        },
        source=document,
    )
    services.retract_finding(
        access=analyst,
        finding_id=namesake.id,
        reason="wrong_person",
        note="身份证号不符，系同名人员 (different ID number: a namesake)",
    )


def cashier_screening_for(
    organisation: Organisation, values: tuple[str, str, str, str]
) -> Screening:
    """A cashier candidate (name, sandbox sequence, phone, e-mail) consented, checked whole."""
    name, sequence, phone, email = values
    recruiter = demo_access(organisation, Role.RECRUITER)
    analyst = demo_access(organisation, Role.ANALYST)
    candidate = _candidate(recruiter, name, fictional_id(sequence), phone, email)
    position = Position.objects.get(organisation=organisation, title__startswith="出纳")
    screening = _consented(recruiter, candidate, position, ("identity", "dishonest_debtor"), [])
    _run_sandbox(analyst, screening, ("identity", "dishonest_debtor"))
    return screening
