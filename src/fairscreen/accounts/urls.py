from django.contrib.auth import views as auth_views
from django.urls import path

from fairscreen.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("o/<uuid:org_id>/", views.dashboard, name="dashboard"),
    path("o/<uuid:org_id>/members/", views.members, name="members"),
    path("o/<uuid:org_id>/tokens/", views.tokens, name="tokens"),
    path(
        "o/<uuid:org_id>/tokens/<uuid:token_id>/revoke/",
        views.revoke_token,
        name="revoke_token",
    ),
]
