"""When a candidate's data is due: every screening closed, the latest deadline passed."""

from __future__ import annotations

from datetime import date

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
    st.sampled_from([Closure.WITHDRAWN, Closure.NO_CONSENT, Closure.DECIDED]),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=36),
)


@given(st.lists(closures, min_size=1, max_size=5))
def test_never_due_before_any_screening_closed_or_its_own_deadline(history):
    result = due(history, registered_on=REGISTERED, rules=RULES)
    assert result is not None
    for facts in history:
        assert result.due_on >= facts.closed_on


@given(st.lists(closures, min_size=1, max_size=4), closures)
def test_another_screening_never_brings_the_deadline_forward(history, more):
    before = due(history, registered_on=REGISTERED, rules=RULES)
    after = due([*history, more], registered_on=REGISTERED, rules=RULES)
    assert after.due_on >= before.due_on
