"""The two gates: what may be ordered, and what may run now."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain import scope

CASHIER = scope.template("cashier").spec
ItemState = scope.ItemState


def test_an_order_comes_back_deduplicated_in_catalogue_order() -> None:
    ordered = scope.check_order(CASHIER, ["dishonest_debtor", "identity", "identity"])
    assert ordered == ("identity", "dishonest_debtor")


@pytest.mark.parametrize(
    ("requested", "error", "code"),
    [
        (["identity", "driving_record"], scope.ItemNotPermitted, "item_not_in_profile"),
        (["identity", "horoscope"], scope.UnknownCheckItem, "unknown_check_item"),
        (["identity", "pregnancy"], scope.ProtectedGroundRefused, "protected_ground"),
        ([], scope.EmptyOrder, "empty_order"),
    ],
)
def test_anything_outside_the_profile_is_refused(requested, error, code) -> None:
    with pytest.raises(error) as caught:
        scope.check_order(CASHIER, requested)
    assert caught.value.code == code


def test_a_protected_ground_is_named_even_beside_an_unknown_item() -> None:
    with pytest.raises(scope.ProtectedGroundRefused):
        scope.check_order(CASHIER, ["horoscope", "marital_status"])


def test_an_item_whose_precondition_was_dropped_is_not_permitted() -> None:
    no_funds = dataclasses.replace(CASHIER, attributes=frozenset())
    assert scope.permits(CASHIER, "credit_report")
    assert not scope.permits(no_funds, "credit_report")
    with pytest.raises(scope.ItemNotPermitted):
        scope.check_order(no_funds, ["credit_report"])


@given(st.lists(st.sampled_from([*scope.CATALOGUE.codes(), *scope.PROTECTED_GROUNDS, "x"])))
def test_an_accepted_order_is_always_inside_the_profile(requested: list[str]) -> None:
    try:
        ordered = scope.check_order(CASHIER, requested)
    except scope.ScopeError:
        return
    assert set(ordered) <= set(CASHIER.codes())
    assert set(ordered) == set(requested)


def may_run(code="identity", *, current=CASHIER, state=ItemState.CONSENTED, consented=True,
            sensitive_consent=True) -> None:  # fmt: skip
    scope.check_may_run(
        code=code, pinned=CASHIER, current=current, state=state,
        consented=consented, sensitive_consent=sensitive_consent,
    )  # fmt: skip


def refusal(**arguments) -> str:
    with pytest.raises(scope.CheckNotRunnable) as caught:
        may_run(**arguments)
    assert caught.value.code == "check_not_runnable"
    assert caught.value.reason in scope.NOT_RUNNABLE_REASONS
    return caught.value.reason


def test_a_consented_item_in_both_versions_may_run() -> None:
    may_run()
    may_run("dishonest_debtor", sensitive_consent=False)


def test_each_reason_a_check_may_not_run() -> None:
    narrowed = dataclasses.replace(
        CASHIER, items=tuple(item for item in CASHIER.items if item.code != "identity")
    )
    assert refusal(code="driving_record") == "not_in_ordered_profile"
    assert refusal(current=narrowed) == "removed_from_profile"
    assert refusal(state=ItemState.AWAITING_CONSENT) == "not_consented"
    assert refusal(state=ItemState.REFUSED) == "refused"
    assert refusal(state=ItemState.STOPPED) == "withdrawn_or_stopped"
    assert refusal(state=ItemState.RUNNING) == "already_running"
    assert refusal(state=ItemState.COMPLETED) == "already_completed"
    assert refusal(consented=False) == "not_consented"
    assert refusal(sensitive_consent=False) == "sensitive_consent_missing"


def test_widening_the_profile_never_reaches_a_screening_already_ordered() -> None:
    widened = dataclasses.replace(
        CASHIER,
        attributes=CASHIER.attributes | {scope.Precondition.DRIVES_FOR_WORK},
        items=(
            *CASHIER.items,
            scope.PermittedItem("driving_record", scope.Text(zh="驾驶", en="driving")),
        ),
    )
    assert refusal(code="driving_record", current=widened) == "not_in_ordered_profile"


@given(
    state=st.sampled_from(list(ItemState)),
    consented=st.booleans(),
    sensitive_consent=st.booleans(),
    keep_in_current=st.booleans(),
)
def test_a_check_runs_only_with_every_condition_met(
    state: ItemState, consented: bool, sensitive_consent: bool, keep_in_current: bool
) -> None:
    current = CASHIER if keep_in_current else dataclasses.replace(CASHIER, items=CASHIER.items[1:])
    code = CASHIER.items[0].code
    allowed = (
        keep_in_current
        and state == ItemState.CONSENTED
        and consented
        and (sensitive_consent or not scope.CATALOGUE.item(code).sensitive)
    )
    try:
        may_run(code, current=current, state=state, consented=consented,
                sensitive_consent=sensitive_consent)  # fmt: skip
    except scope.CheckNotRunnable:
        assert not allowed
    else:
        assert allowed
