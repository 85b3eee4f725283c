from django.urls import path

from fairscreen.screenings import views

app_name = "screenings"

urlpatterns = [
    path("o/<uuid:org_id>/candidates/", views.candidates, name="candidates"),
    path(
        "o/<uuid:org_id>/candidates/<uuid:candidate_id>/destroy-keys/",
        views.destroy_keys,
        name="destroy_keys",
    ),
]
