"""The regulator's ledger API through HTTP, verified the way an outside inspector would.

Nothing here trusts the server: the checkpoint is checked with the verifier key, proofs with
the pure RFC 9162 verifiers, and roots are recomputed from the entries the API hands out.
"""

from __future__ import annotations

import base64

import pytest
from django.db import transaction
from django.test import Client
from openapi_spec_validator import validate

from fairscreen.accounts.roles import Role
from fairscreen.domain.ledger import (
    Checkpoint,
    leaf_hash,
    root_hash,
    verify_checkpoint,
    verify_consistency,
    verify_inclusion,
)
from fairscreen.evidence import signer
from fairscreen.evidence.models import SignedCheckpoint
from fairscreen.evidence.regulators import issue_regulator_token, revoke_regulator_token
from fairscreen.evidence.services import create_checkpoint, record_event

pytestmark = pytest.mark.django_db
ERROR_KEYS = {"code", "message", "details"}
SEEDED_EVENTS = 12  # plus the regulator_token.issued event: a 13-leaf, unbalanced tree
LEDGER = "/api/v1/ledger"
VALID_CALLS = (
    "/checkpoint",
    "/key",
    "/proofs/inclusion?index=0&tree_size=1",
    "/proofs/consistency?first=1&second=1",
    "/events",
)


def seed(count: int, *, offset: int = 0) -> None:
    with transaction.atomic():
        for number in range(offset, offset + count):
            record_event(
                event_type="test.seeded",
                actor="system:test",
                subject=f"case:{number}",
                payload={"step": number},
            )


@pytest.fixture
def regulator() -> Client:
    _token, plaintext = issue_regulator_token(name="测试监察员 (test inspector)")
    seed(SEEDED_EVENTS)
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["code"] == code
    assert body["message"]
    return body


def all_entries(client: Client) -> list[bytes]:
    body = client.get(f"{LEDGER}/events").json()
    assert body["next"] is None
    return [base64.b64decode(event["entry"]) for event in body["events"]]


def signed_checkpoint(client: Client) -> Checkpoint:
    response = client.get(f"{LEDGER}/checkpoint")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return verify_checkpoint(response.content.decode(), verifier_key=signer.verifier_key())


def root_of(entries: list[bytes]) -> bytes:
    return root_hash([leaf_hash(entry) for entry in entries])


def test_an_anonymous_or_unknown_caller_gets_401_on_every_endpoint(regulator: Client) -> None:
    seed(1)
    revoked, plaintext = issue_regulator_token(name="测试已撤销 (test revoked)")
    revoke_regulator_token(token=revoked)
    callers = [
        Client(),
        Client(HTTP_AUTHORIZATION="Bearer fsr_000000000000_" + "0" * 64),
        Client(HTTP_AUTHORIZATION="Bearer not-a-token"),
        Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}"),
    ]

    for caller in callers:
        for path in VALID_CALLS:
            assert_error(caller.get(LEDGER + path), 401, "not_authenticated")


def test_staff_with_every_role_get_403(make_organisation, make_member, make_token) -> None:
    organisation = make_organisation()
    token = make_token(organisation, *Role)
    by_token = Client(HTTP_AUTHORIZATION=f"Bearer {token.plaintext}")
    by_session = Client()
    by_session.force_login(make_member(organisation, *Role))

    for client in (by_token, by_session):
        for path in VALID_CALLS:
            assert_error(client.get(LEDGER + path), 403, "forbidden")


def test_a_regulator_reads_every_endpoint(regulator: Client) -> None:
    for path in VALID_CALLS:
        assert regulator.get(LEDGER + path).status_code == 200, path


def test_the_checkpoint_verifies_and_matches_the_entries(regulator: Client) -> None:
    key = regulator.get(f"{LEDGER}/key")
    checkpoint = signed_checkpoint(regulator)
    entries = all_entries(regulator)

    assert key.content.decode().strip() == signer.verifier_key()
    assert checkpoint.origin == signer.origin()
    assert checkpoint.tree_size == len(entries) == SEEDED_EVENTS + 1
    assert checkpoint.root_hash == root_of(entries)


def test_inclusion_proofs_verify_against_the_signed_root(regulator: Client) -> None:
    checkpoint = signed_checkpoint(regulator)
    entries = all_entries(regulator)

    for index in (0, 1, 5, 8, len(entries) - 1):
        body = regulator.get(
            f"{LEDGER}/proofs/inclusion", {"index": index, "tree_size": checkpoint.tree_size}
        ).json()
        assert base64.b64decode(body["leaf_hash"]) == leaf_hash(entries[index])
        assert base64.b64decode(body["root_hash"]) == checkpoint.root_hash
        verify_inclusion(
            leaf_hash=leaf_hash(entries[index]),
            index=index,
            tree_size=checkpoint.tree_size,
            proof=[base64.b64decode(node) for node in body["proof"]],
            root=checkpoint.root_hash,
        )


def test_inclusion_in_an_older_tree_verifies_too(regulator: Client) -> None:
    entries = all_entries(regulator)

    body = regulator.get(f"{LEDGER}/proofs/inclusion", {"index": 2, "tree_size": 7}).json()

    verify_inclusion(
        leaf_hash=leaf_hash(entries[2]),
        index=2,
        tree_size=7,
        proof=[base64.b64decode(node) for node in body["proof"]],
        root=root_of(entries[:7]),
    )


