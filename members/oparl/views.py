"""The OParl endpoint: anonymous, read-only JSON (2-04) for every origin (2-06), errors as 2-09 says.

Every answer goes through the page cache with the tags of what it shows: a change to a series drops
its meetings' objects and the lists that show them.
"""

import functools
import json
import uuid

from django.conf import settings
from django.db.models import Min, Q
from django.http import Http404, HttpResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from wagtail.utils.sendfile import sendfile

from calendar_app.models import Committee, EventIndexPage, Occurrence, Venue, visible_series_key_list
from core.cache import depends_on
from core.inputs import ascii_int
from core.models import Tombstone
from home.models import SiteSettings
from members.models import AgendaItem, CommitteeMembership, MeetingPaper, MemberProfile, meetings_on

from . import objects
from .context import Context
from .lists import (
    OBJECT_PARAMETERS,
    BadParameter,
    ListQuery,
    PageNotFound,
    check_parameters,
    envelope,
    page_of,
    utc_stamp,
)
from .records import PAPERS, PEOPLE


def answer(data, status=200):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    if status != 200:
        response["Cache-Control"] = "no-store"
    return response


def error(status, message, debug=None):
    data = {"type": objects.SCHEMA + "Error", "message": message}
    if debug:
        data["debug"] = debug
    return answer(data, status)


class NotFound(Exception):
    pass


