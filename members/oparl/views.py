"""The OParl endpoint: anonymous, read-only JSON (2-04) for every origin (2-06), errors as 2-09 says.

Every answer goes through the page cache with the tags of what it shows: a change to a series drops
its meetings' objects and the lists that show them.
"""

import functools
import json
import math
import uuid
from types import SimpleNamespace
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from calendar_app.models import Committee, EventIndexPage, Occurrence, Venue, visible_series_key_list
from core.cache import depends_on
from core.inputs import ascii_int
from core.models import Tombstone
from home.models import SiteSettings
from members.models import AgendaItem, CommitteeMembership, MeetingPaper, MemberProfile

from . import objects
from .context import Context, on_days
from .files import serve as send_file
from .lists import (
    OBJECT_PARAMETERS,
    BadParameter,
    ListPage,
    ListQuery,
    PageNotFound,
    check_parameters,
    envelope,
    page_of,
    utc_stamp,
)
from .records import ITEM, ITEMS, PAPER, PAPERS, PEOPLE, PERSON, SEAT


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


def moved(location):
    """301 to the canonical URL (2-03), readable by every origin as the answer it leads to."""
    response = HttpResponse(status=301)
    response["Location"] = location
    response["Access-Control-Allow-Origin"] = "*"
    return response


class NotFound(Exception):
    pass


def canonical_arguments(kwargs):
    """The URL's parts as the interface writes them: numbers without leading zeros, UUIDs in lower
    case with hyphens, a meeting's start in upper case; what cannot be read stays (a 404 follows)."""
    fixed = {}
    for name, value in kwargs.items():
        if name == "pk":
            number = ascii_int(value, minimum=1)
            fixed[name] = str(number) if number is not None else value
        elif name == "key":
            try:
                fixed[name] = str(uuid.UUID(value))
            except ValueError:
                fixed[name] = value
        elif name == "stamp":
            fixed[name] = value.upper() if utc_stamp(value.upper()) else value
        else:
            fixed[name] = value
    return fixed


def given_parameters(request):
    return [(name, value) for name, values in request.GET.lists() for value in values]


def canonical_parameters(request):
    """A list's parameters in the order and form its links write them, or None when they are
    written so already or cannot be read (the list itself then says what is wrong)."""
    try:
        query = ListQuery.read(request)
    except BadParameter:
        return None
    wanted = query.canonical()
    if query.page > 1:
        wanted = sorted([*wanted, ("page", str(query.page))])
    return wanted if wanted != given_parameters(request) else None


def endpoint(view=None, *, is_list=False):
    """GET and HEAD only, in German, every failure a JSON error object; a URL written otherwise than
    the interface writes it is moved there (301). Exempt from the CSRF check: OParl takes no cookies
    and changes nothing, and a write method is its JSON 405, not Django's HTML 403."""
    if view is None:
        return functools.partial(endpoint, is_list=is_list)

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error(405, "Die Schnittstelle ist nur lesbar (GET).")
            response["Allow"] = "GET, HEAD"
            return response
        fixed = canonical_arguments(kwargs)
        parameters = canonical_parameters(request) if is_list else None
        if fixed != kwargs or parameters is not None:
            path = reverse(f"oparl:{request.resolver_match.url_name}", kwargs=fixed)
            parameters = given_parameters(request) if parameters is None else parameters
            return moved(objects.site_url() + path + ("?" + urlencode(parameters) if parameters else ""))
        with translation.override(settings.LANGUAGE_CODE):
            try:
                return view(request, objects.Urls(), *args, **kwargs)
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


