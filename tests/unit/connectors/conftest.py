"""A running fictional provider for every connector test that asks for `server`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.provider_server import ProviderServer
from tests.unit.connectors.support import TOKEN


@pytest.fixture
def server() -> Iterator[ProviderServer]:
    with ProviderServer(token=TOKEN) as running:
        yield running
