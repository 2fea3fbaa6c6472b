"""A meeting series in words, in the active language: "Jeden ersten Montag im Monat, 10:00 bis 12:00
Uhr, ab 6. Mai 2024" / "Every first Monday of the month, 10:00 to 12:00, from 6 May 2024"; and one
meeting's time span (`meeting_span`), the one wording of it in every mail, page and list.

Shown on the meeting page and beside the recurrence editor. Plain functions over the schedule, so
that they can be tested without a request. Only the rule shapes the editor can build are worded;
anything else falls back to "repeats by a rule" with the dates listed next to it.
"""

import datetime

from dateutil import rrule as du
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, time_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import expansion


def long_date(day):
    # Translators: a date without the weekday, as in "from 6 May 2024" (PHP-style format characters)
    return date_format(day, _("j F Y"))


def ordinal(position):
    return {
        1: _("first"),
        2: _("second"),
        3: _("third"),
        4: _("fourth"),
        5: _("fifth"),
        -1: _("last"),
        -2: _("second to last"),
    }.get(position, str(position))


def _weekday(day):
    """A django-recurrence Weekday (or a weekday number, Monday 0) by name."""
    return str(WEEKDAYS[getattr(day, "number", day)])


def rule_words(rule, dtstart):
    """One rule (a django-recurrence Rule) in words, without times and dates."""
    interval = rule.interval or 1
    days = list(rule.byday or [])
    if rule.freq == du.DAILY:
        if interval == 1:
            return _("Every day")
        return _("Every %(n)s days") % {"n": interval}
    if rule.freq == du.WEEKLY:
        names = get_text_list([_weekday(d) for d in days] or [_weekday(dtstart.weekday())], _("and"))
        if interval == 1:
            return _("Every %(days)s") % {"days": names}
        return _("Every %(n)s weeks on %(days)s") % {"n": interval, "days": names}
    if rule.freq == du.MONTHLY:
        positioned = [d for d in days if getattr(d, "index", None)]
        if positioned and len(positioned) == len(days):
            what = get_text_list([f"{ordinal(d.index)} {_weekday(d)}" for d in positioned], _("and"))
            if interval == 1:
                return _("Every %(which)s of the month") % {"which": what}
            return _("Every %(n)s months on the %(which)s") % {"n": interval, "which": what}
        monthdays = list(rule.bymonthday or []) or ([] if days else [dtstart.day])
        if monthdays and not days:
            which = get_text_list([_("last day") if d == -1 else f"{d}." for d in monthdays], _("and"))
            if interval == 1:
                return _("Monthly on the %(which)s") % {"which": which}
            return _("Every %(n)s months on the %(which)s") % {"n": interval, "which": which}
    if rule.freq == du.YEARLY and not days:
        day = date_format(dtstart, "MONTH_DAY_FORMAT")
        if interval == 1:
            return _("Every year on %(day)s") % {"day": day}
        return _("Every %(n)s years on %(day)s") % {"n": interval, "day": day}
    return _("Repeats by a rule")


def times_words(schedule):
    if schedule.all_day:
        if schedule.duration_days > 1:
            return _("all day, %(days)s days") % {"days": schedule.duration_days}
        return _("all day")
    start = time_format(schedule.start_time, "TIME_FORMAT")
    if schedule.end_time is None:
        return _("from %(start)s o'clock") % {"start": start}
    end = time_format(schedule.end_time, "TIME_FORMAT")
    if schedule.duration_days > 1:
        return _("%(days)s days, from %(start)s on the first day until %(end)s on the last") % {
            "days": schedule.duration_days,
            "start": start,
            "end": end,
        }
    return _("%(start)s to %(end)s o'clock") % {"start": start, "end": end}


