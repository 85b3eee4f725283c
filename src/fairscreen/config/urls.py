"""URL map: staff console, API, health, language switch and the operators' admin."""

from django.contrib import admin
from django.urls import include, path, re_path

from fairscreen.core import views as core_views
from fairscreen.core.api import api, register_routers, unknown_api_route

register_routers()

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<path>.*)$", unknown_api_route),
    path("i18n/", include("django.conf.urls.i18n")),
    path("c/", include("fairscreen.portal.urls")),
    path("", include("fairscreen.rulebook.urls")),
    path("admin/", admin.site.urls),
    path("", include("fairscreen.accounts.urls")),
    path("", include("fairscreen.screenings.urls")),
    path("", include("fairscreen.decisions.urls")),
    path("", include("fairscreen.retention.urls")),
    path("", include("fairscreen.positions.urls")),
    path("", include("fairscreen.portal.urls_console")),
    path("", include("fairscreen.portal.urls_dpo")),
]

handler403 = "fairscreen.core.views.permission_denied"
handler404 = "fairscreen.core.views.page_not_found"
handler500 = "fairscreen.core.views.server_error"
