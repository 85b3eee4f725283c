from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "fairscreen.decisions"
    label = "decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        """Start the feedback clock when a report completes (see `services._feedback`)."""
        from fairscreen.decisions.services import _feedback  # noqa: PLC0415

        _feedback.connect()
