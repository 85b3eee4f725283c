"""Console routes of the DPO's data-subject requests (included by `config/urls.py`)."""

from django.urls import path

from fairscreen.portal import views_dpo

REQUEST = "o/<uuid:org_id>/data-requests/<uuid:request_id>/"

app_name = "data_requests"

urlpatterns = [
    path("o/<uuid:org_id>/data-requests/", views_dpo.queue, name="queue"),
    path(REQUEST, views_dpo.detail, name="request"),
    path(f"{REQUEST}start/", views_dpo.start, name="start"),
    path(f"{REQUEST}dispute/", views_dpo.refer, name="refer"),
    path(f"{REQUEST}fulfilment/", views_dpo.fulfil, name="fulfil"),
    path(f"{REQUEST}refusal/", views_dpo.refuse, name="refuse"),
]