def describe(schedule):
    """The whole series in one sentence; a single meeting as its date and times."""
    dtstart = schedule.dtstart
    recurrence = schedule.recurrence
    if not expansion.has_recurrence(recurrence) or not recurrence.rrules:
        return f"{long_date(schedule.start_date)}, {times_words(schedule)}"
    parts = [get_text_list([rule_words(rule, dtstart) for rule in recurrence.rrules], _("and"))]
    parts.append(times_words(schedule))
    parts.append(_("from %(date)s") % {"date": long_date(schedule.start_date)})
    rule = recurrence.rrules[0]
    if rule.count:
        parts.append(ngettext("%(count)s time", "%(count)s times", rule.count) % {"count": rule.count})
    elif rule.until:
        until = expansion.normalized_rule(rule).until
        parts.append(_("until %(date)s") % {"date": long_date(until.date())})
    sentence = ", ".join(parts)
    extra = len(recurrence.rdates)
    excluded = len(recurrence.exdates) + len(recurrence.exrules)
    if extra:
        sentence += " " + ngettext("(and %(n)s extra date)", "(and %(n)s extra dates)", extra) % {"n": extra}
    if excluded:
        sentence += " " + ngettext("(%(n)s exception)", "(%(n)s exceptions)", excluded) % {"n": excluded}
    return sentence


def meeting_span(start, end, all_day):
    """One meeting from its first to its last day, in words: "Montag, 10. Mai 2027, 14:00 bis 17:00
    Uhr"; over two days "Montag, 10. Mai 2027, 14:00 Uhr, bis Dienstag, 11. Mai 2027, 13:00 Uhr";
    all day "Montag, 10. Mai 2027, ganztägig" (an all-day meeting's end is the next day's midnight)."""
    start = timezone.localtime(start)
    end = timezone.localtime(end) if end is not None else None
    first = date_format(start, "DATE_FORMAT")
    if all_day:
        last_day = (end - datetime.timedelta(days=1)).date() if end is not None else start.date()
        if last_day <= start.date():
            return _("%(date)s, all day") % {"date": first}
        return _("%(first)s, to %(last)s, all day") % {
            "first": first,
            "last": date_format(last_day, "DATE_FORMAT"),
        }
    if end is None or end == start:
        return _("%(date)s, from %(start)s o'clock") % {
            "date": first,
            "start": time_format(start, "TIME_FORMAT"),
        }
    if end.date() == start.date():
        return _("%(date)s, %(start)s to %(end)s") % {
            "date": first,
            "start": time_format(start, "TIME_FORMAT"),
            "end": time_format(end, "TIME_FORMAT"),
        }
    return _("%(first)s, %(start)s o'clock, to %(last)s, %(end)s o'clock") % {
        "first": first,
        "start": time_format(start, "TIME_FORMAT"),
        "last": date_format(end, "DATE_FORMAT"),
        "end": time_format(end, "TIME_FORMAT"),
    }


def end_after_change(schedule, change):
    """Where a change to one meeting puts the meeting's end, for the office beside the change's fields
    before it is saved: "Ende danach: Dienstag, 11. Mai 2027, 13:00 Uhr". A new start without a new
    end keeps the meeting's length, as Outlook does: a two-day meeting's end moves by as much as its
    start. Empty when the change moves nothing, cancels the meeting, or names a date out of range."""
    if not change.moves or change.cancelled:
        return ""
    if not (
        expansion.in_range(change.original_date)
        and expansion.in_range(change.new_date or change.original_date)
    ):
        return ""
    _start, end = schedule.moved_span(change)
    end = end.astimezone(expansion.BERLIN)
    if schedule.all_day:  # an all-day meeting ends at the next day's midnight: its last day is the one before
        text = date_format(end.date() - datetime.timedelta(days=1), "DATE_FORMAT")
    else:
        text = _("%(date)s, %(time)s o'clock") % {
            "date": date_format(end.date(), "DATE_FORMAT"),
            "time": time_format(end.time(), "TIME_FORMAT"),
        }
    return _("Ends then: %(end)s") % {"end": text}


def next_dates(schedule, changes=(), count=10, now=None):
    """The next `count` meetings as (start, end, status, original start), changes applied."""
    now = now or datetime.datetime.now(expansion.BERLIN)
    until = now + datetime.timedelta(days=366 * 5)
    upcoming = [o for o in expansion.expand(schedule, until, changes) if o.end >= now]
    return upcoming[:count]
