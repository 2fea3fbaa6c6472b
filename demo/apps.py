from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content and `load_demo`; installed for its commands, imported by no running app."""

    name = "demo"
    verbose_name = "Demo"
