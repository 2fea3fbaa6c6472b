from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The readers' search page (the search text of every page type and the synonyms are in core)."""

    name = "search"
    label = "site_search"  # "search" is the label of Wagtail's own wagtail.search
    verbose_name = _("Search")
