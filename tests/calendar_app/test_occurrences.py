"""Expanding meeting series: wall-clock times across daylight saving, no count cap, exceptions."""

import datetime
from zoneinfo import ZoneInfo

import dateutil.rrule
import pytest
import recurrence
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendar_app import expansion
from calendar_app.models import EventPage, Occurrence
from calendar_app.occurrence_table import rebuild_series
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


def local(value):
    return value.astimezone(BERLIN)


def test_weekly_meeting_keeps_its_wall_clock_time_across_both_dst_changes():
    schedule = expansion.Schedule(
        start_date=datetime.date(2026, 3, 17),  # a Tuesday before the spring change (29 March)
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 0),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)]),
    )
    until = datetime.datetime(2026, 11, 10, tzinfo=BERLIN)
    starts = expansion.original_starts(schedule, until)
    assert {(local(s).hour, local(s).minute) for s in starts} == {(10, 0)}
    offsets = {local(s).utcoffset() for s in starts}
    assert offsets == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}
    by_date = {local(s).date(): s for s in starts}
    assert by_date[datetime.date(2026, 3, 24)].astimezone(datetime.UTC).hour == 9  # CET
    assert by_date[datetime.date(2026, 3, 31)].astimezone(datetime.UTC).hour == 8  # CEST
    assert by_date[datetime.date(2026, 10, 27)].astimezone(datetime.UTC).hour == 9  # CET again


def test_old_weekly_series_has_every_future_date_up_to_the_horizon_without_a_cap():
    schedule = expansion.Schedule(
        start_date=datetime.date(2018, 1, 2),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(11, 0),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)]),
    )
    until = datetime.datetime(2028, 11, 25, 23, 59, tzinfo=BERLIN)
    starts = expansion.original_starts(schedule, until)
    expected_weeks = (datetime.date(2028, 11, 21) - datetime.date(2018, 1, 2)).days // 7 + 1
    assert len(starts) == expected_weeks > 500
    assert local(starts[-1]).date() == datetime.date(2028, 11, 21)


def test_exclusion_and_extra_dates_are_dates_whatever_time_the_widget_stored():
    # The widget stores dates as midnight converted to UTC, i.e. 23:00 the day before.
    rule = recurrence.Recurrence(
        rrules=[recurrence.Rule(recurrence.MONTHLY, byday=[recurrence.MO(1)])],
        exdates=[datetime.datetime(2026, 2, 1, 23, 0, tzinfo=datetime.UTC)],  # 2 February in Berlin
        rdates=[datetime.datetime(2026, 2, 15, 23, 0, tzinfo=datetime.UTC)],  # 16 February in Berlin
    )
    schedule = expansion.Schedule(
        datetime.date(2026, 1, 5), datetime.time(10, 0), datetime.time(12, 0), 1, rule
    )
    starts = expansion.original_starts(schedule, datetime.datetime(2026, 3, 31, tzinfo=BERLIN))
    assert [(local(s).date(), local(s).hour) for s in starts] == [
        (datetime.date(2026, 1, 5), 10),
        (datetime.date(2026, 2, 16), 10),
        (datetime.date(2026, 3, 2), 10),
    ]


def test_until_at_local_midnight_includes_that_day():
    rule = recurrence.Rule(
        recurrence.WEEKLY, until=datetime.datetime(2026, 1, 19, 23, 0, tzinfo=datetime.UTC)
    )
    schedule = expansion.Schedule(
        datetime.date(2026, 1, 6),
        datetime.time(10, 0),
        datetime.time(11, 0),
        1,
        recurrence.Recurrence(rrules=[rule]),
    )
    starts = expansion.original_starts(schedule, datetime.datetime(2026, 12, 31, tzinfo=BERLIN))
    assert [local(s).date().day for s in starts] == [6, 13, 20]


def test_two_day_and_all_day_meetings_span_their_days():
    two_day = expansion.Schedule(datetime.date(2026, 5, 6), datetime.time(14, 0), datetime.time(13, 0), 2)
    start, end = two_day.span(datetime.date(2026, 5, 6))
    assert (start.isoformat(), end.isoformat()) == ("2026-05-06T14:00:00+02:00", "2026-05-07T13:00:00+02:00")
    all_day = expansion.Schedule(datetime.date(2026, 5, 6), None, None, 2)
    start, end = all_day.span(datetime.date(2026, 5, 6))
    assert (start.isoformat(), end.isoformat()) == ("2026-05-06T00:00:00+02:00", "2026-05-08T00:00:00+02:00")


def test_changes_cancel_and_move_single_meetings():
    schedule = expansion.Schedule(
        datetime.date(2026, 1, 6),
        datetime.time(10, 0),
        datetime.time(12, 0),
        1,
        recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=3)]),
    )
    changes = [
        expansion.Change(datetime.date(2026, 1, 13), cancelled=True),
        expansion.Change(
            datetime.date(2026, 1, 20),
            new_date=datetime.date(2026, 1, 22),
            new_start_time=datetime.time(14, 0),
        ),
    ]
    result = expansion.expand(schedule, datetime.datetime(2026, 12, 31, tzinfo=BERLIN), changes)
    assert [(o.status, local(o.start).isoformat(), local(o.original_start).date().day) for o in result] == [
        ("scheduled", "2026-01-06T10:00:00+01:00", 6),
        ("cancelled", "2026-01-13T10:00:00+01:00", 13),
        ("moved", "2026-01-22T14:00:00+01:00", 20),
    ]
    assert local(result[2].end).isoformat() == "2026-01-22T16:00:00+01:00"  # keeps its two hours


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        (recurrence.Rule(recurrence.HOURLY), "too_frequent"),
        (recurrence.Rule(recurrence.DAILY, byhour=[9, 10]), "too_many"),
    ],
)
def test_rules_that_would_explode_are_refused(rule, code):
    schedule = expansion.Schedule(
        datetime.date(2026, 1, 6),
        datetime.time(10, 0),
        datetime.time(11, 0),
        1,
        recurrence.Recurrence(rrules=[rule]),
    )
    assert [problem for problem, _params in expansion.rule_problems(schedule)] == [code]


