from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fairscreen.core"
    label = "core"
    verbose_name = "fairscreen core"
