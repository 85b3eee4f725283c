"""Console routes for handling disputes (included by `screenings/urls.py`)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
