from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app uses and that is no page: caches, middleware, security, errors, the API's base."""

    name = "core"
    verbose_name = _("Infrastructure")

    def ready(self):
        from . import (  # noqa: F401  (connect their signals and lookups)
            cache_tags,  # drops cached answers when what they show changes
            lookups,  # field__any_of, bounded integer lookups
            restrictions,  # mirrors view restrictions across languages
        )
        from .frontend_cache import purge_tags_everywhere
        from .pagecache import register_frontend_purger

        register_frontend_purger(purge_tags_everywhere)

        from wagtail_localize.models import StringTranslation

        from .translation import comment_in_the_editors_language

        StringTranslation.get_comment = comment_in_the_editors_language

        from wagtail.snippets.views.snippets import SnippetViewSet

        from .choosers import SiteSnippetChooserViewSet

        # Every snippet's chooser headed in German word order ("Tagungsort auswählen"), see core.choosers.
        SnippetViewSet.chooser_viewset_class = SiteSnippetChooserViewSet
