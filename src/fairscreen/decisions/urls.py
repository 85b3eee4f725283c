from django.urls import path

from fairscreen.decisions import (
    views_actions,
    views_deadlines,
    views_page,
    views_policy,
    views_signatures,
)

DECISION = "o/<uuid:org_id>/screenings/<uuid:screening_id>/decision/"
STEP = f"{DECISION}<uuid:decision_id>/"
"""A post names the decision it acts on: a stale page cannot act on a newer decision."""

app_name = "decisions"

urlpatterns = [
    path(DECISION, views_page.decision, name="decision"),
    path(f"{DECISION}open/", views_actions.open_decision, name="open"),
    path(f"{STEP}comment/", views_actions.comment, name="comment"),
    path(f"{STEP}assessment/", views_actions.assessment, name="assessment"),
    path(f"{STEP}proposal/", views_actions.proposal, name="proposal"),
    path(f"{STEP}endorsement/", views_actions.endorsement, name="endorsement"),
    path(f"{STEP}return/", views_actions.send_back, name="return"),
    path(f"{STEP}signature/", views_signatures.signature, name="signature"),
    path(f"{STEP}finalisation/", views_signatures.finalisation, name="finalisation"),
    path(f"{STEP}reconsideration/", views_signatures.reconsideration, name="reconsideration"),
    path(
        "o/<uuid:org_id>/screenings/<uuid:screening_id>/notices/",
        views_deadlines.notices,
        name="notices",
    ),
    path("o/<uuid:org_id>/deadlines/", views_deadlines.deadlines, name="deadlines"),
    path("o/<uuid:org_id>/decisions/policy/", views_policy.policy, name="policy"),
    path("o/<uuid:org_id>/decisions/policy/calendar/", views_policy.calendar, name="calendar"),
]
