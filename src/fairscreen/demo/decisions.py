"""The demo's decisions, disputes and the candidate's voice: every state, real services.

- 测试候选人己 (cashier, on the sandbox's dishonest-debtor list): a decision not to proceed,
  assessed and signed as **preliminary**; she has **disputed** the listing, so the
  decision is frozen while an analyst re-verifies.
- 测试候选人辛 (cashier, also listed): the same path, but her dispute ended in a
  **correction** — the listing had been lifted — so the light went red → green and the
  decision was **superseded**: it must be taken again.
- 测试候选人壬 (cashier, nothing found): a **final** decision to proceed; she was told the
  outcome and the reasons, and rated the process.
- 测试候选人癸 (cashier, nothing found): a proposal to proceed **awaits the approver's
  signature** (log in as approver@example.com).
- 测试候选人庚 (backend engineer, checks still running): he added a statement and asked HR
  a question, which HR answered.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from fairscreen.accounts.local_time import organisation_today
from fairscreen.accounts.models import Organisation
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.decisions import services as decisions
from fairscreen.decisions.models import Decision
from fairscreen.demo.findings import cashier_screening_for
from fairscreen.demo.screenings import demo_access
from fairscreen.domain import workdays
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.portal import services as portal
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.models import Finding, Screening

DEMO_PASSWORD = "fairscreen-demo-2026"  # noqa: S105 - published in the README (demo.seed)

DECIDED_CANDIDATES = (
    ("测试候选人辛", "012", "13800000008", "candidate.xin@example.com"),
    ("测试候选人壬", "017", "13800000009", "candidate.ren@example.com"),
    ("测试候选人癸", "025", "13800000010", "candidate.gui@example.com"),
)
"""Name, sandbox sequence (012 % 8 = 4: listed; 017 and 025 % 8 = 1: clean), phone, e-mail."""

_RECHECKED = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


def extend_demo_calendar(hr_admin: OrganisationAccess, *, today: date | None = None) -> bool:
    """Load a visibly fictional schedule for the years the demo needs and no package has.

    The official calendar (chinesecalendar) ends with the last year the State Council has
    published and the package has shipped; from 30 days before that, the demo's response
    windows and dispute deadlines would run past it and be refused (as they are, rightly,
    for a real organisation until its HR admin loads the official schedule). The demo is
    fictional, so it loads, through the same admin service, a schedule labelled as the
    demo's own invention: weekends and New Year's Day off, nothing else. Returns whether
    it loaded one.
    """
    calendar = decisions.calendar_for(hr_admin.organisation)
    day = today or organisation_today(hr_admin.organisation)
    if not workdays.needs_next_year_warning(calendar, today=day):
        return False
    first = calendar.covered_until().year + 1
    lines = []
    for year in range(first, max(first, day.year + 1) + 1):
        lines.append(f"year {year} 演示用虚构安排，非官方 (demo only: fictional, not official)")
        lines.append(f"holiday {year}-01-01 元旦")
    decisions.load_calendar_schedule(access=hr_admin, text="\n".join(lines) + "\n")
    return True


def seed_decisions(organisation: Organisation) -> None:
    """Idempotent: does nothing once the organisation has any decision."""
    if Decision.objects.filter(organisation=organisation).exists():
        return

    extend_demo_calendar(demo_access(organisation, Role.HR_ADMIN))
    reviewer = demo_access(organisation, Role.REVIEWER)
    approver = demo_access(organisation, Role.APPROVER)
    analyst = demo_access(organisation, Role.ANALYST)
    listed = _screening_of(organisation, "dishonest_debtor")
    _preliminary(reviewer, approver, listed)
    portal.open_dispute(
        screening_id=listed.id,
        finding_id=_listing(listed).id,
        statement="该笔执行款已于 2026 年 11 月清偿，法院尚未更新名单 (paid in November 2026; "
        "the court has not yet updated the list)",
    )
    corrected = cashier_screening_for(organisation, DECIDED_CANDIDATES[0])
    _preliminary(reviewer, approver, corrected)
    dispute = portal.open_dispute(
        screening_id=corrected.id,
        finding_id=_listing(corrected).id,
        statement="我已被移出失信名单 (I was removed from the list)",
    )
    portal.resolve_dispute(
        access=analyst,
        dispute_id=dispute.id,
        outcome="corrected",
        reasons="复核：法院已于 2026-11-20 将候选人移出名单 (re-checked: removed on 2026-11-20)",
        correction=portal.Correction(
            category="dishonest_debtor.previously_listed",
            details={
                "case_number": "(2025)沙0101执500号",
                "court": "沙盒市中心区人民法院 (Sandbox Central Court)",
                "listed_on": "2025-10-10",
                "removed_on": "2026-11-20",
                "summary": "已履行并移出名单 (paid and removed from the list)",
            },
        ),
        source=SourceIn(
            kind="court_records",
            authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
            origin="sandbox:debtors-recheck",
            reference="沙盒失信被执行人名单复核",
            retrieved_at=_RECHECKED,
        ),
    )
    clean = cashier_screening_for(organisation, DECIDED_CANDIDATES[1])
    _proceed(reviewer, approver, clean)
    portal.submit_survey(
        screening_id=clean.id,
        responsiveness=5,
        transparency=4,
        fairness=5,
        comment="流程清楚，三天内就收到了结果 (clear; I heard within three days)",
    )
    _awaiting_signature(reviewer, cashier_screening_for(organisation, DECIDED_CANDIDATES[2]))
    _engineer(organisation)


def _screening_of(organisation: Organisation, item: str) -> Screening:
    return (
        Screening.objects.filter(
            organisation=organisation, items__code=item, findings__isnull=False
        )
        .distinct()
        .get()
    )


def _listing(screening: Screening) -> Finding:
    return Finding.objects.get(screening=screening, item__code="dishonest_debtor")


def _preliminary(
    reviewer: OrganisationAccess, approver: OrganisationAccess, screening: Screening
) -> None:
    decision = decisions.open_decision(access=reviewer, screening_id=screening.id)
    decisions.record_assessment(
        access=reviewer,
        decision_id=decision.id,
        findings=[_listing(screening).id],
        nature_and_gravity="目前被列为失信被执行人：有能力履行而拒不履行 (currently listed)",
        time_elapsed="2025 年 10 月列入，至今未移出 (listed October 2025, not removed)",
        relevance_to_duties="出纳每日经手现金与票据，诚信要求直接相关 (handles cash daily)",
        candidate_statement="候选人尚未说明；预先告知书将请其说明 (to be heard through the notice)",
    )
    decisions.propose_decision(
        access=reviewer,
        decision_id=decision.id,
        outcome="do_not_proceed",
        reasons="出纳岗位保管资金，当前失信记录与职责直接相关 (a current listing bears on "
        "keeping the cash)",
    )
    decisions.sign_decision(access=approver, decision_id=decision.id, password=DEMO_PASSWORD)


def _proceed(
    reviewer: OrganisationAccess, approver: OrganisationAccess, screening: Screening
) -> None:
    decision = decisions.open_decision(access=reviewer, screening_id=screening.id)
    decisions.propose_decision(
        access=reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="核查项目均无与岗位相关的结果 (nothing relevant to the duties was found)",
    )
    decisions.sign_decision(access=approver, decision_id=decision.id, password=DEMO_PASSWORD)


def _engineer(organisation: Organisation) -> None:
    screening = (
        Screening.objects.filter(organisation=organisation, items__code="reference_interview")
        .exclude(findings__isnull=True)
        .distinct()
        .first()
    )
    if screening is None:
        return
    portal.save_statement(
        screening_id=screening.id,
        text="2023 年的书面警告后，我参加了公司的数据安全培训并通过考核 (after the 2023 warning "
        "I completed the company's data-security training)",
    )
    question = portal.ask_question(
        screening_id=screening.id, text="团队是否实行值班轮换？(does the team run an on-call rota?)"
    )
    portal.answer_question(
        access=demo_access(organisation, Role.HR_ADMIN),
        question_id=question.id,
        text="是，每 6 周轮值一周，补贴按公司制度发放 (yes, one week in six, with an allowance)",
    )


def _awaiting_signature(reviewer: OrganisationAccess, screening: Screening) -> None:
    decision = decisions.open_decision(access=reviewer, screening_id=screening.id)
    decisions.comment_on_decision(
        access=reviewer,
        decision_id=decision.id,
        text="身份与失信名单均无异常 (identity and the debtor list are clear)",
    )
    decisions.propose_decision(
        access=reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="核查项目均无与岗位相关的结果 (nothing relevant to the duties was found)",
    )
