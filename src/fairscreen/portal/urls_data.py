"""Portal routes of the candidate's data (included by `portal/urls.py`): the copy of all
their data, its evidence files, and their correction and deletion requests. The session
names the candidate; a file is addressed by its record's id, found only among their own."""

from django.urls import path

from fairscreen.portal import views_data

urlpatterns = [
    path("my-data/", views_data.my_data, name="data"),
    path("my-data/copy.json", views_data.copy_json, name="data_json"),
    path("my-data/copy/", views_data.copy_page, name="data_copy"),
    path("my-data/files/<uuid:file_id>/", views_data.evidence_file, name="data_file"),
    path("my-data/requests/", views_data.ask, name="data_ask"),
]
