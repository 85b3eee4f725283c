"""The REST API instance (`/api/v1/`) and its single error shape.

Every error response is `{"code": str, "message": str, "details": object}`, whatever raised
it (our services, django-ninja's validation, authentication, CSRF, unknown routes), so an
integrating applicant-tracking system needs exactly one error parser.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.errors import AuthorizationError as NinjaAuthorizationError

import fairscreen
from fairscreen.core.errors import FairscreenError

api = NinjaAPI(
    title="fairscreen API",
    version=f"v1 ({fairscreen.__version__})",
    description=(
        "Compliance-first background screening. Authenticate with an organisation API token "
        "(`Authorization: Bearer fs_...`) or a browser session (with the CSRF token for writes)."
        " Every error has the shape `{code, message, details}`."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "validation_error",
    429: "too_many_requests",
}


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "details": details or {}}


def _respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
    return api.create_response(request, body, status=status)


@api.exception_handler(FairscreenError)
def _fairscreen_error(request: HttpRequest, error: FairscreenError) -> HttpResponse:
    return _respond(request, error.status, error_body(error.code, error.message, error.details))


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """Field errors by location; the submitted values are dropped (they may be personal)."""
    problems = [
        {
            "location": [str(part) for part in problem.get("loc", ())],
            "message": _safe_message(problem),
            "type": str(problem.get("type", "invalid")),
        }
        for problem in error.errors
    ]
    return _respond(
        request,
        422,
        error_body("validation_error", "The request has invalid fields.", {"fields": problems}),
    )


def _safe_message(problem: Mapping[str, Any]) -> str:
    """Pydantic's message, unless it quotes any part of the submitted value.

    Some parsers describe the offending character (``found `测` at 0``); a submitted value
    may be personal data, and errors end up in logs and tickets, so such a message is
    replaced by one that names only what was expected.
    """
    message = str(problem.get("msg", "invalid"))
    kind = str(problem.get("type", "invalid"))
    if kind.startswith("uuid"):
        return "must be a UUID"
    submitted = problem.get("input")
    quotes_input = "`" in message or (
        isinstance(submitted, str) and submitted and submitted in message
    )
    return f"invalid value ({kind})" if quotes_input else message


@api.exception_handler(AuthenticationError)
def _authentication_error(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return _respond(
        request,
        401,
        error_body(
            "not_authenticated",
            "Sign in, or send an API token as 'Authorization: Bearer <token>'.",
        ),
    )


@api.exception_handler(NinjaAuthorizationError)
def _authorization_error(request: HttpRequest, error: NinjaAuthorizationError) -> HttpResponse:
    return _respond(request, 403, error_body("forbidden", "You may not do this."))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    code = _STATUS_CODES.get(error.status_code, "error")
    if error.status_code == 400:
        return _respond(request, 400, error_body(code, "The request body could not be parsed."))
    return _respond(request, error.status_code, error_body(code, str(error.message)))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _respond(request, 404, error_body("not_found", "Not found."))


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return _respond(
        request,
        413,
        error_body("payload_too_large", f"The request body is larger than {limit} MB."),
    )


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, error: Exception) -> HttpResponse:
    """Never echo the exception text: it may quote personal data from the failed operation."""
    if settings.DEBUG:
        raise error
    request_id = getattr(request, "request_id", "")
    return _respond(
        request,
        500,
        error_body("internal_error", "Something went wrong.", {"request_id": request_id}),
    )


def unknown_api_route(request: HttpRequest, path: str = "") -> HttpResponse:
    """Unknown paths under /api/v1/ answer in the API's error shape, not an HTML page."""
    return _respond(request, 404, error_body("not_found", "No such API endpoint."))


def register_routers() -> None:
    """Attach every app's router exactly once (URLconf import time)."""
    from fairscreen.accounts.api import router as accounts_router  # noqa: PLC0415
    from fairscreen.decisions.api import router as decisions_router  # noqa: PLC0415
    from fairscreen.decisions.api_policy import router as decision_policy_router  # noqa: PLC0415
    from fairscreen.evidence.api import router as evidence_router  # noqa: PLC0415
    from fairscreen.positions.api import router as positions_router  # noqa: PLC0415
    from fairscreen.screenings.api import router as screenings_router  # noqa: PLC0415
    from fairscreen.screenings.api_findings import router as findings_router  # noqa: PLC0415
    from fairscreen.screenings.api_findings_runs import (  # noqa: PLC0415
        router as finding_runs_router,
    )
    from fairscreen.screenings.api_screenings import (  # noqa: PLC0415
        router as screening_orders_router,
    )

    api.add_router("/", accounts_router)
    api.add_router("/", screenings_router)
    api.add_router("/", positions_router)
    api.add_router("/", screening_orders_router)
    api.add_router("/", findings_router)
    api.add_router("/", finding_runs_router)
    api.add_router("/", decisions_router)
    api.add_router("/", decision_policy_router)
    api.add_router("/ledger", evidence_router)
