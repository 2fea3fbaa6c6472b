from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website")

    def ready(self):
        from . import restrictions  # noqa: F401  (connects the signals that mirror view restrictions)
