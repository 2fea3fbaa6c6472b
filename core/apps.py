from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app uses and that is no page: caches, middleware, security, errors, the API's base."""

    name = "core"
    verbose_name = _("Infrastructure")

    def ready(self):
        from . import (
            lookups,  # noqa: F401  (field__any_of, bounded integer lookups)
            signal_handlers,
        )

        signal_handlers.connect()
        from .cache import register_frontend_purger
        from .cache.frontend import purge_tags_everywhere

        register_frontend_purger(purge_tags_everywhere)

        from wagtail_localize.models import StringTranslation

        from .translation import comment_in_the_editors_language

        StringTranslation.get_comment = comment_in_the_editors_language

        from wagtail.snippets.views.snippets import SnippetViewSet

        from .choosers import SiteSnippetChooserViewSet, breadcrumbs_items

        # Every snippet's chooser headed in German word order ("Tagungsort auswählen"), and its
        # breadcrumbs in the editor's language, see core.choosers.
        SnippetViewSet.chooser_viewset_class = SiteSnippetChooserViewSet
        SnippetViewSet.breadcrumbs_items = breadcrumbs_items
