from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website")

    def ready(self):
        from . import (  # noqa: F401  (connect their signals)
            cache_tags,  # drops cached answers when what they show changes
            lookups,  # field__any_of
            restrictions,  # mirrors view restrictions across languages
        )
        from .frontend_cache import purge_tags_everywhere
        from .pagecache import register_frontend_purger

        register_frontend_purger(purge_tags_everywhere)
