from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "fairscreen.demo"
    label = "demo"
    verbose_name = "Demo data"
