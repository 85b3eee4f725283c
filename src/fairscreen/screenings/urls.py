from django.urls import include, path

from fairscreen.screenings import (
    views,
    views_checks,
    views_findings,
    views_imports,
    views_queue,
    views_report,
    views_screenings,
    views_workspace,
)

WORKSPACE = "o/<uuid:org_id>/screenings/<uuid:screening_id>/workspace/"

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
    path("o/<uuid:org_id>/checks/", views_queue.check_queue, name="check_queue"),
    path("o/<uuid:org_id>/checks/import/", views_imports.import_findings, name="import_findings"),
    path(WORKSPACE, views_workspace.workspace, name="workspace"),
    path(f"{WORKSPACE}<slug:code>/start/", views_checks.start_check, name="workspace_start"),
    path(f"{WORKSPACE}<slug:code>/run/", views_checks.request_run, name="request_run"),
    path(f"{WORKSPACE}<slug:code>/runs/", views_checks.item_runs, name="item_runs"),
    path(f"{WORKSPACE}<slug:code>/complete/", views_checks.complete_check, name="complete_check"),
    path(f"{WORKSPACE}<slug:code>/findings/", views_findings.record_finding, name="record_finding"),
    path(f"{WORKSPACE}interview/", views_findings.record_interview, name="record_interview"),
    path(
        f"{WORKSPACE}findings/<uuid:finding_id>/sources/",
        views_findings.add_source,
        name="add_source",
    ),
    path(
        f"{WORKSPACE}findings/<uuid:finding_id>/retraction/",
        views_findings.retract_finding,
        name="retract_finding",
    ),
    path(
        "o/<uuid:org_id>/screenings/<uuid:screening_id>/report/",
        views_report.report,
        name="report",
    ),
    path(
        "o/<uuid:org_id>/screenings/<uuid:screening_id>/report/export/",
        views_report.report_export,
        name="report_export",
    ),
    path("", include("fairscreen.screenings.urls_disputes")),
]
