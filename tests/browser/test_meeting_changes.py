"""The office moves one meeting of a two-day series in Chromium: beside the change's new end time the
admin says where the meeting then ends, as the fields change and before anything is saved (a new start
without a new end keeps the meeting's length, so its end on the second day moves as far)."""

import datetime
import json
import urllib.request

import pytest

from .test_recurrence_editor_and_german_admin import console_errors, wait_until

pytestmark = pytest.mark.browser

WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
MONTHS = [
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
]  # fmt: skip


def german(moment):
    return f"{WEEKDAYS[moment.weekday()]}, {moment.day}. {MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M} Uhr"


def two_day_series(server):
    """The demo's two-day retreat (Monday 14:00 to Tuesday 13:00): its id and next meeting."""
    url = f"{server}/api/v2/pages/?type=calendar_app.EventPage&locale=de&limit=100"
    with urllib.request.urlopen(url) as response:  # noqa: S310  (our own local server)
        items = json.load(response)["items"]
    (found,) = [item for item in items if item["title"] == "Zweitägige Klausur der AG Soziales"]
    with urllib.request.urlopen(f"{server}/api/v2/pages/{found['id']}/") as response:  # noqa: S310
        series = json.load(response)
    assert series["duration_days"] == 2
    meeting = series["next_occurrences"][0]
    return series["id"], datetime.datetime.fromisoformat(meeting["original_start"])


def test_moving_the_start_of_a_two_day_meeting_shows_where_it_then_ends(server, editor_page):
    tab = editor_page
    errors = console_errors(tab)
    page, original = two_day_series(server)
    assert (original.hour, original.minute) == (14, 0)
    tab.goto(f"{server}/admin/pages/{page}/edit/")
    tab.get_by_role("button", name="Änderung eines Termins hinzufügen").click()
    index = tab.evaluate("document.getElementById('id_changes-TOTAL_FORMS').value")
    index = int(index) - 1
    end = tab.locator(f"#id_changes-{index}-new_end_time-end")
    tab.fill(f"#id_changes-{index}-original_date", original.strftime("%d.%m.%Y"))
    tab.fill(f"#id_changes-{index}-new_start_time", "16:30")
    tab.locator(f"#id_changes-{index}-new_start_time").press("Tab")
    # Two hours and a half later: Tuesday 15:30 instead of 13:00.
    expected = "Ende danach: " + german(original.replace(hour=15, minute=30) + datetime.timedelta(days=1))
    wait_until(
        tab,
        f"document.getElementById('id_changes-{index}-new_end_time-end').textContent === {json.dumps(expected)}",
    )
    assert end.is_visible() and end.inner_text() == expected
    # A new date instead: the whole meeting a week later, ending on the Tuesday of that week.
    tab.fill(f"#id_changes-{index}-new_start_time", "")
    tab.fill(f"#id_changes-{index}-new_date", (original + datetime.timedelta(days=7)).strftime("%d.%m.%Y"))
    tab.locator(f"#id_changes-{index}-new_date").press("Tab")
    expected = "Ende danach: " + german(original.replace(hour=13) + datetime.timedelta(days=8))
    wait_until(
        tab,
        f"document.getElementById('id_changes-{index}-new_end_time-end').textContent === {json.dumps(expected)}",
    )
    # Cancelled, the meeting has no end to speak of.
    tab.check(f"#id_changes-{index}-cancelled")
    wait_until(tab, f"document.getElementById('id_changes-{index}-new_end_time-end').textContent === ''")
    assert errors() == [], errors()
