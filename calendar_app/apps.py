from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "calendar_app"
    verbose_name = _("Calendar")

    def ready(self):
        from . import (  # noqa: F401  (register the pages' route views and the API's field serializers)
            api,
            signals,
            views,
        )

        signals.connect()
