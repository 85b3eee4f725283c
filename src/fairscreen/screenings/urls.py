from django.urls import path

from fairscreen.screenings import views, views_screenings

app_name = "screenings"

urlpatterns = [
    path("o/<uuid:org_id>/candidates/", views.candidates, name="candidates"),
    path(
        "o/<uuid:org_id>/candidates/<uuid:candidate_id>/destroy-keys/",
        views.destroy_keys,
        name="destroy_keys",
    ),
    path("o/<uuid:org_id>/screenings/", views_screenings.screenings, name="screenings"),
    path("o/<uuid:org_id>/screenings/order/", views_screenings.order, name="order"),
    path(
        "o/<uuid:org_id>/screenings/<uuid:screening_id>/",
        views_screenings.screening,
        name="screening",
    ),
    path(
        "o/<uuid:org_id>/screenings/<uuid:screening_id>/invitation/",
        views_screenings.issue_invitation,
        name="issue_invitation",
    ),
    path(
        "o/<uuid:org_id>/screenings/<uuid:screening_id>/withdrawal/",
        views_screenings.record_withdrawal,
        name="record_withdrawal",
    ),
    path(
        "o/<uuid:org_id>/screenings/<uuid:screening_id>/checks/<slug:code>/start/",
        views_screenings.start_check,
        name="start_check",
    ),
]