def test_consistency_proofs_verify_against_recomputed_roots(regulator: Client) -> None:
    entries = all_entries(regulator)
    size = len(entries)

    for first, second in ((1, size), (4, size), (5, 8), (7, size), (size, size), (3, 3)):
        body = regulator.get(
            f"{LEDGER}/proofs/consistency", {"first": first, "second": second}
        ).json()
        assert base64.b64decode(body["first_root"]) == root_of(entries[:first])
        assert base64.b64decode(body["second_root"]) == root_of(entries[:second])
        verify_consistency(
            first=first,
            second=second,
            first_root=root_of(entries[:first]),
            second_root=root_of(entries[:second]),
            proof=[base64.b64decode(node) for node in body["proof"]],
        )


def test_a_grown_log_is_consistent_with_the_earlier_signed_checkpoint(regulator: Client) -> None:
    older = signed_checkpoint(regulator)
    seed(5, offset=SEEDED_EVENTS)
    create_checkpoint()  # the periodic job signs the grown tree

    newer = signed_checkpoint(regulator)
    body = regulator.get(
        f"{LEDGER}/proofs/consistency", {"first": older.tree_size, "second": newer.tree_size}
    ).json()

    assert newer.tree_size == older.tree_size + 5
    verify_consistency(
        first=older.tree_size,
        second=newer.tree_size,
        first_root=older.root_hash,
        second_root=newer.root_hash,
        proof=[base64.b64decode(node) for node in body["proof"]],
    )


def test_paging_returns_every_event_exactly_once_in_order(regulator: Client) -> None:
    sequences: list[int] = []
    start: int | None = 0
    pages = 0
    while start is not None:
        body = regulator.get(f"{LEDGER}/events", {"start": start, "limit": 5}).json()
        sequences += [event["sequence"] for event in body["events"]]
        start = body["next"]
        pages += 1

    assert sequences == list(range(SEEDED_EVENTS + 1))
    assert pages == 3


def test_an_events_window_stops_at_its_end(regulator: Client) -> None:
    first = regulator.get(f"{LEDGER}/events", {"start": 2, "end": 9, "limit": 4}).json()
    second = regulator.get(f"{LEDGER}/events", {"start": first["next"], "end": 9}).json()
    empty = regulator.get(f"{LEDGER}/events", {"start": 9, "end": 9}).json()

    assert [event["sequence"] for event in first["events"]] == [2, 3, 4, 5]
    assert first["next"] == 6
    assert [event["sequence"] for event in second["events"]] == [6, 7, 8]
    assert second["next"] is None
    assert empty == {"events": [], "next": None}


def test_events_carry_the_entry_its_leaf_hash_and_type(regulator: Client) -> None:
    event = regulator.get(f"{LEDGER}/events", {"start": 1, "limit": 1}).json()["events"][0]

    entry = base64.b64decode(event["entry"])
    assert base64.b64decode(event["leaf_hash"]) == leaf_hash(entry)
    assert event["event_type"] == "test.seeded"
    assert set(event) == {"sequence", "event_type", "recorded_at", "entry", "leaf_hash"}


@pytest.mark.parametrize(
    ("path", "explanation"),
    [
        ("/proofs/inclusion?index=13&tree_size=13", "index 13 is outside a tree of size 13"),
        ("/proofs/inclusion?index=0&tree_size=14", "tree size 14 is beyond the log"),
        ("/proofs/consistency?first=6&second=5", "need 0 < first <= second"),
        ("/proofs/consistency?first=1&second=99", "tree size 99 is beyond the log"),
        ("/events?end=14", "end 14 is beyond the log of 13 events"),
        ("/events?start=5&end=4", "start 5 is after end 4"),
        ("/events?start=14", "start 14 is after end 13"),
    ],
)
def test_a_size_or_index_outside_the_log_gets_a_clear_422(
    regulator: Client, path: str, explanation: str
) -> None:
    body = assert_error(regulator.get(LEDGER + path), 422, "validation_error")

    assert explanation in body["message"]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/proofs/inclusion?index=-1&tree_size=5", "index"),
        ("/proofs/inclusion?index=x&tree_size=5", "index"),
        ("/proofs/inclusion?tree_size=5", "index"),
        ("/proofs/consistency?first=0&second=5", "first"),
        ("/proofs/consistency?first=1&second=99999999999999999999", "second"),
        ("/events?start=-1", "start"),
        ("/events?limit=0", "limit"),
        ("/events?limit=1001", "limit"),
    ],
)
def test_malformed_parameters_get_a_422_naming_the_field(
    regulator: Client, path: str, field: str
) -> None:
    body = assert_error(regulator.get(LEDGER + path), 422, "validation_error")

    assert [problem["location"][-1] for problem in body["details"]["fields"]] == [field]


def test_the_first_read_of_an_unsigned_log_signs_a_checkpoint(regulator: Client) -> None:
    assert not SignedCheckpoint.objects.exists()

    checkpoint = signed_checkpoint(regulator)
    again = signed_checkpoint(regulator)

    assert checkpoint == again
    assert checkpoint.tree_size == SEEDED_EVENTS + 1


def test_the_openapi_document_describes_the_ledger_and_stays_valid(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()

    validate(spec)
    assert f"{LEDGER}/proofs/inclusion" in spec["paths"]
    checkpoint = spec["paths"][f"{LEDGER}/checkpoint"]["get"]
    assert "text/plain" in checkpoint["responses"]["200"]["content"]
    assert checkpoint["security"] == [{"RegulatorAuth": []}]


def test_reads_do_not_grow_the_log(regulator: Client) -> None:
    before = len(all_entries(regulator))
    for path in VALID_CALLS:
        regulator.get(LEDGER + path)

    assert len(all_entries(regulator)) == before
