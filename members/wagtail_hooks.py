"""The office's admin for the members' half, in German: organisations, member users with their seats,
meeting papers, agendas (members.sessions.wagtail_hooks: the sessions they belong to), the
committees' settings, and the CSV import."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import access
from .importer import import_rows, read
from .models import CommitteeSettings, MeetingPaper, MemberOrganisation, MemberProfile
from .sessions.wagtail_hooks import AgendaViewSet


class OrganisationViewSet(SnippetViewSet):
    model = MemberOrganisation
    icon = "home"
    menu_label = _("Member organisations")
    list_display = ["name", "kind", "email_domains", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]


class ProfileViewSet(SnippetViewSet):
    model = MemberProfile
    icon = "user"
    menu_label = _("Member users")
    list_display = ["__str__", "function", "invited_at"]
    list_filter = ["organisation", "function"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "organisation__name"]


class PaperViewSet(SnippetViewSet):
    model = MeetingPaper
    icon = "doc-full"
    menu_label = _("Meeting papers")
    list_display = ["title", "series", "meeting_date", "kind"]
    list_filter = ["kind"]
    search_fields = ["title"]


class PapersAccessViewSet(SnippetViewSet):
    model = CommitteeSettings
    icon = "lock-open"
    menu_label = _("Committee settings")
    list_display = ["committee", "open_to_all_members", "notice_days", "replies_open_to_members"]


class MembersViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, ProfileViewSet, AgendaViewSet, PaperViewSet, PapersAccessViewSet)
    menu_icon = "group"
    menu_label = _("Members")
    menu_order = 220


register_snippet(MembersViewSetGroup)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("UTF-8, separated by commas or semicolons."))


def import_members(request):
    """Upload, check every row, then import all of it or nothing."""
    if not (request.user.is_superuser or request.user.has_perm("members.add_memberprofile")):
        raise PermissionDenied
    errors, created = [], None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        rows, errors = read(form.cleaned_data["file"])
        if not errors:
            created = import_rows(rows)
            messages.success(request, _("%(count)s member users imported.") % {"count": len(created)})
            return redirect("wagtailsnippets_members_memberprofile:list")
    return TemplateResponse(
        request,
        "members/admin/import.html",
        {
            "form": form,
            "errors": errors,
            "page_title": _("Import members"),
            "header_title": _("Import members"),
            "header_icon": "upload",
        },
    )


@hooks.register("register_admin_urls")
def members_admin_urls():
    return [
        path("members/import/", import_members, name="members_import"),
    ]


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return MenuItem(_("Import members"), reverse("members_import"), icon_name="upload", order=221)


@hooks.register("calendar_meeting_extras")
def meeting_papers(request, page):
    """A meeting page shows its papers to those who may see them (nothing, not even a heading, to others)."""
    if request is None or not access.may_enter(request.user):
        return ""
    papers = access.papers_for(request.user).filter(series__translation_key=page.translation_key)
    return render_to_string("members/meeting_papers.html", {"papers": list(papers)}, request=request)
