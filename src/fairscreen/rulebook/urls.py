from django.urls import path, re_path

from fairscreen.rulebook import views

app_name = "rulebook"

urlpatterns = [
    path("rulebook", views.current, name="current"),
    re_path(r"^rulebook/(?P<version>\d{4}\.[1-9][0-9]*)$", views.version, name="version"),
]
