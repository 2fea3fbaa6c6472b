"""iCalendar feeds built with the icalendar library: one VEVENT per series with its rules,
overrides for moved and changed meetings, STATUS:CANCELLED for cancelled ones."""

import datetime

import recurrence
from django.utils import timezone, translation
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur, vText

from core.cache import cached_many, depends_on
from core.request_memo import active_locale, default_locale

from . import expansion
from .models import EventPage, Occurrence, OccurrenceStatus, SeriesState
from .presentation import online_label, present


def one_line(value):
    """Text for a one-line property: line breaks and other control characters become spaces.

    A title or name that came in with a line break (pasted, or sent by a hand-made request) must
    not break the feed; icalendar refuses unescaped line breaks in properties it does not type.
    """
    return " ".join("".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in str(value)).split())


def berlin_vtimezone():
    """A compact VTIMEZONE with the current EU rules, as calendar clients expect.

    icalendar's add_missing_timezones() would list every transition from 1970 to 2038.
    """
    tz = Timezone()
    tz.add("tzid", "Europe/Berlin")
    tz.add("x-lic-location", "Europe/Berlin")
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("dtstart", datetime.datetime(1981, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=1))
    daylight.add("tzoffsetto", datetime.timedelta(hours=2))
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("dtstart", datetime.datetime(1996, 10, 27, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    standard.add("tzoffsetfrom", datetime.timedelta(hours=2))
    standard.add("tzoffsetto", datetime.timedelta(hours=1))
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def _value(moment, all_day):
    return (
        timezone.localtime(moment, expansion.BERLIN).date()
        if all_day
        else moment.astimezone(expansion.BERLIN)
    )


def _rrules(schedule, cap=None):
    """The series' RRULEs as icalendar values.

    An all-day series has a DATE DTSTART, so its UNTIL must be a DATE too (RFC 5545 3.3.10);
    a timed one gets UNTIL in UTC. With `cap`, no rule runs beyond that moment.
    """
    for rule in schedule.recurrence.rrules:
        rule = expansion.normalized_rule(rule)
        if cap is not None and rule.count:
            last = list(rule.to_dateutil_rrule(schedule.dtstart))[-1]
            if last > cap:
                rule.count, rule.until = None, cap
        elif cap is not None and (rule.until is None or rule.until > cap):
            rule.until = cap
        text = recurrence.serialize(rule)  # "RRULE:FREQ=...;UNTIL=...Z"
        value = vRecur.from_ical(text.split(":", 1)[1])
        if rule.until is not None:
            until = rule.until.astimezone(expansion.BERLIN)
            value["UNTIL"] = [until.date() if schedule.all_day else until.astimezone(datetime.UTC)]
        yield value


def _place(meeting_or_page_venue, online_label):
    parts = [part for part in (meeting_or_page_venue, online_label) if part]
    return " / ".join(parts)


def _series_event(page, source, state, uid, url, now):
    schedule = source.schedule()
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("sequence", state.sequence if state else 0)
    if state:
        event.add("last-modified", state.updated_at)
    event.add("summary", one_line(page.title))
    event.add("url", url)
    start, end = schedule.span(schedule.start_date)
    event.add("dtstart", _value(start, schedule.all_day))
    event.add("dtend", _value(end, schedule.all_day))
    event.add("status", "CONFIRMED")
    if page.search_description:
        event.add("description", page.search_description)
    if expansion.has_recurrence(schedule.recurrence):
        # Exclusion rules (EXRULE) are deprecated in RFC 5545 and most calendar apps ignore them;
        # the feed gives their dates as EXDATEs, which exist only as far as the series is stored,
        # so the series ends there in the feed too, and moves on as the daily job extends it.
        cap = state.stored_until if state and schedule.recurrence.exrules else None
        for rule in _rrules(schedule, cap):
            event.add("rrule", rule)
        dtstart = schedule.dtstart
        extras = [expansion.at_start_time(d, dtstart) for d in schedule.recurrence.rdates]
        if extras:
            event.add("rdate", [_value(d, schedule.all_day) for d in extras])
        # Exclusion dates and rules as EXDATEs, computed when the series was last stored.
        excluded = [
            datetime.datetime.fromisoformat(value) for value in (state.excluded_starts if state else [])
        ]
        if excluded:
            event.add("exdate", [_value(d, schedule.all_day) for d in excluded])
    return event


def _override(meeting, uid, url, state, now, series_has_rule):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("sequence", state.sequence if state else 0)
    if series_has_rule:
        event.add("recurrence-id", _value(meeting.occurrence.original_start, meeting.all_day))
    event.add("summary", one_line(meeting.title))
    event.add("url", url)
    event.add("dtstart", _value(meeting.occurrence.start, meeting.all_day))
    event.add("dtend", _value(meeting.occurrence.end, meeting.all_day))
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    if meeting.place:
        event.add("location", one_line(meeting.place))
    if meeting.note:
        event.add("description", meeting.note)
    return event


class AssembledCalendar:
    """A feed assembled from the series' kept VEVENT blocks, with icalendar's `to_ical()`."""

    def __init__(self, data):
        self.data = data

    def to_ical(self):
        return self.data


def build_calendar(pages, request, name, locale=None, visible_keys=None):
    """A subscribable calendar of the given series (pages in the reader's language).

    Each series' VEVENTs (the series with its rules and its moved and cancelled meetings) are one
    block kept with that series' tags, and the feed is its header and the blocks in order: a changed
    series serialises one block again, not the 500 others.
    """
    locale = locale or active_locale()
    # What the answer shows: one series, or which series there are (every series' change says
    # "calendar"; 500 series' own tags would not fit a frontend cache's header).
    depends_on(
        "calendar:names", *([f"series:{pages[0].translation_key}"] if len(pages) == 1 else ["calendar"])
    )
    cal = Calendar()
    cal.add("prodid", "-//Staedtetag//Termine//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(one_line(name)))  # an X- property is not escaped unless typed
    cal.add("x-wr-timezone", "Europe/Berlin")
    cal.add("refresh-interval;value=duration", "PT6H")
    cal.add_component(berlin_vtimezone())
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    host = request.get_host().split(":")[0]
    audience = "members" if visible_keys is not None else "public"
    key_of = {
        f"ical:{page.translation_key}:{page.pk}:{locale.language_code}:{audience}:{request.scheme}://{host}": page
        for page in pages
    }

    def missing_blocks(keys):
        # The pages may be read light (a feed of 500 series mostly assembles kept blocks): a block
        # that must be serialised again reads its page whole.
        wanted = [key_of[key].pk for key in keys]
        full = (
            EventPage.objects.filter(pk__in=wanted).select_related("locale", "committee", "venue").in_bulk()
        )
        return _series_blocks([full[pk] for pk in wanted], keys, request, locale, visible_keys)

    blocks = cached_many(list(key_of), missing_blocks)
    return AssembledCalendar(head[: -len(end)] + b"".join(blocks[key] for key in key_of) + end)


def _series_blocks(pages, keys, request, locale, visible_keys):
    """{key: (the series' VEVENTs as iCalendar bytes, its tags)} for these series, in one go."""
    now = timezone.now()
    series_keys = [page.translation_key for page in pages]
    default = default_locale()
    sources = {
        p.translation_key: p
        for p in EventPage.objects.live().filter(translation_key__in=series_keys, locale=default)
    }
    states = {s.translation_key: s for s in SeriesState.objects.filter(translation_key__in=series_keys)}
    special = (
        Occurrence.objects.filter(translation_key__in=series_keys)
        .exclude(status=OccurrenceStatus.SCHEDULED, change_original_date=None)
        .select_related("committee", "venue")
        .order_by("start")
    )
    overrides = {}
    for meeting in present(special, request, locale, visible_keys=visible_keys):
        overrides.setdefault(meeting.occurrence.translation_key, []).append(meeting)
    host = request.get_host().split(":")[0]
    blocks = {}
    for key, page in zip(keys, pages, strict=True):
        source = sources.get(page.translation_key, page)
        uid = f"{page.translation_key}@{host}"
        url = request.build_absolute_uri(page.get_url(request))
        state = states.get(page.translation_key)
        event = _series_event(page, source, state, uid, url, now)
        series_has_rule = expansion.has_recurrence(source.recurrence)
        page_meetings = overrides.get(page.translation_key, [])
        components = []
        if not series_has_rule and page_meetings:
            # A single meeting that was moved or cancelled: the one VEVENT says so itself.
            components.append(_override(page_meetings[0], uid, url, state, now, False))
        else:
            with translation.override(locale.language_code):
                place = _place(page.venue.label if page.venue else "", online_label(page.online_mode))
            if place:
                event.add("location", one_line(place))
            components.append(event)
            components.extend(_override(meeting, uid, url, state, now, True) for meeting in page_meetings)
        tags = {f"series:{page.translation_key}", f"page:{page.pk}", "calendar:names"}
        blocks[key] = (b"".join(component.to_ical() for component in components), tags)
    return blocks


def recurrence_text(page):
    """The series' schedule as RFC 5545 lines with a Europe/Berlin DTSTART (django-recurrence writes UTC)."""
    schedule = page.schedule()
    event = Event()
    start, _end = schedule.span(schedule.start_date)
    event.add("dtstart", _value(start, schedule.all_day))
    if expansion.has_recurrence(schedule.recurrence):
        for rule in _rrules(schedule):
            event.add("rrule", rule)
        dtstart = schedule.dtstart
        if schedule.recurrence.rdates:
            event.add(
                "rdate",
                [
                    _value(expansion.at_start_time(d, dtstart), schedule.all_day)
                    for d in schedule.recurrence.rdates
                ],
            )
        if schedule.recurrence.exdates:
            event.add(
                "exdate",
                [
                    _value(expansion.at_start_time(d, dtstart), schedule.all_day)
                    for d in schedule.recurrence.exdates
                ],
            )
    lines = event.to_ical().decode().replace("\r\n ", "").split("\r\n")
    return "\n".join(
        line for line in lines if line.split(":")[0].split(";")[0] in {"DTSTART", "RRULE", "RDATE", "EXDATE"}
    )
