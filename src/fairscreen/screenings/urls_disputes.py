"""Console routes for handling disputes (included by `screenings/urls.py`)."""

from django.urls import URLPattern, path

from fairscreen.screenings import views_dispute_resolve, views_disputes

DISPUTE = "o/<uuid:org_id>/disputes/<uuid:dispute_id>/"

urlpatterns: list[URLPattern] = [
    path("o/<uuid:org_id>/disputes/", views_disputes.dispute_queue, name="disputes"),
    path(DISPUTE, views_disputes.dispute_page, name="dispute"),
    path(f"{DISPUTE}evidence/", views_disputes.dispute_evidence, name="dispute_evidence"),
    path(f"{DISPUTE}resolution/", views_dispute_resolve.resolve_dispute, name="resolve_dispute"),
    path(
        "o/<uuid:org_id>/disputes/finding/<uuid:finding_id>/",
        views_disputes.finding_dispute,
        name="finding_dispute",
    ),
]
