from wagtail.models import Locale

from .models import SiteSettings
from .pagecache import depends_on


def site_chrome(request):
    """The organisation's settings in the reader's language, for header and footer."""
    depends_on("settings")
    return {"site_settings": SiteSettings.objects.select_related("locale").for_locale(Locale.get_active())}
