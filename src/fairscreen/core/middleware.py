"""Request ids: one id per request, echoed in `X-Request-ID`, to tie log lines together.

A client-supplied id is accepted only if it looks like an id, so it cannot smuggle text
(or personal data) into the logs.
"""

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

_ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        supplied = request.headers.get("X-Request-ID", "")
        request_id = supplied if _ACCEPTABLE_ID.match(supplied) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class FairscreenErrorMiddleware:
    """Map service errors raised in page views to the matching error page, once.

    `NotFound` renders 404 and `PermissionDenied` 403 (as Django's own exceptions would);
    other expected errors render 400 with their message. The API maps its own errors.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.shortcuts import render  # noqa: PLC0415 - keep middleware import light

        from fairscreen.core.errors import FairscreenError  # noqa: PLC0415

        if not isinstance(exception, FairscreenError) or request.path.startswith("/api/"):
            return None
        return render(
            request,
            "core/error.html",
            {"status": exception.status, "message": exception.message},
            status=exception.status,
        )
