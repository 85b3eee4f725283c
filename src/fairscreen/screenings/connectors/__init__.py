"""Connectors: the ways findings arrive, behind one Protocol, and the registry of them."""

from fairscreen.screenings.connectors._protocol import (
    CheckRequest,
    Connector,
    ConnectorError,
    ConnectorResult,
    ReportedFinding,
    SourceIn,
    ThirdPartyRef,
)
from fairscreen.screenings.connectors.http_json import (
    HttpJsonConnector,
    ProviderError,
    ProviderErrorCode,
)

__all__ = [
    "CheckRequest",
    "Connector",
    "ConnectorError",
    "ConnectorResult",
    "HttpJsonConnector",
    "ProviderError",
    "ProviderErrorCode",
    "ReportedFinding",
    "SourceIn",
    "ThirdPartyRef",
]
