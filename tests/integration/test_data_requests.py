"""Data-subject requests (PIPL Art. 45-47, 50): a deadline on the calendar, answered by the
DPO only, refusals with reasons, deletion by crypto-shredding with a certificate, the
candidate told, and a ledger that records each step without a word of what was written."""

from __future__ import annotations

import json
from datetime import date

import pytest

from fairscreen.accounts.roles import Role
from fairscreen.core.errors import FairscreenError, NotFound, PermissionDenied
from fairscreen.evidence.models import Event
from fairscreen.notifications.models import Notification
from fairscreen.portal import services
from fairscreen.portal.data_export import data_request_detail, data_request_queue
from fairscreen.portal.models import DataRequest, Dispute
from fairscreen.portal.services import resolve_dispute
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.models import SubjectKey
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.models import Finding
from tests.factories import access_for, create_hiring_setup, create_member
from tests.integration.decision_support import decision_world

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 3)
CORRECTION = "测试：我的失信记录已撤销，请更正 (my listing was lifted, test)"
REASONS = "测试：劳动仲裁未结，依法须保留 (pending labour arbitration, test)"
OUTCOME = "测试：已更正联系电话 (phone number corrected, test)"


@pytest.fixture
def world():
    return decision_world()


def ask(world, kind="correction", text=CORRECTION, today=MARCH, **more):
    return services.submit_data_request(
        screening_id=world.screening.id, kind=kind, text=text, today=today, **more
    )


def candidate_messages(world, kind):
    rows = Notification.objects.filter(
        kind=kind, recipient_kind="candidate", candidate_id=world.screening.candidate_id
    )
    with data_key_scope():
        return [json.loads(row.content.reveal()) for row in rows]


def events(prefix="data_request."):
    return list(Event.objects.filter(event_type__startswith=prefix).order_by("sequence"))


def test_a_request_is_due_in_15_working_days_on_the_organisations_calendar(world):
    request = ask(world)

    assert request.due_on == date(2026, 3, 24)
    assert (request.state, request.calendar_problem) == ("received", "")
    assert Notification.objects.filter(kind="data_request.received", recipient_kind="staff")


def test_without_a_calendar_for_the_year_the_deadline_is_to_be_set_and_flagged(world):
    request = ask(world, today=date(2026, 12, 20))  # 15 working days reach into 2027

    assert request.due_on is None
    assert request.calendar_problem == "calendar_not_available:2027"
    queue = data_request_queue(access=world.setup.dpo, today=date(2026, 12, 21))
    assert [row.id for row in queue.open] == [request.id]
    assert queue.open[0].due_on is None


def test_the_queue_puts_overdue_requests_first_then_those_without_a_date(world):
    later = ask(world, today=date(2026, 6, 1))
    overdue = ask(world, today=MARCH)
    undated = ask(world, today=date(2026, 12, 20))

    queue = data_request_queue(access=world.setup.dpo, today=date(2026, 4, 1))

    assert [row.id for row in queue.open] == [overdue.id, undated.id, later.id]
    assert [row.overdue for row in queue.open] == [True, False, False]


def test_a_refusal_needs_reasons_and_the_candidate_is_given_them(world):
    request = ask(world)
    before = len(events())
    with pytest.raises(FairscreenError) as raised:
        services.refuse_data_request(access=world.setup.dpo, request_id=request.id, reasons=" ")
    assert raised.value.code == "validation_error"
    assert DataRequest.objects.get(id=request.id).state == "received"
    assert len(events()) == before

    refused = services.refuse_data_request(
        access=world.setup.dpo, request_id=request.id, reasons=REASONS
    )

    assert refused.state == "refused"
    assert refused.handled_at is not None
    assert DataRequest.objects.get(id=request.id).outcome.reveal() == REASONS
    [message] = candidate_messages(world, "data_request.refused")
    assert REASONS in message["body"]["zh-hans"]
    assert REASONS in message["body"]["en"]
    with pytest.raises(FairscreenError) as again:
        services.fulfil_data_request(access=world.setup.dpo, request_id=request.id, outcome="x")
    assert again.value.code == "data_request_closed"


