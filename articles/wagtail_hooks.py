from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    list_filter = []  # Wagtail adds its language filter (by language code) to translatable models
    search_fields = ["name"]


register_snippet(TopicViewSet)
