from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulebookConfig(AppConfig):
    name = "fairscreen.rulebook"
    label = "rulebook"
    verbose_name = _("Rating rulebook")

    def ready(self) -> None:
        """Engine and pages read one history: hand the configured directory to the core."""
        from fairscreen.rulebook import library  # noqa: PLC0415 - needs the app registry

        library.connect()
