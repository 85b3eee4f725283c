"""When a candidate's data is due: every screening closed, the latest deadline passed."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain.retention import (
    Closure,
    Due,
    DueReason,
    RetentionRules,
    ScreeningFacts,
    add_months,
    due,
)

RULES = RetentionRules(days_after_withdrawal=0, days_after_no_consent=30)
REGISTERED = date(2026, 1, 5)


def test_a_decided_screening_is_kept_for_the_months_the_notice_promised():
    facts = ScreeningFacts(Closure.DECIDED, date(2026, 1, 31), retention_months=6)
    assert due([facts], registered_on=REGISTERED, rules=RULES) == Due(
        date(2026, 7, 31), DueReason.RETENTION_EXPIRED
    )


def test_a_withdrawal_is_due_at_once_and_says_so():
    facts = ScreeningFacts(Closure.WITHDRAWN, date(2026, 3, 2), retention_months=6)
    assert due([facts], registered_on=REGISTERED, rules=RULES) == Due(
        date(2026, 3, 2), DueReason.CONSENT_WITHDRAWN
    )


def test_a_screening_never_decided_is_kept_the_promised_months_after_it_lapsed():
    facts = ScreeningFacts(Closure.LAPSED, date(2026, 8, 31), retention_months=6)
    assert due([facts], registered_on=REGISTERED, rules=RULES) == Due(
        date(2027, 2, 28), DueReason.RETENTION_EXPIRED
    )


def test_nothing_is_due_while_any_screening_is_open():
    closed = ScreeningFacts(Closure.WITHDRAWN, date(2026, 3, 2), retention_months=6)
    running = ScreeningFacts(Closure.OPEN, None, retention_months=6)
    assert due([closed, running], registered_on=REGISTERED, rules=RULES) is None


def test_the_latest_deadline_wins_and_a_mixed_history_is_retention_expired():
    withdrawn = ScreeningFacts(Closure.WITHDRAWN, date(2026, 3, 2), retention_months=6)
    decided = ScreeningFacts(Closure.DECIDED, date(2026, 2, 1), retention_months=3)
    assert due([withdrawn, decided], registered_on=REGISTERED, rules=RULES) == Due(
        date(2026, 5, 1), DueReason.RETENTION_EXPIRED
    )


def test_a_candidate_never_screened_is_kept_only_briefly():
    assert due([], registered_on=REGISTERED, rules=RULES) == Due(
        date(2026, 2, 4), DueReason.RETENTION_EXPIRED
    )


def test_months_end_on_the_last_day_of_a_shorter_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 15), 2) == date(2028, 2, 15)


closures = st.builds(
    ScreeningFacts,
    st.sampled_from([Closure.WITHDRAWN, Closure.NO_CONSENT, Closure.DECIDED, Closure.LAPSED]),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=36),
)


def months_later(day: date, months: int) -> date:
    """Counted a month at a time, clamped to the month's last day: independent of
    `add_months` and of `calendar`, so the property below checks the rule, not itself."""
    year, month = day.year, day.month
    for _ in range(months):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def own_deadline(facts: ScreeningFacts) -> date:
    assert facts.closed_on is not None
    if facts.closure is Closure.WITHDRAWN:
        return facts.closed_on + timedelta(days=RULES.days_after_withdrawal)
    if facts.closure is Closure.NO_CONSENT:
        return facts.closed_on + timedelta(days=RULES.days_after_no_consent)
    return months_later(facts.closed_on, facts.retention_months)


def test_months_later_is_a_faithful_oracle():
    assert months_later(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months_later(date(2027, 12, 31), 2) == date(2028, 2, 29)
    assert months_later(date(2026, 3, 15), 0) == date(2026, 3, 15)


@given(st.lists(closures, min_size=1, max_size=5))
def test_never_due_before_any_screening_closed_or_its_own_deadline(history):
    result = due(history, registered_on=REGISTERED, rules=RULES)
    assert result is not None
    for facts in history:
        assert result.due_on >= facts.closed_on
        assert result.due_on >= own_deadline(facts)
    assert result.due_on == max(own_deadline(facts) for facts in history)


@given(st.lists(closures, min_size=1, max_size=4), closures)
def test_another_screening_never_brings_the_deadline_forward(history, more):
    before = due(history, registered_on=REGISTERED, rules=RULES)
    after = due([*history, more], registered_on=REGISTERED, rules=RULES)
    assert after.due_on >= before.due_on
