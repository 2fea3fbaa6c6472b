"""Expanding a meeting series into occurrences, in Europe/Berlin wall-clock time.

Plain functions without requests or database access, so that they can be read and tested alone.
Recurrence rules come from django-recurrence and are expanded by python-dateutil; what this module
adds is the handling of time zones and dates that the two libraries leave to their callers:

* dtstart is always aware in Europe/Berlin, so that a meeting at 10:00 stays at 10:00 across
  daylight-saving changes (django-recurrence stores DTSTART in UTC, issue 174);
* extra dates (RDATE) and exclusion dates (EXDATE) entered in the editor are *dates*: the widget
  stores them as midnight converted to UTC, which dateutil would never match to a 10:00 occurrence;
* an UNTIL at local midnight means "up to and including that day".
"""

import copy
import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import dateutil.rrule
from dateutil.relativedelta import relativedelta

from core.inputs import FIRST_YEAR, LAST_YEAR

BERLIN = ZoneInfo("Europe/Berlin")
MAX_OCCURRENCES_PER_YEAR = 366  # daily meetings are the most a calendar of committees can mean
# A meeting lasts at most this long (a moved one included). Queries use it as a lower bound on
# the start, so that the index on start is read from about "now" and not from the first meeting
# ever stored: the calendar does not get slower as series age.
MAX_DURATION_DAYS = 14
# The days a series, its rule and its changes may name: the years the archive and the API take. Beyond
# them a rule expanded from year 1 takes seconds per request, and a meeting near 9999 overflows Python's dates.
EARLIEST_DAY = datetime.date(FIRST_YEAR, 1, 1)
LATEST_DAY = datetime.date(LAST_YEAR, 12, 31)
RANGE = {"first": EARLIEST_DAY, "last": LATEST_DAY}  # the parameters of the range problems


def in_range(day):
    """Whether a date (or the date of a date-time) lies between EARLIEST_DAY and LATEST_DAY."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    return EARLIEST_DAY <= day <= LATEST_DAY


ALLOWED_FREQUENCIES = {
    dateutil.rrule.YEARLY,
    dateutil.rrule.MONTHLY,
    dateutil.rrule.WEEKLY,
    dateutil.rrule.DAILY,
}


class Status:
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    MOVED = "moved"


@dataclass(frozen=True)
class Schedule:
    """When a meeting or series takes place; times are Europe/Berlin wall-clock times."""

    start_date: datetime.date
    start_time: datetime.time | None = None  # None for all-day meetings
    end_time: datetime.time | None = None
    duration_days: int = 1
    recurrence: object = None  # a recurrence.Recurrence, '' or None

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def dtstart(self):
        return datetime.datetime.combine(self.start_date, self.start_time or datetime.time(0), tzinfo=BERLIN)

    def moved_span(self, change):
        """Where a moved meeting lies; without a new end time it keeps its length."""
        day = change.new_date or change.original_date
        if change.new_end_time is not None or self.all_day:
            return self.span(day, change.new_start_time, change.new_end_time)
        original_start, original_end = self.span(change.original_date)
        start, _end = self.span(day, change.new_start_time)
        return start, (start.astimezone(datetime.UTC) + (original_end - original_start)).astimezone(BERLIN)

    def span(self, day, start_time=None, end_time=None):
        """Start and end (aware, Berlin) of a meeting that begins on `day`; all-day ends are exclusive.

        A wall-clock time that does not exist (02:30 on the day clocks go forward) is read with the
        offset before the gap, as RFC 5545 says (03:30 summer time); should that make the end come
        before the start, the meeting keeps its length on the clock instead.
        """
        if self.all_day:
            start = datetime.datetime.combine(day, datetime.time(0), tzinfo=BERLIN)
            end = datetime.datetime.combine(
                day + datetime.timedelta(days=self.duration_days), datetime.time(0), tzinfo=BERLIN
            )
            return start, end
        start_time = start_time or self.start_time
        end_time = end_time or self.end_time or start_time
        last_day = day + datetime.timedelta(days=self.duration_days - 1)
        naive_start = datetime.datetime.combine(day, start_time)
        naive_end = datetime.datetime.combine(last_day, end_time)
        start = real(naive_start.replace(tzinfo=BERLIN))
        end = real(naive_end.replace(tzinfo=BERLIN))
        if end <= start < start + (naive_end - naive_start):
            end = real(start.astimezone(datetime.UTC) + (naive_end - naive_start))
        return start, end


@dataclass(frozen=True)
class Change:
    """An editor's change to one occurrence, keyed by the occurrence's original date."""

    original_date: datetime.date
    cancelled: bool = False
    new_date: datetime.date | None = None
    new_start_time: datetime.time | None = None
    new_end_time: datetime.time | None = None
    venue_id: int | None = None
    key: object = None  # identifies the change for the caller (e.g. its database id)

    @property
    def moves(self):
        return self.new_date is not None or self.new_start_time is not None or self.new_end_time is not None


@dataclass(frozen=True)
class Occurrence:
    original_start: datetime.datetime
    start: datetime.datetime
    end: datetime.datetime
    status: str = Status.SCHEDULED
    venue_id: int | None = None
    change: Change | None = field(default=None, compare=False)


def real(moment):
    """The same instant as a normalised Berlin time: a time in the spring gap becomes the time it
    denotes (02:30 -> 03:30 CEST), and the October fold is resolved to the instant it stands for."""
    return moment.astimezone(datetime.UTC).astimezone(BERLIN)


def utc_key(moment):
    """A key for comparing instants across zones: aware datetimes at a fold or in a gap compare
    unequal to the same instant in another zone (PEP 495), so stored and computed starts are
    matched by their UTC value."""
    return moment.astimezone(datetime.UTC)


def in_dst_gap(day, time):
    """Whether `time` does not exist on `day` in Berlin (clocks go forward past it)."""
    naive = datetime.datetime.combine(day, time)
    return real(naive.replace(tzinfo=BERLIN)).replace(tzinfo=None) != naive


def has_recurrence(recurrence):
    """An empty widget saves '', Python's None saves NULL: both mean a single meeting."""
    return bool(recurrence) and bool(
        recurrence.rrules or recurrence.rdates or recurrence.exrules or recurrence.exdates
    )


