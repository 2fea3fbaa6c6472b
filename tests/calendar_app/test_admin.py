"""Editors manage meetings in the German admin: the recurrence widget, validation, changes."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from calendar_app.models import EventPage, Occurrence
from tests import factories


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def setup(site):
    return factories.SimpleNamespace(
        site=site,
        index=factories.make_events_index(site),
        committee=factories.make_committee(site),
        venue=factories.make_venue(site),
    )


def meeting_form(setup, changes=(), **overrides):
    data = {
        "title": "Sitzung der AG Soziales",
        "slug": "sitzung",
        "committee": str(setup.committee.pk),
        "start_date": "2026-01-06",
        "start_time": "10:00",
        "end_time": "12:00",
        "duration_days": "1",
        "recurrence": "RRULE:FREQ=MONTHLY;BYDAY=+1TU",
        "venue": str(setup.venue.pk),
        "online_mode": "",
        "join_url": "",
        "description": streamfield([]),
        "documents": inline_formset([]),
        "changes": inline_formset(list(changes)),
        "comments": inline_formset([]),
        "action-publish": "1",
    }
    data.update(overrides)
    return nested_form_data(data)


def change(original_date, **fields):
    return {
        "original_date": original_date,
        "new_date": "",
        "new_start_time": "",
        "new_end_time": "",
        "venue": "",
        "note": "",
        "documents": streamfield([]),
        **fields,
    }


def add_url(setup):
    return f"/admin/pages/add/calendar_app/eventpage/{setup.index.pk}/"


@pytest.mark.django_db
def test_editor_page_loads_the_recurrence_widget_in_german_and_laid_out(editor_client, setup):
    html = editor_client.get(add_url(setup)).content.decode()
    catalog = html.index("/admin/recurrence-i18n.js")
    assert catalog < html.index("recurrence/js/recurrence.js")
    assert "calendar_app/admin/recurrence-admin.css" in html
    script = editor_client.get("/admin/recurrence-i18n.js").content.decode()
    assert re.search(r'"weekly": "w(ö|\\u00f6)chentlich"', script)
    css = Path(finders.find("calendar_app/admin/recurrence-admin.css")).read_text()
    assert "div.recurrence-widget { float: none; display: block;" in css


@pytest.mark.django_db
def test_editor_saves_a_monthly_series_and_occurrences_appear(editor_client, setup):
    response = editor_client.post(add_url(setup), meeting_form(setup))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = EventPage.objects.get(slug="sitzung")
    assert page.live
    starts = list(
        Occurrence.objects.filter(translation_key=page.translation_key).values_list("start", flat=True)[:3]
    )
    assert [s.astimezone(datetime.UTC).isoformat() for s in starts] == [
        "2026-01-06T09:00:00+00:00",
        "2026-02-03T09:00:00+00:00",
        "2026-03-03T09:00:00+00:00",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"recurrence": "RRULE:FREQ=HOURLY"}, "höchstens täglich"),
        ({"recurrence": "RRULE:FREQ=DAILY;BYHOUR=9,10,11"}, "im ersten Jahr"),
        ({"end_time": "09:00"}, "endet, bevor er beginnt"),
        ({"recurrence": "RRULE:FREQ=MONTHLY;BYDAY=XX"}, ""),
        # Dates the calendar cannot hold: answered as a message, not an overflow (a 500) or an
        # expansion over two thousand years (seconds per request).
        ({"start_date": "9999-12-31"}, "Termine sind in den Jahren 1900 bis 2999 möglich."),
        ({"start_date": "0001-01-01", "recurrence": "RRULE:FREQ=DAILY"}, "in den Jahren 1900 bis 2999"),
        ({"recurrence": "RRULE:FREQ=WEEKLY;UNTIL=99991231T000000Z"}, "außerhalb des Kalenders"),
        ({"recurrence": "RRULE:FREQ=WEEKLY\nRDATE:00010101T100000Z"}, "außerhalb des Kalenders"),
    ],
)
def test_invalid_rules_and_times_get_form_errors_and_nothing_is_saved(
    editor_client, setup, overrides, message
):
    response = editor_client.post(add_url(setup), meeting_form(setup, **overrides))
    assert response.status_code == 200
    assert "Die Seite konnte wegen Prüfungsfehlern nicht erstellt werden." in response.content.decode()
    assert message in response.content.decode()
    assert not EventPage.objects.filter(slug="sitzung").exists()
    assert not Occurrence.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change_fields", "message"),
    [
        (
            change("2026-01-07", cancelled="on"),
            "Am Mittwoch, 7. Januar 2026 gibt es keinen Termin dieser Reihe.",
        ),
        (change("2026-02-03", new_date="2026-02-03"), "dieselben wie bisher"),
        (
            change("2026-02-03", new_date="2026-03-03"),
            "Die Reihe hat am Dienstag, 3. März 2026 bereits einen Termin.",
        ),
        (change("9999-12-31", cancelled="on"), "in den Jahren 1900 bis 2999 möglich"),
        (change("2026-02-03", new_date="0001-01-01"), "Termine sind in den Jahren 1900 bis 2999"),
    ],
)
def test_changes_that_do_not_fit_get_errors_at_the_change(editor_client, setup, change_fields, message):
    response = editor_client.post(add_url(setup), meeting_form(setup, changes=[change_fields]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventPage.objects.filter(slug="sitzung").exists()


@pytest.mark.django_db
def test_an_editor_cancels_one_meeting_and_the_list_shows_it(editor_client, setup, client):
    response = editor_client.post(
        add_url(setup),
        meeting_form(
            setup, changes=[change("2026-02-03", cancelled="on", note="Fällt aus.")], start_date="2026-01-06"
        ),
    )
    assert response.status_code == 302
    page = EventPage.objects.get(slug="sitzung")
    occurrence = Occurrence.objects.get(translation_key=page.translation_key, start__date="2026-02-03")
    assert occurrence.status == "cancelled"


@pytest.mark.django_db
def test_a_failed_edit_keeps_what_was_saved(editor_client, setup):
    page = factories.make_series(
        setup.index, setup.committee, "Bestehend", start_date=datetime.date(2026, 1, 6)
    )
    before = list(
        Occurrence.objects.filter(translation_key=page.translation_key).values_list("start", "status")
    )
    response = editor_client.post(
        f"/admin/pages/{page.pk}/edit/",
        meeting_form(setup, slug="bestehend", title="Bestehend", end_time="08:00"),
    )
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.end_time == datetime.time(12, 0)
    assert (
        list(Occurrence.objects.filter(translation_key=page.translation_key).values_list("start", "status"))
        == before
    )