def test_a_correction_is_recorded_and_the_candidate_hears_the_outcome(world):
    request = ask(world, text="测试：电话号码有误 (wrong phone, test)")
    services.start_data_request(access=world.setup.dpo, request_id=request.id)
    with pytest.raises(FairscreenError):
        services.fulfil_data_request(access=world.setup.dpo, request_id=request.id, outcome="")

    done = services.fulfil_data_request(
        access=world.setup.dpo, request_id=request.id, outcome=OUTCOME
    )

    assert done.state == "fulfilled"
    assert candidate_messages(world, "data_request.started")
    [message] = candidate_messages(world, "data_request.fulfilled")
    assert OUTCOME in message["body"]["en"]
    assert [event.event_type for event in events()] == [
        "data_request.received",
        "data_request.started",
        "data_request.fulfilled",
    ]


def test_a_correction_of_a_finding_goes_through_the_disputes_flow(world):
    request = ask(world, finding_id=world.finding.id)
    referred = services.refer_correction_to_dispute(
        access=world.setup.dpo, request_id=request.id, today=MARCH
    )
    dispute = Dispute.objects.get(id=referred.dispute_id)

    assert referred.state == "in_progress"
    assert dispute.statement.reveal() == CORRECTION
    assert Finding.objects.get(id=world.finding.id).status == "disputed"
    with pytest.raises(FairscreenError) as raised:
        services.fulfil_data_request(access=world.setup.dpo, request_id=request.id, outcome="x")
    assert raised.value.code == "dispute_still_open"

    resolve_dispute(
        access=world.setup.analyst,
        dispute_id=dispute.id,
        outcome="removed",
        reasons="测试：系同名人员 (a namesake, test)",
    )
    done = services.fulfil_data_request(
        access=world.setup.dpo, request_id=request.id, outcome="测试：该记录已删除 (removed, test)"
    )
    assert done.state == "fulfilled"
    detail = data_request_detail(access=world.setup.dpo, request_id=request.id)
    assert (detail.dispute_state, detail.dispute_outcome) == ("resolved", "removed")


def test_a_correction_of_an_unverified_finding_cannot_be_a_dispute(world):
    rumour = world.finding
    Finding.objects.filter(id=rumour.id).update(status="unverified")
    request = ask(world, finding_id=rumour.id)

    with pytest.raises(FairscreenError) as raised:
        services.refer_correction_to_dispute(access=world.setup.dpo, request_id=request.id)

    assert raised.value.code == "finding_not_disputable"
    assert not Dispute.objects.exists()


def test_deletion_is_told_first_then_crypto_shreds_with_a_certificate(world):
    other = ask(world)
    request = ask(world, kind="deletion", text="测试：请删除我的全部数据 (delete everything, test)")
    dpo = world.setup.dpo
    with pytest.raises(FairscreenError) as raised:
        services.fulfil_data_request(access=dpo, request_id=request.id)
    assert raised.value.code == "start_deletion_first"
    with pytest.raises(FairscreenError) as twice:
        ask(world, kind="deletion", text="")
    assert twice.value.code == "deletion_already_requested"

    services.start_data_request(access=dpo, request_id=request.id)
    done = services.fulfil_data_request(access=dpo, request_id=request.id)

    key = SubjectKey.objects.get(subject=f"candidate:{world.screening.candidate_id}")
    assert key.destroyed_at is not None
    certificate = Event.objects.get(event_type="subject_key.destroyed")
    assert done.destruction_event == certificate.sequence
    assert b'"reason":"deletion_request"' in bytes(certificate.entry)
    fulfilled = Event.objects.filter(event_type="data_request.fulfilled").last()
    assert f'"certificate":{certificate.sequence}'.encode() in bytes(fulfilled.entry)
    assert DataRequest.objects.get(id=other.id).state == "fulfilled"
    assert Notification.objects.filter(kind="data_request.started", recipient_kind="candidate")
    assert isinstance(DataRequest.objects.get(id=request.id).text.reveal(), Destroyed)
    with pytest.raises(FairscreenError) as after:
        ask(world, kind="correction")
    assert after.value.code == "data_already_destroyed"


