"""Platform views: health, CSRF failure and error pages."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

import fairscreen
from fairscreen.core.health import check_all


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the queue answer, 503 otherwise (for load balancers)."""
    components = check_all()
    healthy = all(component.ok for component in components)
    body = {
        "status": "ok" if healthy else "unavailable",
        "version": fairscreen.__version__,
        **{c.name: {"ok": c.ok, "detail": c.detail} for c in components},
    }
    return JsonResponse(body, status=200 if healthy else 503)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Explain the refusal plainly; the reason string is Django's, never user data."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "code": "csrf_failed",
                "message": "CSRF check failed: send the csrftoken cookie's value "
                "as the X-CSRFToken header.",
                "details": {},
            },
            status=403,
        )
    return render(request, "core/csrf_failure.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 404}, status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 403}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/error.html", {"status": 500}, status=500)
