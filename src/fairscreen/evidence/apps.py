from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "fairscreen.evidence"
    label = "evidence"
    verbose_name = _("Evidence ledger")

    def ready(self) -> None:
        from fairscreen.evidence import guards  # noqa: PLC0415 - connects a signal

        guards.connect()