def local_date(value):
    """The Berlin calendar date of a date or datetime (naive datetimes are taken as UTC, as stored)."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        return value.astimezone(BERLIN).date()
    return value


def normalized_rule(rule):
    """A copy of a django-recurrence rule whose UNTIL is aware; a local midnight means the whole day."""
    rule = copy.copy(rule)
    if rule.until is not None:
        until = (
            rule.until
            if isinstance(rule.until, datetime.datetime)
            else datetime.datetime.combine(rule.until, datetime.time(0))
        )
        if until.tzinfo is None:
            until = until.replace(tzinfo=datetime.UTC)
        until = until.astimezone(BERLIN)
        if until.time() == datetime.time(0):  # a date: the whole day counts
            until = until.replace(hour=23, minute=59, second=59)
        rule.until = until
    return rule


def _rrule(rule, dtstart):
    return normalized_rule(rule).to_dateutil_rrule(dtstart)


def at_start_time(value, dtstart):
    """An extra or excluded date of the editor's, as a start at the series' time of day."""
    return datetime.datetime.combine(local_date(value), dtstart.timetz())


def rruleset(schedule, exclusions=True):
    """A python-dateutil rruleset for the series, with dtstart in Berlin time; None for a single meeting."""
    recurrence = schedule.recurrence
    if not has_recurrence(recurrence):
        return None
    dtstart = schedule.dtstart
    rset = dateutil.rrule.rruleset()
    for rule in recurrence.rrules:
        rset.rrule(_rrule(rule, dtstart))
    rset.rdate(dtstart)  # as in RFC 5545, the first meeting is always one of the series
    for extra in recurrence.rdates:
        rset.rdate(at_start_time(extra, dtstart))
    if exclusions:
        for rule in recurrence.exrules:
            rset.exrule(_rrule(rule, dtstart))
        for excluded in recurrence.exdates:
            rset.exdate(at_start_time(excluded, dtstart))
    return rset


def first_start(schedule):
    """The earliest start of the series: the first meeting, or an extra date before it."""
    dtstart = schedule.dtstart
    if not has_recurrence(schedule.recurrence):
        return dtstart
    return min([dtstart, *(at_start_time(extra, dtstart) for extra in schedule.recurrence.rdates)])


def original_starts(schedule, until, exclusions=True):
    """Every original start from the first meeting up to `until` (inclusive), without a count cap.

    Extra dates before the first meeting count too: in RFC 5545 (and so in every calendar app
    reading the feed) an RDATE belongs to the series wherever it lies.
    """
    dtstart = schedule.dtstart
    rset = rruleset(schedule, exclusions)
    if rset is None:
        return [real(dtstart)] if dtstart <= until else []
    # Normalise through a round trip to Berlin: dateutil keeps the tzinfo object of dtstart,
    # and a wall-clock time that does not exist (02:30 on the day clocks go forward) is moved on.
    return [real(start) for start in rset.between(first_start(schedule), until, inc=True)]


def excluded_starts(schedule, until):
    """Starts that the rules and extra dates give but the series does not have (for iCal EXDATEs).

    Exclusion dates count even beyond `until`, since a feed's RRULE runs on past the horizon.
    """
    if not has_recurrence(schedule.recurrence):
        return []
    actual = {utc_key(start) for start in original_starts(schedule, until)}
    excluded = {
        utc_key(start)
        for start in original_starts(schedule, until, exclusions=False)
        if utc_key(start) not in actual
    }
    dtstart = schedule.dtstart
    excluded |= {utc_key(at_start_time(day, dtstart)) for day in schedule.recurrence.exdates}
    return sorted(start.astimezone(BERLIN) for start in excluded)


def expand(schedule, until, changes=()):
    """The occurrences of a series up to `until`, with the editors' changes applied."""
    by_date = {change.original_date: change for change in changes}
    occurrences = []
    for original in original_starts(schedule, until):
        start, end = schedule.span(original.date())
        change = by_date.get(original.date())
        status, venue_id = Status.SCHEDULED, None
        if change is not None:
            venue_id = change.venue_id
            if change.moves:
                # A moved meeting that is then cancelled is shown as it last stood: its new date and
                # place, marked cancelled (everywhere alike: pages, mails, iCal, OParl).
                start, end = schedule.moved_span(change)
            status = Status.CANCELLED if change.cancelled else Status.MOVED if change.moves else status
        occurrences.append(Occurrence(original, start, end, status, venue_id, change))
    return occurrences