def endpoint(view):
    """GET and HEAD only, in German, every failure a JSON error object. Exempt from the CSRF check:
    OParl takes no cookies and changes nothing, and a write method is its JSON 405, not Django's
    HTML 403."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error(405, "Die Schnittstelle ist nur lesbar (GET).")
            response["Allow"] = "GET, HEAD"
            return response
        with translation.override(settings.LANGUAGE_CODE):
            try:
                return view(request, objects.Urls(request), *args, **kwargs)
            except BadParameter as problem:
                return error(400, str(problem))
            except (NotFound, PageNotFound, Http404) as problem:
                return error(404, str(problem) or "Dieses Objekt gibt es nicht.", debug=request.path)

    return wrapper


def object_query(request):
    check_parameters(request, OBJECT_PARAMETERS)
    return ListQuery.read(request).omit_internal


def site_settings():
    return SiteSettings.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()


def since():
    """When the interface went public: the setting OPARL_SINCE."""
    return settings.OPARL_SINCE


def tombstones(kind, scope=None):
    queryset = Tombstone.objects.filter(kind=kind)
    return queryset if scope is None else queryset.filter(scope=scope)


TYPES = {
    "meeting": ("Meeting", "meeting"),
    "committee": ("Organization", "organization"),
    "venue": ("Location", "location"),
    "person": ("Person", "person"),
}


def listing(
    request, urls, base, live, kind, serialize, created="created_at", modified="modified_at", scope=None
):
    """A page of an external list; `kind` names the removed objects that follow the live ones."""
    query = ListQuery.read(request)
    removed = tombstones(kind, scope) if kind else Tombstone.objects.none()
    found = page_of(query, live, removed, created, modified)
    data = serialize(found.objects, query)
    if kind:
        oparl_type, path = TYPES[kind]
        data += [objects.deleted(urls, oparl_type, urls(path, stone.key), stone) for stone in found.deleted]
    return answer(envelope(query, base, found, data))


def the_deleted(urls, kind, key, oparl_type, path):
    stone = Tombstone.objects.filter(kind=kind, key=key).first()
    if stone is None:
        raise NotFound("Dieses Objekt gibt es nicht.")
    return answer(objects.deleted(urls, oparl_type, urls(path, key), stone))


# --- System and Body ---------------------------------------------------------------------------


@endpoint
def system(request, urls):
    object_query(request)
    depends_on("settings")
    found = site_settings()
    return answer(objects.system(urls, found, since(), found.data_license if found else None))


def the_body(urls, omit_internal=False):
    depends_on("settings")
    found = site_settings()
    return objects.body(urls, found, since(), since(), omit_internal)


@endpoint
def bodies(request, urls):
    query = ListQuery.read(request)
    data = [the_body(urls, query.omit_internal)]
    if query.page != 1:
        raise PageNotFound("Die Liste hat 1 Seite(n).")
    return answer(
        {
            "data": data,
            "pagination": {
                "totalElements": 1,
                "elementsPerPage": query.limit,
                "currentPage": 1,
                "totalPages": 1,
            },
            "links": {
                "first": query.link(urls("body"), 1),
                "self": query.link(urls("body"), 1),
                "last": query.link(urls("body"), 1),
            },
        }
    )


@endpoint
def body(request, urls, key):
    omit = object_query(request)
    if key != "1":
        raise NotFound("Diese Körperschaft gibt es nicht.")
    return answer(the_body(urls, omit))


# --- Organizations and Locations ---------------------------------------------------------------


def committees():
    visible = visible_series_key_list()
    return (
        Committee.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .annotate(first_meeting=Min("occurrences__start", filter=Q(occurrences__translation_key__in=visible)))
        .order_by("pk")
    )


def committee_web(urls):
    index = EventIndexPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if index is None:
        return lambda committee: None
    base = urls.web(index)
    return lambda committee: (
        base + index.reverse_subpage("committee_de", args=[committee.slug]) if base else None
    )


@endpoint
def organizations(request, urls):
    depends_on("calendar")
    web = committee_web(urls)

    def serialize(found, query):
        return [objects.organization(urls, c, c.first_meeting, web(c)) for c in found]

    return listing(request, urls, urls.body_list("organization"), committees(), "committee", serialize)


def parse_key(key):
    try:
        return uuid.UUID(key)
    except ValueError:
        raise NotFound("Dieses Objekt gibt es nicht.") from None


@endpoint
def organization(request, urls, key):
    object_query(request)
    depends_on("calendar")
    found = committees().filter(translation_key=parse_key(key)).first()
    if found is None:
        return the_deleted(urls, "committee", key, "Organization", "organization")
    return answer(objects.organization(urls, found, found.first_meeting, committee_web(urls)(found)))


def venues():
    return Venue.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("pk")


@endpoint
def locations(request, urls):
    depends_on("calendar")
    return listing(
        request,
        urls,
        urls.body_list("location"),
        venues(),
        "venue",
        lambda found, query: [objects.location(urls, v) for v in found],
    )


@endpoint
def location(request, urls, key):
    object_query(request)
    depends_on("calendar")
    found = venues().filter(translation_key=parse_key(key)).first()
    if found is None:
        return the_deleted(urls, "venue", key, "Location", "location")
    return answer(objects.location(urls, found))


# --- Meetings and agenda items -----------------------------------------------------------------


def meetings():
    return (
        Occurrence.objects.visible()
        .select_related("committee", "venue")
        .order_by("original_start", "translation_key")
    )


def meeting_list(urls, query_found, query):
    context = Context(urls, occurrences=query_found)
    for key in {o.translation_key for o in query_found}:
        depends_on(f"series:{key}")
    return [objects.meeting(urls, o, context, query.omit_internal) for o in query_found]


@endpoint
def meeting_index(request, urls):
    depends_on("calendar", "calendar:names")
    return listing(
        request,
        urls,
        urls.body_list("meeting"),
        meetings(),
        "meeting",
        lambda found, query: meeting_list(urls, found, query),
    )


@endpoint
def organization_meetings(request, urls, key):
    depends_on("calendar", "calendar:names")
    committee = parse_key(key)
    if (
        not Committee.objects.filter(translation_key=committee).exists()
        and not tombstones("committee").filter(key=key).exists()
    ):
        raise NotFound("Dieses Gremium gibt es nicht.")
    return listing(
        request,
        urls,
        urls.organization(key) + "/meeting",
        meetings().filter(committee__translation_key=committee),
        "meeting",
        lambda found, query: meeting_list(urls, found, query),
        scope=key,
    )


@endpoint
def meeting(request, urls, key, stamp):
    omit = object_query(request)
    series, start = parse_key(key), utc_stamp(stamp)
    if start is None:
        raise NotFound("Diese Sitzung gibt es nicht.")
    depends_on(f"series:{series}", "calendar:names")
    found = meetings().filter(translation_key=series, original_start=start).first()
    identity = f"{key}/{stamp}"
    if found is None:
        depends_on("calendar")
        stone = Tombstone.objects.filter(kind="meeting", key=identity).first()
        if stone is None:
            raise NotFound("Diese Sitzung gibt es nicht.")
        return answer(objects.deleted(urls, "Meeting", urls.meeting(identity), stone))
    return answer(objects.meeting(urls, found, Context(urls, occurrences=[found]), omit))


@endpoint
def agenda_item(request, urls, pk):
    """An item of a meeting whose agenda went out: found through its meeting, as the meeting shows it."""
    object_query(request)
    number = ascii_int(pk, minimum=1)
    item = (
        AgendaItem.objects.filter(
            pk=number, agenda__invited_at__isnull=False, agenda__locale__language_code=settings.LANGUAGE_CODE
        )
        .select_related("agenda__series")
        .first()
        if number
        else None
    )
    occurrence = None
    if item is not None:
        key = item.agenda.series.translation_key
        depends_on(f"series:{key}")
        occurrence = (
            meetings_on(key, item.agenda.meeting_date)
            .filter(translation_key__in=visible_series_key_list())
            .select_related("committee", "venue")
            .first()
        )
    if occurrence is None:
        raise NotFound("Diesen Tagesordnungspunkt gibt es nicht.")
    data = objects.meeting(urls, occurrence, Context(urls, occurrences=[occurrence]))
    for entry in data.get("agendaItem", []):
        if entry["id"] == urls.agenda_item(item.pk):
            return answer(entry)
    raise NotFound("Diesen Tagesordnungspunkt gibt es nicht.")


# --- Papers and files --------------------------------------------------------------------------


def public_papers():
    return (
        MeetingPaper.objects.filter(public=True, series__translation_key__in=visible_series_key_list())
        .select_related("document", "series")
        .order_by("pk")
    )


def paper_list(urls, found, query, as_file=False):
    context = Context(urls, papers=found)
    for paper in found:
        depends_on(f"series:{paper.series.translation_key}")
    if as_file:
        return [objects.file(urls, p, context) for p in found]
    return [objects.paper(urls, p, context, query.omit_internal) for p in found]


def paper_listing(request, urls, base, as_file):
    """Papers or their files: the public ones, then (with modified_since) those withdrawn."""
    query = ListQuery.read(request)
    found = page_of(query, public_papers(), tombstones("paper"))
    data = paper_list(urls, found.objects, query, as_file)
    kind = "File" if as_file else "Paper"
    for stone in found.deleted:
        data.append(objects.deleted(urls, kind, urls("file" if as_file else "paper", stone.key), stone))
    return answer(envelope(query, base, found, data))


@endpoint
def papers(request, urls):
    depends_on(PAPERS, "calendar")
    return paper_listing(request, urls, urls.body_list("paper"), as_file=False)


@endpoint
def files(request, urls):
    depends_on(PAPERS, "calendar")
    return paper_listing(request, urls, urls.body_list("file"), as_file=True)


def one_paper(urls, pk, kind):
    number = ascii_int(pk, minimum=1)
    depends_on(PAPERS, "calendar")
    found = public_papers().filter(pk=number).first() if number else None
    if found is None:
        return None, the_deleted(urls, "paper", pk, kind, kind.lower())
    depends_on(f"series:{found.series.translation_key}")
    return found, None


@endpoint
def paper(request, urls, pk):
    omit = object_query(request)
    found, gone = one_paper(urls, pk, "Paper")
    return gone or answer(objects.paper(urls, found, Context(urls, papers=[found]), omit))


@endpoint
def file(request, urls, pk):
    object_query(request)
    found, gone = one_paper(urls, pk, "File")
    return gone or answer(objects.file(urls, found, Context(urls, papers=[found])))


def file_content(request, pk, attachment):
    """2-07: the file itself, inline at accessUrl, as an attachment with its name at downloadUrl; a
    withdrawn one is gone (410). Conditional GET and the length come with Wagtail's sendfile."""
    check_parameters(request, frozenset())
    number = ascii_int(pk, minimum=1)
    found = public_papers().filter(pk=number).first() if number else None
    if found is None:
        if number and Tombstone.objects.filter(kind="paper", key=str(number)).exists():
            return error(410, "Diese Datei wurde zurückgezogen.")
        raise NotFound("Diese Datei gibt es nicht.")
    document = found.document
    response = sendfile(
        request,
        document.file.path,
        attachment=attachment,
        attachment_filename=document.filename,
        mimetype=document.content_type,
    )
    if not attachment:
        response["Content-Disposition"] = "inline"
    if document.file_hash:
        response["ETag"] = f'"{document.file_hash}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