def test_only_the_data_protection_officer_handles_requests(world):
    request = ask(world)
    organisation = world.setup.organisation
    for access in (
        world.setup.analyst,
        world.setup.hr_admin,
        world.setup.recruiter,
        world.reviewer,
    ):
        for call in (
            lambda a=access: services.start_data_request(access=a, request_id=request.id),
            lambda a=access: services.refuse_data_request(
                access=a, request_id=request.id, reasons=REASONS
            ),
            lambda a=access: services.fulfil_data_request(
                access=a, request_id=request.id, outcome=OUTCOME
            ),
            lambda a=access: data_request_queue(access=a),
        ):
            with pytest.raises(PermissionDenied):
                call()
    stranger = create_hiring_setup()
    with pytest.raises(NotFound):
        services.start_data_request(access=stranger.dpo, request_id=request.id)
    assert data_request_queue(access=stranger.dpo).open == ()
    auditor = access_for(create_member(organisation, Role.AUDITOR), organisation)
    with pytest.raises(PermissionDenied):
        data_request_detail(access=auditor, request_id=request.id)
    assert DataRequest.objects.get(id=request.id).state == "received"


def test_the_ledger_records_every_step_without_what_anyone_wrote(world):
    first = ask(world)
    services.refuse_data_request(access=world.setup.dpo, request_id=first.id, reasons=REASONS)
    second = ask(world, finding_id=world.finding.id)
    services.refer_correction_to_dispute(access=world.setup.dpo, request_id=second.id)
    services.submit_data_request(screening_id=world.screening.id, kind="copy")
    third = ask(world, text="测试：补充学历信息 (add my degree, test)")
    services.start_data_request(access=world.setup.dpo, request_id=third.id)
    services.fulfil_data_request(access=world.setup.dpo, request_id=third.id, outcome=OUTCOME)

    recorded = events("data_request")
    kinds = {event.event_type for event in recorded}
    assert kinds >= {
        "data_request.received",
        "data_request.refused",
        "data_request.referred",
        "data_request.copy_provided",
        "data_request.started",
        "data_request.fulfilled",
    }
    for event in recorded:
        entry = bytes(event.entry).decode()
        for words in (CORRECTION, REASONS, OUTCOME, "测试"):
            assert words not in entry, event.event_type


def test_a_copy_request_is_fulfilled_at_once_and_still_recorded(world):
    request = services.submit_data_request(screening_id=world.screening.id, kind="copy")

    assert (request.kind, request.state) == ("copy", "fulfilled")
    assert request.handled_at is not None
    assert Event.objects.filter(event_type="data_request.copy_provided").count() == 1
    assert data_request_queue(access=world.setup.dpo).copies_provided == 1


def test_an_unknown_kind_or_a_strangers_finding_changes_nothing(world):
    stranger = decision_world()
    for call in (
        lambda: ask(world, kind="everything"),
        lambda: ask(world, finding_id=stranger.finding.id),
    ):
        with pytest.raises(FairscreenError):
            call()
    assert not DataRequest.objects.exists()
    assert not events()


def test_a_legal_hold_blocks_the_deletion_which_is_refused_with_the_hold_as_reason(world):
    from fairscreen.retention.services import place_legal_hold

    dpo = world.setup.dpo
    place_legal_hold(
        access=dpo,
        candidate_id=world.screening.candidate_id,
        reason="测试：劳动仲裁进行中 (pending arbitration, test)",
    )
    request = ask(world, kind="deletion", text="")
    services.start_data_request(access=dpo, request_id=request.id)

    with pytest.raises(FairscreenError) as raised:
        services.fulfil_data_request(access=dpo, request_id=request.id)
    assert raised.value.code == "legal_hold_active"
    assert data_request_detail(access=dpo, request_id=request.id).legal_hold
    key = SubjectKey.objects.get(subject=f"candidate:{world.screening.candidate_id}")
    assert key.destroyed_at is None

    refused = services.refuse_data_request(access=dpo, request_id=request.id, reasons=REASONS)
    assert refused.state == "refused"
