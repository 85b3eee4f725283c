from django.urls import path, re_path

from fairscreen.rulebook import views, views_simulation

app_name = "rulebook"

urlpatterns = [
    path("rulebook", views.current, name="current"),
    re_path(r"^rulebook/(?P<version>\d{4}\.[1-9][0-9]*)$", views.version, name="version"),
    path("o/<uuid:org_id>/rulebook/simulation/", views_simulation.simulation, name="simulation"),
]
