"""The HTTP JSON connector under the runner, against a local provider that misbehaves:
timeouts, 5xx, cut-off and malformed answers never lose or duplicate a finding."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from fairscreen.privacy.files import read_file
from fairscreen.screenings.connectors import HttpJsonConnector
from fairscreen.screenings.connectors._registry import register, unregister
from fairscreen.screenings.models import Finding, RunState
from fairscreen.screenings.services import execute_run, request_check_run
from tests.factories import create_candidate, create_consented_screening, create_hiring_setup
from tests.support.provider_server import FICTIONAL_JUDGMENT, Behaviour, ProviderServer

pytestmark = pytest.mark.django_db

TOKEN = "fsp_test_provider_token_fictional"
START = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


@pytest.fixture
def provider() -> Iterator[ProviderServer]:
    with ProviderServer(token=TOKEN, slow_seconds=1.0) as server:
        register(
            HttpJsonConnector(
                code="provider",
                base_url=server.base_url,
                token=TOKEN,
                items=frozenset({"education", "civil_litigation"}),
                timeout_seconds=0.3,
            )
        )
        yield server
    unregister("provider")


@pytest.fixture
def screening():
    setup = create_hiring_setup()
    screening = create_consented_screening(
        setup,
        create_candidate(setup.organisation),
        items=("identity", "education", "civil_litigation"),
    )
    return setup, screening


def run_until_done(run_id, start=START):
    """Attempt the run as the periodic job would, each time at its retry time."""
    moment = start
    for _ in range(10):
        run = execute_run(run_id, now=moment)
        if run.state != RunState.RETRYING:
            return run
        moment = run.next_attempt_at + timedelta(seconds=1)
    raise AssertionError("the run never finished")


def requested(setup, screening, code):
    return request_check_run(
        access=setup.analyst, screening_id=screening.id, code=code, connector_code="provider"
    )


def test_timeouts_and_server_errors_are_retried_and_the_findings_arrive_once(provider, screening):
    setup, screening = screening
    provider.queue(
        Behaviour.SLOW,
        Behaviour.SERVICE_UNAVAILABLE,
        Behaviour.DROP_CONNECTION,
    )
    run = run_until_done(requested(setup, screening, "civil_litigation").id)

    assert run.state == RunState.SUCCEEDED
    assert run.attempts == 4
    assert Finding.objects.filter(screening=screening).count() == 1
    assert provider.count(str(run.id)) == 4  # one idempotency key for every attempt


def test_a_second_run_after_the_first_succeeded_adds_no_duplicate(provider, screening):
    setup, screening = screening
    run_until_done(requested(setup, screening, "civil_litigation").id)
    provider.queue(Behaviour.TRUNCATED)  # the provider answered, the answer was cut off
    again = run_until_done(requested(setup, screening, "civil_litigation").id)

    assert again.state == RunState.SUCCEEDED
    assert again.findings_recorded == 0
    assert Finding.objects.filter(screening=screening).count() == 1


def test_malformed_json_fails_the_run_stores_nothing_and_a_rerun_loses_nothing(provider, screening):
    setup, screening = screening
    provider.queue(Behaviour.NOT_JSON)
    failed = run_until_done(requested(setup, screening, "education").id)
    assert failed.state == RunState.FAILED
    assert failed.last_error_code == "provider_malformed"
    assert Finding.objects.count() == 0

    provider.queue(Behaviour.WRONG_SHAPE)
    assert run_until_done(requested(setup, screening, "education").id).state == RunState.FAILED
    rerun = run_until_done(requested(setup, screening, "education").id)
    assert rerun.state == RunState.SUCCEEDED
    assert Finding.objects.get().status == "verified"


def test_a_pending_provider_is_asked_again_without_using_up_the_attempts(screening):
    setup, screening = screening
    with ProviderServer(token=TOKEN, pending_answers=6) as server:
        register(
            HttpJsonConnector(
                code="provider",
                base_url=server.base_url,
                token=TOKEN,
                items=frozenset({"education"}),
                timeout_seconds=2,
            )
        )
        server.behave(Behaviour.PENDING_THEN_COMPLETE)
        try:
            run = run_until_done(requested(setup, screening, "education").id)
        finally:
            unregister("provider")
    assert run.state == RunState.SUCCEEDED
    assert run.attempts == 7 > run.max_attempts


def test_the_providers_evidence_is_stored_encrypted_with_its_hash(provider, screening):
    setup, screening = screening
    run_until_done(requested(setup, screening, "civil_litigation").id)
    source = Finding.objects.get().sources.get()
    assert read_file(source, "evidence_file", source.evidence_file) == FICTIONAL_JUDGMENT
    assert source.origin == "provider:provider"


def test_a_provider_is_configured_from_the_environment_and_bad_values_name_the_variable():
    from fairscreen.config.env import SettingsError
    from fairscreen.screenings.connectors.configure import provider_from_environment

    assert provider_from_environment({}) is None
    connector = provider_from_environment(
        {
            "FAIRSCREEN_PROVIDER_URL": "https://provider.example.com/api/v1",
            "FAIRSCREEN_PROVIDER_TOKEN": TOKEN,
            "FAIRSCREEN_PROVIDER_ITEMS": "education, civil_litigation",
        }
    )
    assert connector.code == "provider"
    assert connector.items == {"education", "civil_litigation"}
    for broken, variable in [
        ({"FAIRSCREEN_PROVIDER_TOKEN": ""}, "FAIRSCREEN_PROVIDER_TOKEN"),
        ({"FAIRSCREEN_PROVIDER_ITEMS": "education,marital_status"}, "FAIRSCREEN_PROVIDER_ITEMS"),
        ({"FAIRSCREEN_PROVIDER_URL": "http://provider.example.com"}, "FAIRSCREEN_PROVIDER_URL"),
    ]:
        environ = {
            "FAIRSCREEN_PROVIDER_URL": "https://provider.example.com/api/v1",
            "FAIRSCREEN_PROVIDER_TOKEN": TOKEN,
            "FAIRSCREEN_PROVIDER_ITEMS": "education",
            **broken,
        }
        with pytest.raises(SettingsError) as raised:
            provider_from_environment(environ)
        assert variable in str(raised.value)
        assert TOKEN not in str(raised.value)
