from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from . import (  # noqa: F401  (connect the signals; register the routes' views and the API's fields)
            api,
            feeds,
            signals,
            views,
        )
