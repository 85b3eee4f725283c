"""Portal routes of the candidate's voice (included by `portal/urls.py`): the session's own
screening only, so no address carries an id."""

from django.urls import path

from fairscreen.portal import views_voice

urlpatterns = [
    path("statement/", views_voice.statement, name="statement"),
    path("questions/", views_voice.questions, name="questions"),
    path("survey/", views_voice.survey, name="survey"),
    path("survey/thanks/", views_voice.survey_thanks, name="survey_thanks"),
]
