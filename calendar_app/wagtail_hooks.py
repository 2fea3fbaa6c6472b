from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import change_ends, recurrence_preview
from .models import Committee, Venue


class CommitteeViewSet(SnippetViewSet):
    model = Committee
    icon = "group"
    menu_label = _("Committees")
    list_display = ["name", "kind", "topic", "locale"]
    list_filter = ["kind"]  # and Wagtail its language filter (by language code)
    search_fields = ["name"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "city", "locale"]
    list_filter = ["city"]  # and Wagtail its language filter (by language code)
    search_fields = ["name", "city"]


class CalendarViewSetGroup(SnippetViewSetGroup):
    items = (CommitteeViewSet, VenueViewSet)
    menu_icon = "date"
    menu_label = _("Calendar")
    menu_order = 210


register_snippet(CalendarViewSetGroup)


# django-recurrence's widget looks for a JavaScript catalogue view that Django no longer has,
# so it stays English. The catalogue is served at /admin/recurrence-i18n.js (config/urls.py), outside
# the admin's login requirement, because the login page loads it too (behind the requirement it
# would be answered with the login page instead of a script).
@hooks.register("insert_global_admin_css")
def recurrence_widget_layout():
    # recurrence.css floats the widget left and draws its own controls; this puts it in the admin's look.
    return format_html('<link rel="stylesheet" href="{}">', static("calendar_app/admin/recurrence-admin.css"))


@hooks.register("insert_editor_js")
def recurrence_preview_script():
    return format_html(
        '<template data-recurrence-preview-url="{}" data-heading="{}" data-cancelled="{}"></template>'
        '<script src="{}" defer></script>',
        reverse("recurrence_preview"),
        _("How the series looks"),
        _("cancelled"),
        static("calendar_app/admin/recurrence-preview.js"),
    )


@hooks.register("insert_editor_js")
def change_end_script():
    return format_html(
        '<template data-change-end-url="{}"></template><script src="{}" defer></script>',
        reverse("change_ends"),
        static("calendar_app/admin/change-end.js"),
    )


@hooks.register("register_admin_urls")
def recurrence_preview_urls():
    return [
        path("calendar/recurrence-preview/", recurrence_preview, name="recurrence_preview"),
        path("calendar/change-ends/", change_ends, name="change_ends"),
    ]
