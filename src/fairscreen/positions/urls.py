from django.urls import path

from fairscreen.positions import views, views_positions, views_team

app_name = "positions"

urlpatterns = [
    path("o/<uuid:org_id>/profiles/", views.profiles, name="profiles"),
    path("o/<uuid:org_id>/profiles/<uuid:profile_id>/", views.profile, name="profile"),
    path("o/<uuid:org_id>/profiles/<uuid:profile_id>/propose/", views.propose, name="propose"),
    path(
        "o/<uuid:org_id>/profiles/<uuid:profile_id>/versions/<uuid:version_id>/decide/",
        views.decide,
        name="decide",
    ),
    path("o/<uuid:org_id>/positions/", views_positions.positions, name="positions"),
    path(
        "o/<uuid:org_id>/positions/<uuid:position_id>/", views_positions.position, name="position"
    ),
    path(
        "o/<uuid:org_id>/positions/<uuid:position_id>/team/",
        views_team.add_member,
        name="team_add",
    ),
    path(
        "o/<uuid:org_id>/positions/<uuid:position_id>/team/<uuid:member_id>/remove/",
        views_team.remove_member,
        name="team_remove",
    ),
    path("o/<uuid:org_id>/disclosure/", views_positions.disclosure, name="disclosure"),
]