def horizon_end(now, months):
    return now.astimezone(BERLIN) + relativedelta(months=months)


def dst_gap_day(schedule, years=30):
    """The first day on which the meeting would start or end at a time that does not exist
    (between 02:00 and 03:00 when clocks go forward), or None."""
    if schedule.all_day:
        return None
    times = [t for t in (schedule.start_time, schedule.end_time) if t is not None and t.hour == 2]
    if not times:
        return None  # in Berlin the clocks only ever skip the hour from 02:00 to 03:00
    last = schedule.duration_days - 1
    for start in original_starts(schedule, schedule.dtstart + relativedelta(years=years)):
        day = start.date()
        if in_dst_gap(day, schedule.start_time) or in_dst_gap(
            day + datetime.timedelta(days=last), schedule.end_time or schedule.start_time
        ):
            return day
    return None


def rule_problems(schedule):
    """Why a series cannot be saved, as (code, params) pairs for the caller to word; empty if fine."""
    recurrence = schedule.recurrence
    problems = []
    if not in_range(schedule.start_date):
        return [("start_out_of_range", RANGE)]
    if has_recurrence(recurrence):
        rules = [*recurrence.rrules, *recurrence.exrules]
        for rule in rules:
            if rule.freq not in ALLOWED_FREQUENCIES:
                return [("too_frequent", {})]
        named = [*recurrence.rdates, *recurrence.exdates, *(rule.until for rule in rules if rule.until)]
        if not all(in_range(day) for day in named):
            return [("rule_out_of_range", RANGE)]
    gap_day = dst_gap_day(schedule)
    if gap_day is not None:
        problems.append(("dst_gap", {"date": gap_day}))
    if not has_recurrence(recurrence):
        return problems
    dtstart = schedule.dtstart
    for rule in recurrence.rrules:
        # RFC 5545 leaves the set undefined when DTSTART does not match the rule; with COUNT,
        # one client counts the first meeting and another does not.
        if rule.count and next(iter(_rrule(rule, dtstart)), None) != dtstart:
            problems.append(("count_off_pattern", {"date": schedule.start_date}))
    first_year_end = schedule.dtstart + relativedelta(years=1)
    count = len(rruleset(schedule).between(schedule.dtstart, first_year_end, inc=False))
    if count > MAX_OCCURRENCES_PER_YEAR:
        problems.append(("too_many", {"count": count, "max": MAX_OCCURRENCES_PER_YEAR}))
    return problems


def change_problems(schedule, changes, until):
    """Changes that do not fit the series: (index, code, params) for each problem."""
    dates = {start.date() for start in original_starts(schedule, until)}
    freed = {c.original_date for c in changes if c.moves or c.cancelled}  # dates a change vacates
    problems = []
    seen = set()
    for index, change in enumerate(changes):
        if not in_range(change.original_date):
            problems.append((index, "original_out_of_range", RANGE))
            continue
        if change.new_date and not in_range(change.new_date):
            problems.append((index, "new_out_of_range", RANGE))
            continue
        if change.original_date in seen:
            problems.append((index, "duplicate", {"date": change.original_date}))
        seen.add(change.original_date)
        if change.original_date not in dates:
            problems.append((index, "not_an_occurrence", {"date": change.original_date}))
            continue
        if not change.moves:
            continue  # a cancelled meeting that was moved is shown where it was moved to: checked too
        new_start, new_end = schedule.moved_span(change)
        new_day = change.new_date or change.original_date
        if not schedule.all_day and any(
            t is not None and in_dst_gap(new_day, t) for t in (change.new_start_time, change.new_end_time)
        ):
            problems.append((index, "dst_gap", {"date": new_day}))
        elif (new_start, new_end) == schedule.span(change.original_date):
            problems.append((index, "moved_to_itself", {"date": change.original_date}))
        elif new_end <= new_start:
            problems.append((index, "end_before_start", {"date": change.original_date}))
        elif new_end - new_start > datetime.timedelta(days=MAX_DURATION_DAYS):
            problems.append((index, "too_long", {"max": MAX_DURATION_DAYS}))
        elif (
            not change.cancelled
            and change.new_date
            and change.new_date != change.original_date
            and change.new_date in dates - freed
        ):
            problems.append((index, "collides", {"date": change.new_date}))
    return problems
