"""The office's admin for the members' half, in German: organisations, member users with their seats,
meeting papers, agendas and the sessions they belong to, the committees' settings, and the CSV
import."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, Subquery
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.request_memo import memoized

from . import access, office, sessions
from .importer import import_rows, read
from .models import Agenda, CommitteePapersAccess, MeetingPaper, MemberOrganisation, MemberProfile


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
    model = CommitteePapersAccess
    icon = "lock-open"
    menu_label = _("Committee settings")
    list_display = ["committee", "open_to_all_members", "notice_days", "replies_open_to_members"]


class SessionColumn(Column):
    """A link from the list of agendas to the session: invitation, replies, attendance list, minutes."""

    def get_value(self, instance):
        return format_html(
            '<a class="button button-small button-secondary" href="{}">{}</a>',
            reverse("members_session", args=[instance.pk]),
            _("Run the session"),
        )


class TranslationColumn(Column):
    """Beside an agenda, its other language versions: "Englisch" (a link to it), or "Englisch fehlt"
    (the row's "Übersetzen" makes it). Read from the listing's annotations, not a query per row."""

    def get_value(self, instance):
        links = []
        for locale in memoized(("locales",), lambda: list(Locale.objects.all())):
            if locale.pk == instance.locale_id:
                continue
            name = locale.get_display_name()
            pk = getattr(instance, f"in_{locale.language_code}", None)
            if pk is None:
                links.append(format_html("<span>{}</span>", _("%(language)s missing") % {"language": name}))
            else:
                links.append(
                    format_html(
                        '<a href="{}" aria-label="{}">{}</a>',
                        reverse(Agenda.snippet_viewset.get_url_name("edit"), args=[pk]),
                        _("Edit the agenda in %(language)s") % {"language": name},
                        name,
                    )
                )
        return format_html_join(", ", "{}", ((link,) for link in links))


class AgendaViewSet(SnippetViewSet):
    """The office's sessions, one row per meeting: the agenda in the site's language, to which the
    invitations, replies and the attendance list belong ("Sitzung führen"), with its translation
    beside it. The office writes an agenda once and has it translated; two rows per meeting that
    differ only in a language the list did not show were the complaint (issue 26). The language
    filter lists the agendas of the language chosen, translations included."""

    model = Agenda
    icon = "list-ol"
    menu_label = _("Agendas and sessions")
    list_display = [
        "__str__",
        "meeting_date",
        "invited_at",
        TranslationColumn("translation", label=_("Translation")),
        SessionColumn("session", label=_("Session")),
    ]
    list_filter = []  # Wagtail adds its language filter (by language code) to translatable models
    search_fields = []
    ordering = ["-meeting_date"]

    def get_queryset(self, request):
        agendas = Agenda.objects.select_related("series", "locale").annotate(
            **{
                f"in_{locale.language_code}": Subquery(
                    Agenda.objects.filter(translation_key=OuterRef("translation_key"), locale=locale).values(
                        "pk"
                    )[:1]
                )
                for locale in memoized(("locales",), lambda: list(Locale.objects.all()))
            }
        )
        if request.GET.get("locale"):
            return agendas  # the language filter narrows the list to that language
        in_site_language = Agenda.objects.filter(
            translation_key=OuterRef("translation_key"), locale__language_code=settings.LANGUAGE_CODE
        )
        return agendas.filter(Q(locale__language_code=settings.LANGUAGE_CODE) | ~Exists(in_site_language))


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
        path("members/sessions/<int:pk>/", office.session, name="members_session"),
        path(
            "members/sessions/<int:pk>/attendance.xlsx", office.attendance_xlsx, name="members_session_xlsx"
        ),
        path("members/sessions/<int:pk>/attendance.csv", office.attendance_csv, name="members_session_csv"),
    ]


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def session_material_saved(request, instance):
    """After the office saved an agenda (its items are saved with it) or a meeting paper: the
    invitees hear of what changed, the public meeting page shows it."""
    if isinstance(instance, Agenda):
        sessions.agenda_changed(instance)
    elif isinstance(instance, MeetingPaper):
        for agenda in sessions.agendas_of_paper(instance):
            sessions.agenda_changed(agenda)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return MenuItem(_("Import members"), reverse("members_import"), icon_name="upload", order=221)


@hooks.register("calendar_meeting_extras")
def public_agendas(request, page):
    """The agendas of the series' meetings once their invitation is out: the public items with their
    numbers, titles, results and public papers; a non-public item only as "TOP 4: nichtöffentlich"."""
    locale = page.locale
    recent = timezone.localdate() - datetime.timedelta(days=90)
    agendas = (
        Agenda.objects.filter(
            series__translation_key=page.translation_key,
            invited_at__isnull=False,
            meeting_date__gte=recent,
            locale__language_code=settings.LANGUAGE_CODE,
        )
        .select_related("locale")
        .order_by("meeting_date")[:6]
    )
    shown = []
    for agenda in agendas:
        translated = sessions.in_language(agenda, locale.language_code)
        items = [
            {"item": item, "papers": [paper for paper in item.papers.all() if paper.public]}
            for item in translated.items.prefetch_related("papers__document").order_by("sort_order", "pk")
        ]
        shown.append({"agenda": translated, "items": items})
    if not shown:
        return ""
    return render_to_string("members/public_agendas.html", {"agendas": shown}, request=request)


@hooks.register("calendar_meeting_extras")
def meeting_papers(request, page):
    """A meeting page shows its papers to those who may see them (nothing, not even a heading, to others)."""
    if request is None or not access.may_enter(request.user):
        return ""
    papers = access.papers_for(request.user).filter(series__translation_key=page.translation_key)
    return render_to_string("members/meeting_papers.html", {"papers": list(papers)}, request=request)
