"""Beside each change to one meeting, the admin says where the change puts the meeting's end: a new
start without a new end keeps the meeting's length (as Outlook does), so a two-day meeting's end moves
with its start, and the office sees it before saving ("Ende danach: Dienstag, 11. Mai 2027, 15:00
Uhr"): written by the server when the form is shown (saved or sent back after validation), and
live from /admin/calendar/change-ends/ as the office types (tests/browser checks the script)."""

import datetime

import pytest
import recurrence
from django.utils import translation

from calendar_app import expansion
from calendar_app.describe import end_after_change
from calendar_app.models import OccurrenceChange
from tests import factories
from tests.calendar_app.helpers import soup
from tests.calendar_app.test_admin import change, meeting_form

MONDAY = datetime.date(2027, 5, 10)  # a two-day meeting Monday 14:00 to Tuesday 13:00
TWO_DAYS = expansion.Schedule(
    start_date=MONDAY, start_time=datetime.time(14), end_time=datetime.time(13), duration_days=2
)


def german(schedule, **change):
    with translation.override("de"):
        return end_after_change(schedule, expansion.Change(original_date=MONDAY, **change))


def test_the_end_a_change_gives_a_meeting_in_words():
    assert (
        german(TWO_DAYS, new_start_time=datetime.time(16)) == "Ende danach: Dienstag, 11. Mai 2027, 15:00 Uhr"
    )
    assert german(TWO_DAYS, new_date=MONDAY + datetime.timedelta(days=3)) == (
        "Ende danach: Freitag, 14. Mai 2027, 13:00 Uhr"  # Thursday 14:00 to Friday 13:00
    )
    assert german(TWO_DAYS, new_start_time=datetime.time(9), new_end_time=datetime.time(12)) == (
        "Ende danach: Dienstag, 11. Mai 2027, 12:00 Uhr"  # a new end: on the last day
    )
    assert german(TWO_DAYS, cancelled=True, new_start_time=datetime.time(16)) == ""
    assert german(TWO_DAYS) == ""  # moves nothing
    one_day = expansion.Schedule(start_date=MONDAY, start_time=datetime.time(10), end_time=datetime.time(12))
    assert german(one_day, new_start_time=datetime.time(11)) == "Ende danach: Montag, 10. Mai 2027, 13:00 Uhr"
    all_day = expansion.Schedule(start_date=MONDAY, duration_days=2)
    assert (
        german(all_day, new_date=MONDAY + datetime.timedelta(days=7)) == "Ende danach: Dienstag, 18. Mai 2027"
    )
    # Across the change to summer time the meeting keeps its length in hours: 27 March 2027 is a Saturday.
    saturday = expansion.Schedule(
        start_date=datetime.date(2027, 3, 20),
        start_time=datetime.time(14),
        end_time=datetime.time(13),
        duration_days=2,
    )
    with translation.override("de"):
        text = end_after_change(
            saturday,
            expansion.Change(original_date=datetime.date(2027, 3, 20), new_date=datetime.date(2027, 3, 27)),
        )
    assert (
        text == "Ende danach: Sonntag, 28. März 2027, 14:00 Uhr"
    )  # 23 hours later on the clock: 24 real hours
    with translation.override("en"):
        assert end_after_change(
            TWO_DAYS, expansion.Change(original_date=MONDAY, new_start_time=datetime.time(16))
        ) == ("Ends then: Tuesday, 11 May 2027, 15:00")


@pytest.fixture
def two_day(public):
    return factories.make_series(
        public.events,
        public.committee,
        "Zweitägige Klausur",
        rule=recurrence.Rule(recurrence.WEEKLY),
        start_date=MONDAY,
        start_time=(14, 0),
        end_time=(13, 0),
        duration_days=2,
        slug="zweitaegige-klausur",
    )


@pytest.mark.django_db
def test_the_change_ends_answer_as_the_script_asks(editor, two_day):
    later = MONDAY + datetime.timedelta(weeks=2)
    answer = editor.post(
        "/admin/calendar/change-ends/",
        {
            "start_date": "10.05.2027",
            "start_time": "14:00",
            "end_time": "13:00",
            "duration_days": "2",
            "changes-TOTAL_FORMS": "3",
            "changes-0-original_date": "17.05.2027",
            "changes-0-new_start_time": "16:00",
            "changes-1-original_date": later.strftime("%d.%m.%Y"),
            "changes-1-cancelled": "on",
            "changes-2-original_date": "31.05.2027",
            "changes-2-new_date": "02.06.2027",
        },
    )
    assert answer.status_code == 200
    assert answer.json()["ends"] == {
        "0": "Ende danach: Dienstag, 18. Mai 2027, 15:00 Uhr",
        "1": "",
        "2": "Ende danach: Donnerstag, 3. Juni 2027, 13:00 Uhr",
    }
    assert editor.post("/admin/calendar/change-ends/", {"start_date": "kein Datum"}).json() == {"ends": {}}


def end_beside(response, index=0):
    element = soup(response).select_one(f"#id_changes-{index}-new_end_time-end")
    assert element is not None and element.has_attr("aria-live")
    field = soup(response).select_one(f"#id_changes-{index}-new_end_time")
    assert f"id_changes-{index}-new_end_time-end" in field["aria-describedby"]
    return element.get_text(strip=True)


@pytest.mark.django_db
def test_the_form_shows_the_end_beside_a_saved_change_and_after_validation(editor, public, two_day):
    url = f"/admin/pages/{two_day.pk}/edit/"
    setup = factories.SimpleNamespace(committee=public.committee, venue=public.venue)
    moved_start = change("17.05.2027", new_start_time="16:00")
    form = meeting_form(
        setup,
        [moved_start],
        title="",  # refused: the form comes back with what the office entered
        slug="zweitaegige-klausur",
        start_date="10.05.2027",
        start_time="14:00",
        end_time="13:00",
        duration_days="2",
        recurrence="RRULE:FREQ=WEEKLY",
    )
    back = editor.post(url, form)
    assert back.status_code == 200 and not OccurrenceChange.objects.exists()
    assert end_beside(back) == "Ende danach: Dienstag, 18. Mai 2027, 15:00 Uhr"
    # Saved, the change shows its end when the meeting is opened again.
    OccurrenceChange.objects.create(
        page=two_day,
        locale=two_day.locale,
        original_date=datetime.date(2027, 5, 24),
        new_date=datetime.date(2027, 5, 26),
    )
    assert end_beside(editor.get(url)) == "Ende danach: Donnerstag, 27. Mai 2027, 13:00 Uhr"
