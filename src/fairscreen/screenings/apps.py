from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningsConfig(AppConfig):
    name = "fairscreen.screenings"
    label = "screenings"
    verbose_name = _("Screenings")

    def ready(self) -> None:
        """Register the connectors this instance has (see `connectors.configure`)."""
        from fairscreen.screenings.connectors.configure import register_configured  # noqa: PLC0415

        register_configured()