@endpoint
def file_access(request, urls, pk):
    return file_content(request, pk, attachment=False)


@endpoint
def file_download(request, urls, pk):
    return file_content(request, pk, attachment=True)


# --- People who agreed to be published ---------------------------------------------------------


def people():
    return (
        MemberProfile.objects.filter(published=True)
        .select_related("user")
        .prefetch_related("memberships__committee")
        .order_by("pk")
    )


@endpoint
def persons(request, urls):
    depends_on(PEOPLE)
    return listing(
        request,
        urls,
        urls.body_list("person"),
        people(),
        "person",
        lambda found, query: [objects.person(urls, p, query.omit_internal) for p in found],
    )


@endpoint
def person(request, urls, pk):
    omit = object_query(request)
    depends_on(PEOPLE)
    number = ascii_int(pk, minimum=1)
    found = people().filter(pk=number).first() if number else None
    if found is None:
        return the_deleted(urls, "person", pk, "Person", "person")
    return answer(objects.person(urls, found, omit))


def seats():
    return (
        CommitteeMembership.objects.filter(profile__published=True)
        .select_related("committee", "profile")
        .order_by("pk")
    )


@endpoint
def memberships(request, urls):
    depends_on(PEOPLE)
    return listing(
        request,
        urls,
        urls.body_list("membership"),
        seats(),
        None,
        lambda found, query: [objects.membership(urls, s, s.profile) for s in found],
        created="profile__created_at",
        modified="profile__modified_at",
    )


@endpoint
def membership(request, urls, pk):
    object_query(request)
    depends_on(PEOPLE)
    number = ascii_int(pk, minimum=1)
    found = seats().filter(pk=number).first() if number else None
    if found is None:  # 2-08: a membership may simply go; its person says so by its modified
        raise NotFound("Diese Mitgliedschaft gibt es nicht.")
    return answer(objects.membership(urls, found, found.profile))


@endpoint
def unknown(request, urls):
    raise NotFound(
        "Diese Adresse gibt es in der OParl-Schnittstelle nicht; der Einstieg ist " + urls.system()
    )