def test_daily_meetings_are_allowed():
    schedule = expansion.Schedule(
        datetime.date(2026, 1, 6),
        datetime.time(10, 0),
        datetime.time(11, 0),
        1,
        recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.DAILY)]),
    )
    assert expansion.rule_problems(schedule) == []


FREQUENCIES = {"weekly": recurrence.WEEKLY, "monthly": recurrence.MONTHLY, "yearly": recurrence.YEARLY}
DATEUTIL = {
    "weekly": dateutil.rrule.WEEKLY,
    "monthly": dateutil.rrule.MONTHLY,
    "yearly": dateutil.rrule.YEARLY,
}


@st.composite
def series(draw):
    freq = draw(st.sampled_from(sorted(FREQUENCIES)))
    interval = draw(st.integers(1, 3))
    start = draw(st.dates(datetime.date(2019, 1, 1), datetime.date(2027, 12, 31)))
    hour = draw(st.sampled_from([0, 2, 3, 9, 10, 13, 19, 23]))  # 2 and 3 o'clock touch the DST gaps
    minute = draw(st.sampled_from([0, 30]))
    skip = draw(st.sets(st.integers(1, 40), max_size=4))
    return freq, interval, start, datetime.time(hour, minute), skip


def dateutil_expansion(freq, interval, start, time, until, excluded_dates):
    """The reference: python-dateutil over naive wall-clock times, localised to Berlin afterwards."""
    naive = dateutil.rrule.rrule(
        DATEUTIL[freq], interval=interval, dtstart=datetime.datetime.combine(start, time)
    )
    result = []
    for moment in naive.between(datetime.datetime.combine(start, time), until.replace(tzinfo=None), inc=True):
        if moment.date() in excluded_dates:
            continue
        aware = moment.replace(tzinfo=BERLIN).astimezone(datetime.UTC)
        result.append(aware)
    return result


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=series())
def test_stored_occurrences_equal_dateutil_expansion_in_berlin(site, spec):
    freq, interval, start, time, skip = spec
    until = expansion.horizon_end(datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC), 24)
    reference_all = dateutil_expansion(freq, interval, start, time, until, set())
    exdates = [reference_all[i].astimezone(BERLIN).date() for i in sorted(skip) if i < len(reference_all)]
    rule = recurrence.Recurrence(
        rrules=[recurrence.Rule(FREQUENCIES[freq], interval=interval)],
        exdates=[
            datetime.datetime.combine(d, datetime.time(0), tzinfo=BERLIN).astimezone(datetime.UTC)
            for d in exdates
        ],
    )
    index = getattr(site, "events", None) or factories.make_events_index(site, translate_to_english=False)
    site.events = index
    committee = getattr(site, "committee", None) or factories.make_committee(site, translate_to_english=False)
    site.committee = committee
    page = factories.make_series(
        index,
        committee,
        title="Serie",
        slug=f"serie-{Occurrence.objects.count()}-{start}",
        rule=rule,
        start_date=start,
        start_time=(10, 0),
        end_time=(23, 59),
    )
    # The time is set behind the editor's back: the editor refuses times the spring change skips,
    # and storage must still handle series saved before that check (and give them their length).
    EventPage.objects.filter(pk=page.pk).update(start_time=time)
    rebuild_series(page.translation_key, now=datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC))
    stored = list(
        Occurrence.objects.filter(translation_key=page.translation_key)
        .order_by("original_start")
        .values_list("original_start", flat=True)
    )
    expected = dateutil_expansion(freq, interval, start, time, until, set(exdates))
    # Wall-clock times that do not exist (02:xx on the spring change) move on by the DST gap in both.
    assert [s.astimezone(BERLIN).replace(tzinfo=None) for s in stored] == [
        e.astimezone(BERLIN).replace(tzinfo=None) for e in expected
    ]
    assert len(stored) == len(expected)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (expansion.Change(datetime.date(2026, 1, 7), cancelled=True), "not_an_occurrence"),
        (
            expansion.Change(datetime.date(2026, 1, 13), new_date=datetime.date(2026, 1, 13)),
            "moved_to_itself",
        ),
        (expansion.Change(datetime.date(2026, 1, 13), new_date=datetime.date(2026, 1, 20)), "collides"),
        (expansion.Change(datetime.date(2026, 1, 13), new_end_time=datetime.time(9, 0)), "end_before_start"),
    ],
)
def test_changes_that_do_not_fit_the_series_are_named(change, code):
    schedule = expansion.Schedule(
        datetime.date(2026, 1, 6),
        datetime.time(10, 0),
        datetime.time(12, 0),
        1,
        recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=4)]),
    )
    problems = expansion.change_problems(schedule, [change], datetime.datetime(2026, 12, 31, tzinfo=BERLIN))
    assert [problem for _index, problem, _params in problems] == [code]


def test_a_move_onto_a_date_that_another_change_vacates_is_fine():
    schedule = expansion.Schedule(
        datetime.date(2026, 1, 6),
        datetime.time(10, 0),
        datetime.time(12, 0),
        1,
        recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=4)]),
    )
    changes = [
        expansion.Change(datetime.date(2026, 1, 13), new_date=datetime.date(2026, 1, 20)),
        expansion.Change(datetime.date(2026, 1, 20), cancelled=True),
    ]
    assert expansion.change_problems(schedule, changes, datetime.datetime(2026, 12, 31, tzinfo=BERLIN)) == []
