"""Which connectors this instance has, by code.

The sandbox is there in development and tests (and only ever answers for fictional people);
a provider's HTTP connector is added from the settings. Tests register their own connector
against a local server with `register` and remove it with `unregister`.
"""

from __future__ import annotations

from fairscreen.screenings.connectors._protocol import Connector

__all__ = ["UnknownConnector", "available", "connector", "register", "unregister"]

_CONNECTORS: dict[str, Connector] = {}


class UnknownConnector(LookupError):
    pass


def register(connector: Connector) -> None:
    _CONNECTORS[connector.code] = connector


def unregister(code: str) -> None:
    _CONNECTORS.pop(code, None)


def connector(code: str) -> Connector:
    try:
        return _CONNECTORS[code]
    except KeyError:
        raise UnknownConnector(code) from None


def available(item: str | None = None) -> list[Connector]:
    """The registered connectors (that can run `item`), by code."""
    found = [one for one in _CONNECTORS.values() if item is None or item in one.items]
    return sorted(found, key=lambda one: one.code)