TYPES = {  # a removed object's kind: its OParl type and the first part of its URL
    "meeting": ("Meeting", "meeting"),
    "committee": ("Organization", "organization"),
    "venue": ("Location", "location"),
    PERSON: ("Person", "person"),
    SEAT: ("Membership", "membership"),
    ITEM: ("AgendaItem", "agendaitem"),
    PAPER: ("Paper", "paper"),
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
        data += [objects.deleted(oparl_type, urls(path, stone.key), stone) for stone in found.deleted]
    return answer(envelope(query, base, found, data))


def fixed_listing(request, base, entries):
    """A list that is not read from a table: `entries` are (created, modified, object)."""
    query = ListQuery.read(request)
    data = [entry for created, modified, entry in entries if query.admits(created, modified)]
    pages = max(1, math.ceil(len(data) / query.limit))
    if query.page > pages:
        raise PageNotFound(f"Die Liste hat {pages} Seite(n), Seite {query.page} gibt es nicht.")
    start = (query.page - 1) * query.limit
    found = ListPage(data[start : start + query.limit], [], len(data), pages)
    return answer(envelope(query, base, found, found.objects))


def the_deleted(urls, kind, key, oparl_type, path):
    stone = Tombstone.objects.filter(kind=kind, key=key).first()
    if stone is None:
        raise NotFound("Dieses Objekt gibt es nicht.")
    return answer(objects.deleted(oparl_type, urls(path, key), stone))


# --- System and Body ---------------------------------------------------------------------------


@endpoint
def system(request, urls):
    object_query(request)
    depends_on("settings")
    found = site_settings()
    return answer(
        objects.system(urls, found, since(), modified_of(found), found.data_license if found else None)
    )


def body_keys():
    """The association's keys for clients that file bodies by them (settings, empty by default: a
    Städtetag has no municipal key of its own)."""
    return SimpleNamespace(
        ags=settings.OPARL_AGS, rgs=settings.OPARL_RGS, equivalent=list(settings.OPARL_EQUIVALENT)
    )


def modified_of(found):
    """The System and the Body show the site settings: they change with them."""
    return max(since(), found.modified_at) if found else since()


def the_body(urls, found, omit_internal=False):
    return objects.body(urls, found, since(), modified_of(found), body_keys(), omit_internal)


@endpoint(is_list=True)
def bodies(request, urls):
    depends_on("settings")
    found = site_settings()
    data = the_body(urls, found, ListQuery.read(request).omit_internal)
    return fixed_listing(request, urls("body"), [(since(), modified_of(found), data)])


@endpoint
def body(request, urls, pk):
    omit = object_query(request)
    if pk != "1":
        raise NotFound("Diese Körperschaft gibt es nicht.")
    depends_on("settings")
    return answer(the_body(urls, site_settings(), omit))


@endpoint(is_list=True)
def consultations(request, urls):
    """Papers are not consulted in the association's meetings as a council's are: none."""
    return fixed_listing(request, urls.body_list("consultation"), [])


@endpoint(is_list=True)
def legislative_terms(request, urls):
    """The association has no legislative terms: an empty list, as the Body's is."""
    return fixed_listing(request, urls.body_list("legislativeterm"), [])


# --- Organizations and Locations ---------------------------------------------------------------


def committees():
    return Committee.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("pk")


def committee_web(urls):
    index = EventIndexPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if index is None:
        return lambda committee: None
    base = urls.web(index)
    return lambda committee: (
        base + index.reverse_subpage("committee_de", args=[committee.slug]) if base else None
    )


@endpoint(is_list=True)
def organizations(request, urls):
    depends_on("calendar")
    web = committee_web(urls)

    def serialize(found, query):
        return [objects.organization(urls, c, web(c)) for c in found]

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
    return answer(objects.organization(urls, found, committee_web(urls)(found)))


def venues():
    return Venue.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("pk")


@endpoint(is_list=True)
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


@endpoint(is_list=True)
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


@endpoint(is_list=True)
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
        return answer(objects.deleted("Meeting", urls.meeting(identity), stone))
    return answer(objects.meeting(urls, found, Context(urls, occurrences=[found]), omit))


def shown_items():
    """Agenda items as their meetings show them: of agendas whose invitations went out, of a stored
    meeting of a public series; `meeting_modified` is when they count as modified."""
    meeting = Occurrence.objects.filter(
        translation_key=OuterRef("agenda__series__translation_key"),
        original_start__date=OuterRef("agenda__meeting_date"),
    )
    return (
        AgendaItem.objects.filter(
            agenda__invited_at__isnull=False,
            agenda__locale__language_code=settings.LANGUAGE_CODE,
            agenda__series__translation_key__in=visible_series_key_list(),
        )
        .annotate(meeting_modified=Subquery(meeting.values("modified_at")[:1]))
        .filter(meeting_modified__isnull=False)
        .select_related("agenda__series")
        .order_by("pk")
    )


def items_as_shown(urls, items):
    """The items as their meetings embed them (the same object at every address)."""
    pairs = {(item.agenda.series.translation_key, item.agenda.meeting_date) for item in items}
    occurrences = list(
        on_days(pairs)
        .filter(translation_key__in=visible_series_key_list())
        .select_related("committee", "venue")
    )
    context = Context(urls, occurrences=occurrences)
    shown = {}
    for occurrence in occurrences:
        depends_on(f"series:{occurrence.translation_key}")
        for entry in objects.meeting(urls, occurrence, context).get("agendaItem", []):
            shown[entry["id"]] = entry
    return [shown[urls.agenda_item(item.pk)] for item in items if urls.agenda_item(item.pk) in shown]


@endpoint(is_list=True)
def agenda_items(request, urls):
    depends_on("calendar", "calendar:names", ITEMS)
    return listing(
        request,
        urls,
        urls.body_list("agendaitem"),
        shown_items(),
        ITEM,
        lambda found, query: items_as_shown(urls, found),
        modified="meeting_modified",
    )


@endpoint
def agenda_item(request, urls, pk):
    """An item of a meeting whose agenda went out, as the meeting shows it; a removed one is a
    deleted object."""
    object_query(request)
    depends_on("calendar", ITEMS)
    number = ascii_int(pk, minimum=1)
    item = shown_items().filter(pk=number).first() if number else None
    shown = items_as_shown(urls, [item]) if item is not None else []
    if not shown:
        return the_deleted(urls, ITEM, pk, "AgendaItem", "agendaitem")
    return answer(shown[0])


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
        data.append(objects.deleted(kind, urls("file" if as_file else "paper", stone.key), stone))
    return answer(envelope(query, base, found, data))


@endpoint(is_list=True)
def papers(request, urls):
    depends_on(PAPERS, "calendar")
    return paper_listing(request, urls, urls.body_list("paper"), as_file=False)


@endpoint(is_list=True)
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
    """2-07: the file itself (members.oparl.files); a withdrawn one is gone (410)."""
    check_parameters(request, frozenset())
    number = ascii_int(pk, minimum=1)
    found = public_papers().filter(pk=number).first() if number else None
    if found is None:
        if number and Tombstone.objects.filter(kind="paper", key=str(number)).exists():
            return error(410, "Diese Datei wurde zurückgezogen.")
        raise NotFound("Diese Datei gibt es nicht.")
    return send_file(request, found.document, attachment)


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


@endpoint(is_list=True)
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
        CommitteeMembership.objects.filter(profile__published=True).select_related("committee").order_by("pk")
    )


@endpoint(is_list=True)
def memberships(request, urls):
    depends_on(PEOPLE)
    return listing(
        request,
        urls,
        urls.body_list("membership"),
        seats(),
        SEAT,
        lambda found, query: [objects.membership(urls, s) for s in found],
    )


@endpoint
def membership(request, urls, pk):
    object_query(request)
    depends_on(PEOPLE)
    number = ascii_int(pk, minimum=1)
    found = seats().filter(pk=number).first() if number else None
    if found is None:
        return the_deleted(urls, SEAT, pk, "Membership", "membership")
    return answer(objects.membership(urls, found))


@endpoint
def unknown(request, urls):
    """No such address; one with a trailing slash is moved to the address without it."""
    if request.path.endswith("/"):
        try:
            match = resolve(request.path.rstrip("/"))
        except Resolver404:
            match = None
        if match is not None and match.url_name != "unknown" and match.namespace == "oparl":
            query = request.META.get("QUERY_STRING", "")
            return moved(urls.site + request.path.rstrip("/") + ("?" + query if query else ""))
    raise NotFound(
        "Diese Adresse gibt es in der OParl-Schnittstelle nicht; der Einstieg ist " + urls.system()
    )
