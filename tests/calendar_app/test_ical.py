"""iCal feeds as a calendar client reads them: expanded by recurring-ical-events, compared with the site."""

import datetime

import icalendar
import pytest
import recurrence
import recurring_ical_events
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone

from calendar_app import expansion
from calendar_app.models import Occurrence, OccurrenceChange
from tests import factories


@pytest.fixture
def feeds(site):
    index = factories.make_events_index(site)
    committee = factories.make_committee(site)
    venue = factories.make_venue(site)
    today = timezone.localdate()
    monthly = factories.make_series(
        index,
        committee,
        "Monatssitzung",
        rule=recurrence.Recurrence(
            rrules=[recurrence.Rule(recurrence.MONTHLY, byday=[recurrence.TU(2)])],
            exdates=[datetime.datetime(2026, 8, 11, tzinfo=expansion.BERLIN)],
        ),
        start_date=datetime.date(2024, 1, 9),
        venue=venue,
    )
    upcoming = [
        o.original_start
        for o in Occurrence.objects.filter(translation_key=monthly.translation_key).upcoming()[:3]
    ]
    monthly.changes.add(
        OccurrenceChange(original_date=timezone.localtime(upcoming[0]).date(), cancelled=True)
    )
    moved_from = timezone.localtime(upcoming[1]).date()
    monthly.changes.add(
        OccurrenceChange(
            original_date=moved_from,
            new_date=moved_from + datetime.timedelta(days=1),
            new_start_time=datetime.time(14, 0),
        )
    )
    monthly.save_revision().publish()
    two_day = factories.make_series(
        index,
        committee,
        "Klausur",
        start_date=today + datetime.timedelta(days=30),
        start_time=None,
        end_time=None,
        duration_days=2,
    )
    weekly_online = factories.make_series(
        index,
        committee,
        "Telefonkonferenz",
        rule=recurrence.Rule(recurrence.WEEKLY, interval=2),
        start_date=datetime.date(2025, 3, 7),
        start_time=(9, 30),
        end_time=(10, 0),
        online_mode="phone",
    )
    return factories.SimpleNamespace(
        site=site, index=index, committee=committee, monthly=monthly, two_day=two_day, weekly=weekly_online
    )


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def window():
    now = timezone.now()
    return now - datetime.timedelta(days=800), expansion.horizon_end(now, settings.CALENDAR_HORIZON_MONTHS)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/de/termine/ical/", "/en/events/ical/", "/de/termine/gremium/ag-soziales/ical/"]
)
def test_feed_expanded_by_a_client_equals_the_stored_occurrences(client, feeds, path):
    calendar = parse(client.get(path))
    start, end = window()
    client_view = sorted(
        (str(event.decoded("dtstart")), str(event.get("status", "CONFIRMED")))
        for event in recurring_ical_events.of(calendar).between(start, end)
    )
    site_view = []
    for occurrence in Occurrence.objects.filter(start__lt=end, end__gt=start):
        local = timezone.localtime(occurrence.start)
        moment = local.date() if occurrence.all_day else local
        site_view.append((str(moment), "CANCELLED" if occurrence.status == "cancelled" else "CONFIRMED"))
    assert len(client_view) == len(site_view) > 50
    assert client_view == sorted(site_view)


@pytest.mark.django_db
def test_feed_keeps_wall_clock_time_and_uses_a_compact_berlin_timezone(client, feeds):
    calendar = parse(client.get(feeds.weekly.url + "ical/"))
    timezones = calendar.walk("VTIMEZONE")
    assert len(timezones) == 1 and timezones[0]["TZID"] == "Europe/Berlin"
    assert len(timezones[0].subcomponents) == 2  # one STANDARD, one DAYLIGHT rule, not every transition
    starts = [
        e.decoded("dtstart")
        for e in recurring_ical_events.of(calendar).between(
            datetime.date(2026, 3, 1), datetime.date(2026, 11, 30)
        )
    ]
    assert {(s.hour, s.minute) for s in starts} == {(9, 30)}
    assert {s.utcoffset() for s in starts} == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["LOCATION"] == "Telefonkonferenz"


@pytest.mark.django_db
def test_changes_become_overrides_and_cancellations_stay_visible(client, feeds):
    calendar = parse(client.get(feeds.monthly.url + "ical/"))
    events = calendar.walk("VEVENT")
    uids = {str(e["UID"]) for e in events}
    assert len(uids) == 1
    overrides = [e for e in events if "RECURRENCE-ID" in e]
    assert sorted(str(e["STATUS"]) for e in overrides) == ["CANCELLED", "CONFIRMED"]
    moved = next(e for e in overrides if str(e["STATUS"]) == "CONFIRMED")
    assert moved.decoded("dtstart").hour == 14
    assert moved.decoded("dtstart").date() == moved.decoded("recurrence-id").date() + datetime.timedelta(
        days=1
    )
    series = next(e for e in events if "RRULE" in e)
    assert datetime.datetime(2026, 8, 11, 10, 0, tzinfo=expansion.BERLIN) in [
        d.dt for d in series["EXDATE"].dts
    ]


@pytest.mark.django_db
def test_all_day_two_day_meeting_uses_dates(client, feeds):
    event = parse(client.get(feeds.two_day.url + "ical/")).walk("VEVENT")[0]
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(days=2)


@pytest.mark.django_db
def test_uid_is_stable_and_sequence_rises_when_the_series_changes(client, feeds):
    first = parse(client.get(feeds.monthly.url + "ical/")).walk("VEVENT")[0]
    feeds.monthly.start_time = datetime.time(11, 0)
    feeds.monthly.end_time = datetime.time(13, 0)
    feeds.monthly.save_revision().publish()
    second = parse(client.get(feeds.monthly.url + "ical/")).walk("VEVENT")[0]
    assert second["UID"] == first["UID"]
    assert int(second["SEQUENCE"]) == int(first["SEQUENCE"]) + 1
    assert second.decoded("dtstart").hour == 11


@pytest.mark.django_db
def test_feeds_are_discoverable_and_subscribable(client, feeds):
    for path in ("/de/termine/", feeds.monthly.url, "/de/termine/gremium/ag-soziales/"):
        page = BeautifulSoup(client.get(path).content, "html.parser")
        link = page.find("link", type="text/calendar")["href"]
        assert client.get(link).status_code == 200
        assert page.find("a", href=lambda href: href and href.startswith("webcal://testserver/")) is not None
