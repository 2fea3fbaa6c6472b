from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Committee, Venue


class CommitteeViewSet(SnippetViewSet):
    model = Committee
    icon = "group"
    menu_label = _("Committees")
    list_display = ["name", "kind", "topic", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "city", "locale"]
    list_filter = ["city", "locale"]
    search_fields = ["name", "city"]


class CalendarViewSetGroup(SnippetViewSetGroup):
    items = (CommitteeViewSet, VenueViewSet)
    menu_icon = "date"
    menu_label = _("Calendar")
    menu_order = 210


register_snippet(CalendarViewSetGroup)


# django-recurrence's widget looks for a JavaScript catalogue view that Django no longer has,
# so it stays English. Serve the catalogue ourselves and load it before the widget's script.
@hooks.register("register_admin_urls")
def recurrence_js_catalog():
    return [
        path(
            "recurrence-i18n.js",
            JavaScriptCatalog.as_view(packages=["recurrence"]),
            name="recurrence_js_catalog",
        )
    ]


@hooks.register("insert_global_admin_js", order=-100)
def recurrence_catalog_script():
    return format_html('<script src="{}"></script>', reverse("recurrence_js_catalog"))


@hooks.register("insert_global_admin_css")
def recurrence_widget_layout():
    # recurrence.css floats the widget left, so the next panel's heading would sit beside it.
    return format_html('<link rel="stylesheet" href="{}">', static("calendar_app/admin/recurrence-fix.css"))
