"""The committee sessions in the admin: the list of agendas, one row per meeting, with the way to the
office's view of each session ("Sitzung führen": invitation, replies, attendance list, minutes), and
what follows the office's saving of an agenda or a paper. Grouped under "Mitglieder" by
members.wagtail_hooks; the public meeting page's agendas come from here too."""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.snippets.views.snippets import SnippetViewSet

from core.request_memo import memoized
from members.models import Agenda, MeetingPaper

from . import following, office, records


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
    beside it: the office writes an agenda once and has it translated, so one row per meeting tells
    the meetings apart. The language filter lists the agendas of the language chosen, translations
    included."""

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


@hooks.register("register_admin_urls")
def session_admin_urls():
    return [
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
        following.agenda_changed(instance)
    elif isinstance(instance, MeetingPaper):
        for agenda in following.agendas_of_paper(instance):
            following.agenda_changed(agenda)


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
        translated = records.in_language(agenda, locale.language_code)
        items = [
            {"item": item, "papers": [paper for paper in item.papers.all() if paper.public]}
            for item in translated.items.prefetch_related("papers__document").order_by("sort_order", "pk")
        ]
        shown.append({"agenda": translated, "items": items})
    if not shown:
        return ""
    return render_to_string("members/public_agendas.html", {"agendas": shown}, request=request)
