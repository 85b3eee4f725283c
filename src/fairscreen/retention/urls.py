from django.urls import path

from fairscreen.retention import views

app_name = "retention"

urlpatterns = [
    path("o/<uuid:org_id>/privacy/", views.desk, name="desk"),
    path("o/<uuid:org_id>/privacy/holds/", views.place_hold, name="place_hold"),
    path(
        "o/<uuid:org_id>/privacy/holds/<uuid:hold_id>/release/",
        views.release_hold,
        name="release_hold",
    ),
    path("o/<uuid:org_id>/privacy/rules/", views.save_rules, name="save_rules"),
]
