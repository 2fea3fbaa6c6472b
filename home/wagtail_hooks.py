from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SiteSettings
from .preview import frontend_url


class SiteSettingsViewSet(SnippetViewSet):
    model = SiteSettings
    icon = "cogs"
    menu_label = _("Site settings")
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["organisation_name", "locale"]


register_snippet(SiteSettingsViewSet)


class FrontendPreviewMenuItem(ActionMenuItem):
    """ "Im Frontend ansehen": opens the configured headless frontend with a preview token."""

    label = _("Preview in the frontend")
    name = "action-frontend-preview"
    icon_name = "view"

    def is_shown(self, context):
        return bool(settings.HEADLESS_PREVIEW_URL) and context.get("view") == "edit"

    def get_url(self, parent_context):
        return reverse("headless_preview", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def frontend_preview_menu_item():
    return FrontendPreviewMenuItem(order=60)


def headless_preview(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    url = frontend_url(page)
    if url is None:
        raise Http404("HEADLESS_PREVIEW_URL is not configured")
    return redirect(url)


@hooks.register("register_admin_urls")
def headless_preview_urls():
    return [path("headless-preview/<int:page_id>/", headless_preview, name="headless_preview")]
