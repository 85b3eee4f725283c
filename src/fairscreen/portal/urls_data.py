"""Portal routes of one part of the candidate's side (included by `portal/urls.py`)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
