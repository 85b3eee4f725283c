"""Email login. Emails are matched case-insensitively (they are stored lower-cased)."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from fairscreen.accounts.models import User


class EmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = kwargs.get("email", username)
        if email is None or password is None:
            return None
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
