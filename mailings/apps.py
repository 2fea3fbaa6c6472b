from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingsConfig(AppConfig):
    name = "mailings"
    verbose_name = _("E-mail service")

    def ready(self):
        from . import barrier_reports, signals  # noqa: F401  (publishing, meeting changes, reports queue mail)
