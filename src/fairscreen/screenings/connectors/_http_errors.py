"""How a call to a provider's HTTP JSON API can fail: one code each, and fixed messages.

Every message here is written by this module from the connector's code, an HTTP status, a
number of seconds or a field path of the contract — never from the response body or the
request, which carry personal data (a name, an ID number, a referee's contact) and would
otherwise reach run records, pages and logs. Errors are raised outside `except` blocks so
that no chained exception (a `JSONDecodeError` keeps the whole body in `.doc`) travels with
them. See docs/provider-api.md for which codes are retried and why.
"""

from __future__ import annotations

from enum import StrEnum

from fairscreen.screenings.connectors._protocol import ConnectorError

__all__ = ["RETRYABLE_CODES", "ProviderError", "ProviderErrorCode"]


class ProviderErrorCode(StrEnum):
    TIMEOUT = "provider_timeout"  # no complete answer within the timeout
    UNAVAILABLE = "provider_unavailable"  # refused, reset, cut off, 5xx, 408, 429
    PENDING = "provider_pending"  # 202: accepted, not finished yet
    AUTH_FAILED = "provider_auth_failed"  # 401, 403
    REJECTED = "provider_rejected"  # any other 4xx
    MALFORMED = "provider_malformed"  # a complete answer outside the contract
    ITEM_NOT_SUPPORTED = "item_not_supported"  # asked for an item this provider does not run
    REQUEST_INVALID = "request_invalid"  # the request cannot be sent as the contract says


RETRYABLE_CODES = frozenset(
    {ProviderErrorCode.TIMEOUT, ProviderErrorCode.UNAVAILABLE, ProviderErrorCode.PENDING}
)
"""The codes where asking again later, with the same request id, may give a result.

A malformed answer is not among them: a body cut off before its declared end is detected as
such and is `provider_unavailable`; a *complete* body that breaks the contract is what the
provider means to send, so repeating the request would only send the candidate's data again
for the same unusable answer. It needs a person to look at the provider's side.
"""


class ProviderError(ConnectorError):
    """A `ConnectorError` that also tells the runner when to ask again, if the provider said.

    `retry_after_seconds` comes from a 202 pending answer or a ``Retry-After`` header on a
    429 or 5xx; `http_status` is the status the provider answered with, if any.
    """

    def __init__(
        self,
        code: ProviderErrorCode,
        message: str,
        *,
        http_status: int | None = None,
        retry_after_seconds: float | None = None,
    ) -> None:
        super().__init__(code.value, message, retryable=code in RETRYABLE_CODES)
        self.http_status = http_status
        self.retry_after_seconds = retry_after_seconds


def timed_out(connector: str, timeout_seconds: float) -> ProviderError:
    return ProviderError(
        ProviderErrorCode.TIMEOUT,
        f"provider {connector}: no complete answer within {timeout_seconds:g} s",
    )


def unreachable(connector: str, reason: str) -> ProviderError:
    """`reason` is an exception's class name (e.g. ``ConnectionRefusedError``), never its text."""
    return ProviderError(
        ProviderErrorCode.UNAVAILABLE, f"provider {connector}: cannot be reached ({reason})"
    )


def cut_off(connector: str, status: int) -> ProviderError:
    return ProviderError(
        ProviderErrorCode.UNAVAILABLE,
        f"provider {connector}: the answer (HTTP {status}) ended before its declared length",
        http_status=status,
    )


def unavailable(connector: str, status: int, retry_after: float | None) -> ProviderError:
    what = "is limiting the rate of requests" if status == 429 else "cannot serve the check now"
    return ProviderError(
        ProviderErrorCode.UNAVAILABLE,
        f"provider {connector}: {what} (HTTP {status})",
        http_status=status,
        retry_after_seconds=retry_after,
    )


def pending(connector: str, retry_after: float) -> ProviderError:
    return ProviderError(
        ProviderErrorCode.PENDING,
        f"provider {connector}: the check is not finished; ask again with the same request id "
        f"in {retry_after:g} s",
        http_status=202,
        retry_after_seconds=retry_after,
    )


def auth_failed(connector: str, status: int) -> ProviderError:
    return ProviderError(
        ProviderErrorCode.AUTH_FAILED,
        f"provider {connector}: refused the connector's credentials (HTTP {status}); "
        "check its token",
        http_status=status,
    )


def rejected(connector: str, status: int) -> ProviderError:
    return ProviderError(
        ProviderErrorCode.REJECTED,
        f"provider {connector}: refused the request (HTTP {status})",
        http_status=status,
    )


def malformed(connector: str, problem: str, *, status: int | None = None) -> ProviderError:
    """`problem` is a fixed text of this package naming a contract field, never a value."""
    return ProviderError(
        ProviderErrorCode.MALFORMED,
        f"provider {connector}: answered outside the contract: {problem}",
        http_status=status,
    )


def item_not_supported(connector: str, item: str | None) -> ProviderError:
    """`item` is given only when it is a catalogue code, so no free text reaches the message."""
    which = f"check item {item}" if item else "an unknown check item"
    return ProviderError(
        ProviderErrorCode.ITEM_NOT_SUPPORTED,
        f"provider {connector}: is not configured to run {which}; nothing was sent",
    )


def request_invalid(connector: str, problem: str) -> ProviderError:
    return ProviderError(
        ProviderErrorCode.REQUEST_INVALID,
        f"provider {connector}: the request cannot be sent: {problem}; nothing was sent",
    )
