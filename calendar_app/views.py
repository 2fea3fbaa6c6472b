"""The reader's views of the calendar, served as routes of the events index and meeting pages
(registered on their `route_views`)."""

import calendar
import datetime
import re

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.models import Topic
from core.cache import cached, depends_on, expires_at
from core.inputs import FIRST_YEAR, LAST_YEAR
from core.pagination import paginate
from core.request_memo import public

from . import ical
from .describe import describe
from .expansion import BERLIN
from .models import (
    Committee,
    CommitteeKind,
    EventIndexPage,
    EventPage,
    Occurrence,
    OccurrenceStatus,
    OnlineMode,
    Venue,
    visible_series_keys,
)
from .presentation import LIST_FIELDS, event_json_ld, month_lines, present

PAGE_SIZE = 25
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def month_bounds(year, month):
    """Start and end of a month in Berlin time, or None for a month the calendar does not know."""
    if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
        return None
    start = datetime.datetime(year, month, 1, tzinfo=BERLIN)
    end = datetime.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=BERLIN)
    return start, end


def filter_occurrences(index, params):
    """Apply the list's filters; returns (queryset, active filters, whether a value was invalid)."""
    occurrences = Occurrence.objects.visible().select_related("committee", "venue")
    active = {}
    invalid = False
    committee_slug = params.get("committee", "")
    if committee_slug:
        committee = Committee.objects.filter(slug=committee_slug, locale=index.locale).first()
        if committee is None:
            invalid = True
        else:
            occurrences = occurrences.for_committee(committee)
            active["committee"] = committee
    kind = params.get("kind", "")
    if kind:
        if kind in CommitteeKind.values:
            occurrences = occurrences.filter(committee__kind=kind)
            active["kind"] = kind
        else:
            invalid = True
    topic_slug = params.get("topic", "")
    if topic_slug:
        topic = Topic.objects.filter(slug=topic_slug, locale=index.locale).first()
        if topic is None:
            invalid = True
        else:
            occurrences = occurrences.filter(committee__topic__translation_key=topic.translation_key)
            active["topic"] = topic
    place = params.get("place", "")
    if place:
        if place == "online":
            occurrences = occurrences.exclude(online_mode=OnlineMode.NONE)
        elif Venue.objects.filter(city=place).exists():
            occurrences = occurrences.filter(venue__city=place)
        else:
            invalid = True
        active["place"] = place
    month = params.get("month", "")
    if month:
        match = MONTH_RE.match(month)
        bounds = month_bounds(int(match[1]), int(match[2])) if match else None
        if bounds:
            occurrences = occurrences.between(*bounds)
            active["month"] = month
        else:
            invalid = True
    if invalid:
        occurrences = occurrences.none()
    return occurrences, active, invalid


def meeting_months(archive):
    """The months that have meetings (upcoming, or past for the archive), for the month filter."""

    def months():
        occurrences = Occurrence.objects.visible()
        occurrences = occurrences.past() if archive else occurrences.upcoming()
        return [
            (f"{moment:%Y-%m}", date_format(moment, "YEAR_MONTH_FORMAT"))
            for moment in occurrences.datetimes(
                "start", "month", order="DESC" if archive else "ASC", tzinfo=BERLIN
            )
        ]

    return cached(f"meeting-months:{'past' if archive else 'upcoming'}:{get_language()}", months)


def filter_choices(index, archive=False):
    depends_on("topics")
    return {
        "committees": Committee.objects.filter(locale=index.locale).order_by("name"),
        "kinds": CommitteeKind.choices,
        "topics": Topic.objects.filter(locale=index.locale).order_by("name"),
        "places": sorted(set(Venue.objects.values_list("city", flat=True))),
        "months": meeting_months(archive),
    }


@EventIndexPage.route_views.register
def upcoming(index, request):
    return occurrence_list(index, request)


@EventIndexPage.route_views.register
def archive(index, request):
    return occurrence_list(index, request, archive=True)


def occurrence_list(index, request, archive=False):
    occurrences, active, invalid = filter_occurrences(index, request.GET)
    occurrences = occurrences.past() if archive else occurrences.upcoming()
    page_obj = paginate(request, occurrences, PAGE_SIZE)
    meetings = present(page_obj.object_list, request, index.locale)
    return index.render(
        request,
        template="calendar_app/event_index_page.html",
        context_overrides={
            "meetings": meetings,
            "page_obj": page_obj,
            "archive": archive,
            "breadcrumb_extra": (_("Past meetings"), request.path) if archive else None,
            "active": active,
            "invalid_filter": invalid,
            **filter_choices(index, archive),
        },
    )


