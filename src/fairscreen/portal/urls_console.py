"""Console routes of the candidate's voice: HR's questions inbox and the survey summary
(included at the root by `config/urls.py`, beside the other console pages)."""

from django.urls import path

from fairscreen.portal import views_console

app_name = "voice"

urlpatterns = [
    path("o/<uuid:org_id>/questions/", views_console.questions_inbox, name="questions"),
    path(
        "o/<uuid:org_id>/questions/<uuid:question_id>/answer/",
        views_console.answer,
        name="answer",
    ),
    path("o/<uuid:org_id>/surveys/", views_console.survey_summary, name="surveys"),
]
