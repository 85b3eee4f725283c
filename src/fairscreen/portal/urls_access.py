"""Portal routes of the candidate's access, report, notices and inbox (included by
`portal/urls.py`). The personal link is the only address with a token in it, and it is left
at once; every other address is the same for every candidate (the session names the
screening)."""

from django.urls import path

from fairscreen.portal import views_access, views_inbox, views_notices, views_report

urlpatterns = [
    path("access/", views_access.access, name="access"),
    path("access/code/", views_access.send_code, name="access_send_code"),
    path("access/verify/", views_access.verify_code, name="access_verify"),
    path("access/renew/", views_access.renew_link, name="access_renew"),
    path("access/refused/", views_access.refused, name="access_refused"),
    path("access/<str:token>/", views_access.open_link, name="access_link"),
    path("leave/", views_access.leave, name="leave"),
    path("left/", views_access.left, name="left"),
    path("report/", views_report.report, name="report"),
    path("report/dispute/", views_report.dispute, name="dispute"),
    path("notices/", views_notices.notices, name="notices"),
    path("notices/respond/", views_notices.respond, name="respond"),
    path("messages/", views_inbox.inbox, name="inbox"),
    path("messages/read/", views_inbox.mark_read, name="inbox_read"),
]
