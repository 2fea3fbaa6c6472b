"""A series in words, and the recurrence editor's preview of its next dates."""

import datetime

import pytest
import recurrence
from django.utils import translation

from calendar_app import expansion
from calendar_app.describe import describe
from tests.calendar_app.helpers import preview, soup


@pytest.mark.parametrize(
    ("schedule", "german", "english"),
    [
        (
            expansion.Schedule(
                datetime.date(2024, 5, 6),
                datetime.time(10),
                datetime.time(12),
                recurrence=recurrence.Recurrence(
                    rrules=[recurrence.Rule(recurrence.MONTHLY, byday=[recurrence.MO(1)])]
                ),
            ),
            "Jeden ersten Montag im Monat, 10:00 bis 12:00 Uhr, ab 6. Mai 2024",
            "Every first Monday of the month, 10:00 to 12:00, from 6 May 2024",
        ),
        (
            expansion.Schedule(
                datetime.date(2024, 5, 7),
                datetime.time(9, 30),
                datetime.time(10),
                recurrence=recurrence.Recurrence(
                    rrules=[
                        recurrence.Rule(recurrence.WEEKLY, interval=2, byday=[recurrence.TU, recurrence.TH])
                    ],
                    exdates=[datetime.datetime(2024, 6, 4, tzinfo=datetime.UTC)],
                ),
            ),
            "Alle 2 Wochen am Dienstag und Donnerstag, 09:30 bis 10:00 Uhr, ab 7. Mai 2024 (1 Ausnahme)",
            "Every 2 weeks on Tuesday and Thursday, 09:30 to 10:00, from 7 May 2024 (1 exception)",
        ),
        (
            expansion.Schedule(
                datetime.date(2024, 5, 31),
                None,
                None,
                2,
                recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.MONTHLY, bymonthday=[-1], count=6)]),
            ),
            "Monatlich am letzten Tag, ganztägig, 2 Tage, ab 31. Mai 2024, 6-mal",
            "Monthly on the last day, all day, 2 days, from 31 May 2024, 6 times",
        ),
    ],
)
def test_a_series_reads_as_a_sentence_in_both_languages(schedule, german, english):
    with translation.override("de"):
        assert describe(schedule) == german
    with translation.override("en"):
        assert describe(schedule) == english


@pytest.mark.django_db
def test_the_meeting_page_states_its_rule_in_words(client, public):
    text = soup(client.get("/de/termine/sitzung-ag-soziales/")).select_one(".schedule-text").get_text()
    assert text.startswith("Jeden ") and "10:00 bis 12:00 Uhr, ab " in text


@pytest.mark.django_db
def test_the_preview_shows_the_rule_in_words_and_the_next_ten_dates_with_changes(editor, site):
    today = datetime.date.today()
    first = today + datetime.timedelta(days=(7 - today.weekday()) % 7 or 7)  # next Monday
    cancelled, moved = first + datetime.timedelta(weeks=1), first + datetime.timedelta(weeks=2)
    with translation.override("de"):
        result = preview(
            editor,
            start_date=first.isoformat(),
            start_time="10:00",
            end_time="12:00",
            duration_days="1",
            recurrence="RRULE:FREQ=WEEKLY",
            **{
                "changes-TOTAL_FORMS": "2",
                "changes-0-original_date": cancelled.isoformat(),
                "changes-0-cancelled": "on",
                "changes-1-original_date": moved.isoformat(),
                "changes-1-new_date": (moved + datetime.timedelta(days=1)).isoformat(),
            },
        )
    assert result["summary"].startswith("Jeden Montag, 10:00 bis 12:00 Uhr, ab ")
    assert len(result["dates"]) == 10
    assert [d["status"] for d in result["dates"][:3]] == ["scheduled", "cancelled", "moved"]
    assert result["dates"][2]["note"] == f"verschoben vom {moved:%d.%m.%y}"
    assert result["problems"] == []


@pytest.mark.django_db
def test_the_preview_explains_a_rule_that_cannot_be_saved(editor, site):
    result = preview(
        editor, start_date="2027-01-06", start_time="10:00", end_time="12:00", recurrence="RRULE:FREQ=HOURLY"
    )
    assert result["dates"] == [] and "höchstens täglich" in result["problems"][0]
    result = preview(editor, start_date="2027-01-06", recurrence="RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=1MO")
    assert "kein Datum, das diese Regel ergibt" in result["problems"][0]
    result = preview(editor, start_date="", recurrence="")
    assert result["summary"] == "Geben Sie das Datum des ersten Termins ein."


@pytest.mark.django_db
@pytest.mark.parametrize("start", ["9999-12-31", "31.12.9999", "0001-01-01", "01.01.0001", "2999-12-31"])
@pytest.mark.parametrize(
    "rule",
    [
        "",
        "RRULE:FREQ=DAILY",
        "RRULE:FREQ=WEEKLY;UNTIL=99991231T000000Z",
        "RRULE:FREQ=DAILY\nRDATE:99991231T100000Z",
    ],
)
def test_the_preview_answers_dates_at_the_ends_of_the_calendar_with_a_message(editor, site, start, rule):
    """Near year 1 or 9999 the preview used to overflow (a 500) or expand two thousand years of daily
    meetings per keystroke; now it says which dates the calendar takes, and the change rows with such
    dates are left out of the preview (the form names them when it is saved)."""
    result = preview(
        editor,
        start_date=start,
        start_time="23:30",
        end_time="00:30",
        duration_days="2",
        recurrence=rule,
        **{
            "changes-TOTAL_FORMS": "2",
            "changes-0-original_date": "31.12.9999",
            "changes-0-cancelled": "on",
            "changes-1-original_date": start,
            "changes-1-new_date": "01.01.0001",
        },
    )
    if start.startswith("2999"):  # the last day the calendar takes: a series, far beyond the next dates
        if "99991231" in rule:  # the rule names a day beyond it
            assert "außerhalb des Kalenders" in result["problems"][0] and result["dates"] == []
        else:
            assert "31. Dezember 2999" in result["summary"] and result["problems"] == []
    else:
        assert result["dates"] == []
        assert "Termine sind in den Jahren 1900 bis 2999 möglich." in result["problems"][0]


@pytest.mark.django_db
def test_the_preview_is_for_editors_only(client, site):
    assert client.post("/admin/calendar/recurrence-preview/", {"start_date": "2027-01-06"}).status_code == 302


@pytest.mark.django_db
def test_the_recurrence_catalogue_loads_on_the_login_page_too(client):
    response = client.get("/admin/recurrence-i18n.js")
    assert response.status_code == 200 and "javascript" in response["Content-Type"]
    assert "chentlich" in response.content.decode()  # "W\\u00f6chentlich": the German catalogue
