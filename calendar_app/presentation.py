"""Occurrences with the texts of the reader's language, for any number of them in a fixed number of queries."""

import datetime

from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.cache import depends_on
from core.request_memo import active_locale, default_locale, public

from .expansion import BERLIN
from .models import Committee, EventPage, OccurrenceChange, OccurrenceStatus, OnlineMode, Venue

ONE_SECOND = datetime.timedelta(seconds=1)


def _localized(model, ids, locale, default):
    """Map the ids the occurrences name -> the object in `locale`, else in the default locale, else
    itself. Read by id, so that the occurrences need not carry their committee and venue: a month of
    some 2,000 meetings made 4,000 model objects for the same 40 committees and 5 venues."""
    keys = dict(model.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
    found = {}
    for obj in model.objects.filter(translation_key__any_of=set(keys.values()), locale__in=[locale, default]):
        if obj.locale_id == locale.pk or obj.translation_key not in found:
            found[obj.translation_key] = obj
    missing = [pk for pk, key in keys.items() if key not in found]
    own = model.objects.in_bulk(missing) if missing else {}
    return {pk: found.get(key) or own.get(pk) for pk, key in keys.items()}


def online_label(mode):
    if mode == OnlineMode.VIDEO:
        return _("Video conference")
    if mode == OnlineMode.PHONE:
        return _("Telephone conference")
    return ""


class Meeting:
    """One occurrence as a reader sees it.

    A month at 500 series shows some 2,000 meetings: what is the same for every meeting of a series
    (its page, title, URL, language) comes in once per series, and each time is converted to Berlin
    time once (the days it spans are worked out from those).
    """

    def __init__(self, occurrence, page, committee, venue, change, request, url=None):
        self.occurrence = occurrence
        self.page = page
        self.committee = committee
        self.venue = venue
        self.change = change
        self.id = occurrence.pk
        self.start = occurrence.start.astimezone(BERLIN)
        self.end = occurrence.end.astimezone(BERLIN)
        self.original_start = occurrence.original_start.astimezone(BERLIN)
        self.all_day = occurrence.all_day
        self.status = occurrence.status
        self.cancelled = occurrence.status == OccurrenceStatus.CANCELLED
        self.moved = occurrence.status == OccurrenceStatus.MOVED
        last = (self.end - ONE_SECOND) if self.all_day else self.end
        self.days = (last.date() - self.start.date()).days + 1
        self.multi_day = self.days > 1
        self.online_mode = occurrence.online_mode
        self.url = url if url is not None else page.get_url(request) if page is not None else ""
        self.title = page.title if page is not None else committee.name
        self.language = page.locale.language_code if page is not None else None
        self.note = change.note if change is not None else ""
        self.documents = [block.value for block in change.documents] if change is not None else []

    @property
    def online_label(self):
        return online_label(self.online_mode)

    @property
    def place(self):
        """ "HdKS, Wiesbaden", "Videokonferenz", or both for a hybrid meeting."""
        parts = [part for part in (self.venue.label if self.venue else "", self.online_label) if part]
        return " / ".join(parts)

    @property
    def status_label(self):
        return OccurrenceStatus(self.status).label


# What a list of meetings reads of their series' pages (the month view's thousands of meetings):
# title, address, language. Views that show more of the page (the API, JSON-LD) read it whole.
LIST_FIELDS = ("id", "title", "url_path", "path", "depth", "translation_key", "locale", "live")


def present(occurrences, request, locale=None, visible_keys=None, page_fields=None):
    """Attach page, committee, venue and change in the reader's language to each occurrence.

    Only series readers may see are shown; `visible_keys` (translation keys) widens that for a
    member who may see members-only series. `page_fields` (e.g. LIST_FIELDS) reads only those of
    the series' pages.
    """
    depends_on("calendar:names")  # committees' and venues' names, the notes of changes
    occurrences = list(occurrences)
    if not occurrences:
        return []
    locale = locale or active_locale()
    default = default_locale()
    keys = {o.translation_key for o in occurrences}
    pages = {}
    # Only the two languages that can be shown, without the rule and the description: at 500 series a
    # month shows some 460 series, and deserialising their full pages in both languages (the page
    # tree's child relations, the recurrence rule) would be a third of the month view.
    series = EventPage.objects.live().select_related("locale")
    if page_fields:
        series = series.only(*page_fields, "locale__language_code")
    else:
        series = series.defer("recurrence", "description", "search_description")
    series = public(series) if visible_keys is None else series.filter(translation_key__any_of=visible_keys)
    found = list(series.filter(translation_key__any_of=keys, locale__in={locale.pk, default.pk}))
    # A series that has neither language (created in another language tree) is shown in its own.
    missing = keys - {page.translation_key for page in found}
    if missing:
        found += series.filter(translation_key__any_of=missing)
    for page in found:
        current = pages.get(page.translation_key)
        if (
            current is None
            or page.locale_id == locale.pk
            or (current.locale_id != locale.pk and page.locale_id == default.pk)
        ):
            pages[page.translation_key] = page  # the reader's language first, then German
    committees = _localized(Committee, {o.committee_id for o in occurrences}, locale, default)
    venues = _localized(Venue, {o.venue_id for o in occurrences if o.venue_id}, locale, default)
    wanted_changes = {
        (pages[o.translation_key].pk, o.change_original_date)
        for o in occurrences
        if o.change_original_date and o.translation_key in pages
    }
    changes = {}
    if wanted_changes:
        for change in OccurrenceChange.objects.filter(
            page_id__in={page_id for page_id, _date in wanted_changes},
            original_date__in={day for _page, day in wanted_changes},
        ):
            changes[(change.page_id, change.original_date)] = change
    meetings = []
    urls = {}  # a series meets many times in a month: its URL is worked out once
    for o in occurrences:
        page = pages.get(o.translation_key)
        if page is None:
            continue  # not visible (draft, private): never shown
        if page.pk not in urls:
            urls[page.pk] = page.get_url(request)
        meetings.append(
            Meeting(
                o,
                page,
                committees[o.committee_id],
                venues.get(o.venue_id),
                changes.get((page.pk, o.change_original_date)),
                request,
                urls[page.pk],
            )
        )
    return meetings


def event_json_ld(meeting, request):
    """schema.org Event for one meeting, with its status and a Place or VirtualLocation."""
    status = {
        OccurrenceStatus.CANCELLED: "https://schema.org/EventCancelled",
        OccurrenceStatus.MOVED: "https://schema.org/EventRescheduled",
    }.get(meeting.status, "https://schema.org/EventScheduled")
    locations = []
    if meeting.venue:
        locations.append(
            {
                "@type": "Place",
                "name": meeting.venue.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": meeting.venue.address,
                    "addressLocality": meeting.venue.city,
                },
            }
        )
    if meeting.online_mode:
        virtual = {"@type": "VirtualLocation", "name": meeting.online_label}
        if meeting.page.join_url and meeting.page.join_url_public:
            virtual["url"] = meeting.page.join_url
        locations.append(virtual)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        "startDate": meeting.start.date().isoformat() if meeting.all_day else meeting.start.isoformat(),
        "endDate": meeting.end.date().isoformat() if meeting.all_day else meeting.end.isoformat(),
        "eventStatus": status,
        "eventAttendanceMode": (
            "https://schema.org/MixedEventAttendanceMode"
            if meeting.venue and meeting.online_mode
            else "https://schema.org/OnlineEventAttendanceMode"
            if meeting.online_mode
            else "https://schema.org/OfflineEventAttendanceMode"
        ),
        "organizer": {"@type": "Organization", "name": meeting.committee.name},
        "url": request.build_absolute_uri(meeting.url),
    }
    if meeting.moved:
        data["previousStartDate"] = meeting.original_start.isoformat()
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    return data


def month_lines(meetings):
    """Each meeting's line in the month table and in its list for phones, as the month template wrote
    them with a dozen lookups per meeting: for the 2,000 meetings of a month at 500 series the
    template engine took more than half of the page's time, these lines a few milliseconds."""
    cancelled = format_html(' <strong class="status status--cancelled">{}</strong>', _("cancelled"))
    for meeting in meetings:
        time = "" if meeting.all_day else time_format(meeting.start, "TIME_FORMAT") + " "
        if meeting.cancelled:
            status = cancelled
        elif meeting.moved:
            moved = _("moved from %(date)s") % {
                "date": date_format(meeting.original_start, "SHORT_DATE_FORMAT")
            }
            status = format_html(' <strong class="status">{}</strong>', moved)
        else:
            status = ""
        opening = mark_safe('<li class="cancelled">' if meeting.cancelled else "<li>")  # noqa: S308  (constant)
        link = format_html('<a href="{}">{}{}</a>', meeting.url, time, meeting.committee.name)
        place = format_html(", {}", meeting.place) if meeting.place else ""
        meeting.month_line = format_html("{}{}{}</li>", opening, link, status)
        meeting.agenda_line = format_html("{}{}{}{}</li>", opening, link, place, status)
    return meetings
