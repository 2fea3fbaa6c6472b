from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from . import signals, views  # noqa: F401  (the members' group on every member user; the area's routes)
        from .oparl import records  # noqa: F401  (removed papers and people on record for OParl)
        from .sessions import signal_handlers  # noqa: F401  (sessions follow their meetings)
        from .sessions import views as session_views  # noqa: F401  ("Meine Sitzungen" on the area's page)
