from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from . import (  # noqa: F401  (the members' group on every member user; sessions follow their
            session_views,  # meetings; the area's route views)
            sessions,
            signals,
            views,
        )
        from .oparl import records  # noqa: F401  (removed papers and people on record for OParl)
