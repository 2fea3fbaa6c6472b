"""The admin's side of the infrastructure: search synonyms, headless preview, locked sign-ins."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .cache.tags import served_page
from .document_uploads import MultipleDocumentAddView
from .models import SearchSynonyms
from .preview import frontend_url


class SearchSynonymsViewSet(SnippetViewSet):
    model = SearchSynonyms
    icon = "search"
    menu_label = _("Search synonyms")
    menu_order = 910
    add_to_settings_menu = True
    list_display = ["terms"]
    search_fields = ["terms"]


register_snippet(SearchSynonymsViewSet)


class FrontendPreviewMenuItem(ActionMenuItem):
    """ "Im Frontend ansehen": opens the configured headless frontend with a preview token."""

    label = _("Preview in the frontend")
    name = "action-frontend-preview"
    icon_name = "view"

    def is_shown(self, context):
        return bool(settings.HEADLESS_PREVIEW_URL) and context.get("view") == "edit"

    def get_url(self, parent_context):
        return reverse("headless_preview", args=[parent_context["page"].pk])


@hooks.register("insert_global_admin_js")
def admin_words_script():
    # wagtail-localize's translation editor writes a few texts in English whatever the language.
    return format_html('<script src="{}" defer></script>', static("core/admin-words.js"))


@hooks.register("before_serve_page")
def page_cache_tags(page, request, serve_args, serve_kwargs):
    served_page(page)


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


def lockouts(request):
    """Failed sign-ins and lockouts (django-axes), for administrators to lift a lock early."""
    if not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        attempt = AccessAttempt.objects.filter(pk=request.POST.get("attempt", "")).first()
        if attempt is not None:
            attempt.delete()
            messages.success(request, _("%(name)s can sign in again.") % {"name": attempt.username})
        return redirect("lockouts")
    attempts = list(AccessAttempt.objects.order_by("-attempt_time")[:200])
    for attempt in attempts:
        attempt.locked = attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT
    return TemplateResponse(
        request,
        "core/admin/lockouts.html",
        {
            "page_title": _("Locked sign-ins"),
            "header_title": _("Locked sign-ins"),
            "header_icon": "lock",
            "attempts": attempts,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": round(settings.AXES_COOLOFF_TIME.total_seconds() / 60),
        },
    )


# Before Wagtail's own documents/ URLs (order -1): the same address, Wagtail's template and script.
@hooks.register("register_admin_urls", order=-1)
def multiple_document_upload_urls():
    return [
        path("documents/multiple/add/", MultipleDocumentAddView.as_view(), name="documents_add_multiple"),
    ]


@hooks.register("register_admin_urls")
def lockout_urls():
    return [path("lockouts/", lockouts, name="lockouts")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return SuperuserMenuItem(_("Locked sign-ins"), reverse("lockouts"), icon_name="lock", order=950)
