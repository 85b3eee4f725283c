"""The candidate portal under /c/: no personal value and no screening id in any address."""

from django.urls import include, path

from fairscreen.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("invitation/<str:token>/", views.open_invitation, name="invitation"),
    path("disclosure/", views.disclosure, name="disclosure"),
    path("notice/", views.notice, name="notice"),
    path("consent/", views.consent, name="consent"),
    path("confirmation/", views.confirmation, name="confirmation"),
    path("withdraw/", views.withdraw, name="withdraw"),
    path("withdrawn/", views.withdrawn, name="withdrawn"),
    path("", include("fairscreen.portal.urls_access")),
    path("", include("fairscreen.portal.urls_voice")),
    path("", include("fairscreen.portal.urls_data")),
]