@EventIndexPage.route_views.register(name="this_month")
@EventIndexPage.route_views.register(name="month")
def month_view(index, request, year=None, month=None):
    today = timezone.localdate()
    if year is None:
        year, month = today.year, today.month
    bounds = month_bounds(year, month)
    if bounds is None:
        raise Http404(_("There is no such month."))
    start, end = bounds
    if start.date() <= today < end.date():
        # "today" is marked in the table: the answer changes at midnight.
        expires_at(
            datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(0), tzinfo=BERLIN)
        )
    # present() reads committees and venues by id; the stored meetings' bookkeeping is not shown.
    occurrences = Occurrence.objects.visible().between(start, end).defer("created_at", "modified_at")
    meetings = present(occurrences.order_by("start", "pk"), request, index.locale, page_fields=LIST_FIELDS)
    month_lines(meetings)
    by_day = {}
    for meeting in meetings:
        day = meeting.start.date()
        last = (meeting.end - datetime.timedelta(seconds=1)).date() if meeting.all_day else meeting.end.date()
        while day <= last:
            by_day.setdefault(day, []).append(meeting)
            day += datetime.timedelta(days=1)
    weeks = [
        [(day, day.month == month, by_day.get(day, [])) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    previous_month = (start - datetime.timedelta(days=1)).date()
    next_month = end.date()
    if month_bounds(previous_month.year, previous_month.month) is None:
        previous_month = None  # no link to a month that does not exist
    if month_bounds(next_month.year, next_month.month) is None:
        next_month = None
    return index.render(
        request,
        template="calendar_app/month.html",
        context_overrides={
            "weeks": weeks,
            "month_start": start.date(),
            "previous_month": previous_month,
            "next_month": next_month,
            "today": today,
            "meetings": meetings,
            "breadcrumb_extra": (date_format(start.date(), "YEAR_MONTH_FORMAT"), request.path),
        },
    )


@EventIndexPage.route_views.register(name="committee")
def committee_view(index, request, slug):
    committee = get_object_or_404(Committee, slug=slug, locale=index.locale)
    occurrences = Occurrence.objects.visible().select_related("committee", "venue").for_committee(committee)
    upcoming = present(occurrences.upcoming()[:20], request, index.locale)
    past = present(occurrences.past()[:10], request, index.locale)
    return index.render(
        request,
        template="calendar_app/committee.html",
        context_overrides={
            "committee": committee,
            "upcoming": upcoming,
            "past": past,
            "breadcrumb_extra": (committee.name, request.path),
        },
    )


def ical_response(calendar_obj, filename):
    response = HttpResponse(calendar_obj.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def localized_series(pages, locale):
    """One page per series: the reader's language where translated, else the original."""
    chosen = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or page.locale_id == locale.pk:
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.pk)


@EventIndexPage.route_views.register(name="ical")
@EventIndexPage.route_views.register(name="committee_ical")
def index_feed(index, request, committee_slug=None):
    depends_on("calendar")  # which series there are
    pages = (
        public(EventPage.objects.live())
        .filter(translation_key__in=visible_series_keys())
        .only("id", "translation_key", "locale", "committee")  # ical.build_calendar reads the rest
    )
    name = index.title
    if committee_slug:
        committee = get_object_or_404(Committee, slug=committee_slug, locale=index.locale)
        pages = pages.filter(committee__translation_key=committee.translation_key)
        name = f"{index.title}: {committee.name}"
    series = localized_series(pages, index.locale)
    return ical_response(
        ical.build_calendar(series, request, name, index.locale), committee_slug or "termine"
    )


@EventPage.route_views.register
def meeting(page, request):
    occurrences = Occurrence.objects.of_series(page.translation_key).select_related("committee", "venue")
    upcoming = present(occurrences.upcoming()[:12], request, page.locale)
    changed = present(
        occurrences.upcoming().exclude(status=OccurrenceStatus.SCHEDULED, change_original_date=None)[:20],
        request,
        page.locale,
    )
    json_ld = event_json_ld(upcoming[0], request) if upcoming else None
    return page.render(
        request,
        context_overrides={
            "upcoming": upcoming,
            "changed": changed,
            "json_ld": json_ld,
            "schedule_text": describe(page.schedule()) if page.is_series else "",
        },
    )


@EventPage.route_views.register(name="ical")
def series_feed(page, request):
    return ical_response(ical.build_calendar([page], request, page.title, page.locale), page.slug)
