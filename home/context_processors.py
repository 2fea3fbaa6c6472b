from django.utils.functional import SimpleLazyObject

from core.cache import cached, depends_on
from core.request_memo import active_locale

from .models import SiteSettings


def site_chrome(request):
    """The organisation's settings in the reader's language, for header and footer (read once and
    shared until an editor changes them)."""

    def settings_for_language():
        locale = active_locale()

        def load():
            depends_on("settings")
            return SiteSettings.objects.select_related("locale").for_locale(locale)

        return cached(f"settings:{locale.language_code}", load)

    return {"site_settings": SimpleLazyObject(settings_for_language)}
