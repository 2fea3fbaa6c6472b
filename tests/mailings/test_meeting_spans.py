"""A meeting's time span reads the same in every output, for a one-day, a two-day and an all-day
meeting, as planned, after a move and after the moved meeting is cancelled: the invitation mail (text
and HTML), its calendar part, the personal page, "Meine Sitzungen", the attendance list (XLSX), OParl
and the public page.

The meeting is on Monday, 10 May 2027 and is moved to Wednesday, 12 May, 15:00 (keeping its length);
then it is cancelled: from then on every output shows it as it last stood (12 May), marked cancelled.
"""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from calendar_app.expansion import BERLIN
from calendar_app.models import Occurrence, OccurrenceChange
from members import sessions
from members.models import OFFICE_GROUP, Invitation
from tests import factories
from tests.mail import parts
from tests.mailings.helpers import drain
from tests.members.helpers import make_agenda

DAY = datetime.date(2027, 5, 10)
NEW_DAY = datetime.date(2027, 5, 12)
MEMBER = "ag@wiesbaden.de"

KINDS = {
    "one-day": {
        "fields": {"start_time": (10, 0), "end_time": (12, 0)},
        "span": (datetime.datetime(2027, 5, 10, 10, 0), datetime.datetime(2027, 5, 10, 12, 0)),
        "moved": (datetime.datetime(2027, 5, 12, 15, 0), datetime.datetime(2027, 5, 12, 17, 0)),
        "words": "Montag, 10. Mai 2027, 10:00 bis 12:00 Uhr",
        "moved_words": "Mittwoch, 12. Mai 2027, 15:00 bis 17:00 Uhr",
    },
    "two-day": {
        "fields": {"start_time": (14, 0), "end_time": (13, 0), "duration_days": 2},
        "span": (datetime.datetime(2027, 5, 10, 14, 0), datetime.datetime(2027, 5, 11, 13, 0)),
        "moved": (datetime.datetime(2027, 5, 12, 15, 0), datetime.datetime(2027, 5, 13, 14, 0)),
        "words": "Montag, 10. Mai 2027, 14:00 Uhr, bis Dienstag, 11. Mai 2027, 13:00 Uhr",
        "moved_words": "Mittwoch, 12. Mai 2027, 15:00 Uhr, bis Donnerstag, 13. Mai 2027, 14:00 Uhr",
    },
    "all-day": {
        "fields": {"start_time": None, "end_time": None},
        "span": (datetime.datetime(2027, 5, 10), datetime.datetime(2027, 5, 11)),
        "moved": (datetime.datetime(2027, 5, 12), datetime.datetime(2027, 5, 13)),
        "words": "Montag, 10. Mai 2027, ganztägig",
        "moved_words": "Mittwoch, 12. Mai 2027, ganztägig",
    },
}
STATES = ("planned", "moved", "cancelled")


class Meeting:
    """One meeting of a series of its own, with an agenda, its invitation sent, then moved and cancelled."""

    def __init__(self, world, kind):
        self.kind, self.expected = kind, KINDS[kind]
        fields = dict(self.expected["fields"])
        self.series = factories.make_series(
            world.public.events,
            world.public.committee,
            f"Klausur {kind}",
            start_date=DAY,
            start_time=fields.pop("start_time"),
            end_time=fields.pop("end_time"),
            venue=world.public.venue,
            slug=f"klausur-{kind}",
            **fields,
        )
        occurrence = Occurrence.objects.get(translation_key=self.series.translation_key)
        self.agenda = make_agenda(self.series, occurrence)
        sessions.invite(self.agenda)
        drain()

    @property
    def occurrence(self):
        return Occurrence.objects.get(translation_key=self.series.translation_key)

    def to(self, state):
        if state == "planned":
            return
        change = self.series.changes.filter(original_date=DAY).first() or OccurrenceChange(original_date=DAY)
        change.new_date = NEW_DAY
        if not self.occurrence.all_day:
            change.new_start_time = datetime.time(15, 0)
        change.cancelled = state == "cancelled"
        change.note = "Verschoben wegen der Landtagswahl" if state == "moved" else "Entfällt wegen Krankheit"
        self.series.changes.add(change)
        self.series.save_revision().publish()
        drain()

    def span(self, state):
        start, end = self.expected["span" if state == "planned" else "moved"]
        return start.replace(tzinfo=BERLIN), end.replace(tzinfo=BERLIN)

    def words(self, state):
        return self.expected["words" if state == "planned" else "moved_words"]


@pytest.fixture(params=list(KINDS))
def meeting(request, world, smtp):
    return Meeting(world, request.param)


def last_mail(smtp):
    return sorted(smtp.inbox.to(MEMBER), key=lambda mail: mail["Date"])[-1]


def calendar_event(mail):
    part = next(p for p in mail.walk() if p.get_content_type() == "text/calendar")
    calendar = Calendar.from_ical(part.get_content())
    return str(calendar["METHOD"]), next(iter(calendar.walk("VEVENT")))


def walk(meeting, check):
    for state in STATES:
        meeting.to(state)
        check(state)


def test_the_mails_text_and_html(meeting, smtp):
    def check(state):
        text, html = parts(last_mail(smtp))
        words = meeting.words(state)
        assert words in text, (meeting.kind, state, text)
        assert words in html, (meeting.kind, state)
        if state == "moved":
            # the old span as it was, not the old start with the new length
            assert meeting.words("planned") in text
            assert "Verschoben wegen der Landtagswahl" in text and "Verschoben wegen der Landtagswahl" in html
        if state == "cancelled":
            assert "Abgesagt" in last_mail(smtp)["Subject"]
            assert "Entfällt wegen Krankheit" in text
            assert "Ihre Rückmeldung" not in text and "Agenda, papers and your reply" not in text
            assert "/mitglieder/sitzung/" not in text  # a cancelled meeting asks for no reply

    walk(meeting, check)


def test_the_calendar_part(meeting, smtp):
    def check(state):
        method, event = calendar_event(last_mail(smtp))
        start, end = meeting.span(state)
        assert method == ("CANCEL" if state == "cancelled" else "REQUEST")
        if meeting.occurrence.all_day:
            assert event.decoded("DTSTART") == start.date() and event.decoded("DTEND") == end.date()
        else:
            assert event.decoded("DTSTART") == start and event.decoded("DTEND") == end
        description = str(event.get("DESCRIPTION", ""))
        if state == "cancelled":
            assert "Entfällt wegen Krankheit" in description and "/mitglieder/sitzung/" not in description
        if state == "moved":
            assert "Verschoben wegen der Landtagswahl" in description

    walk(meeting, check)


def test_the_personal_page(meeting, smtp):
    token = Invitation.objects.get(agenda=meeting.agenda, profile__user__email=MEMBER).token

    def check(state):
        page = Client().get(reverse("session_invitation", kwargs={"token": token}))
        text = " ".join(page.content.decode().split())
        assert meeting.words(state) in text, (meeting.kind, state)
        assert ("abgesagt" in text) == (state == "cancelled")

    walk(meeting, check)


def test_my_sessions(meeting, smtp):
    client = Client()
    client.force_login(get_user_model().objects.get(email=MEMBER))

    def check(state):
        text = " ".join(client.get("/de/mitglieder/sitzungen/").content.decode().split())
        assert meeting.words(state) in text, (meeting.kind, state)

    walk(meeting, check)


def test_the_attendance_list(meeting, smtp):
    office = get_user_model().objects.create_user(
        "office@staedtetag.example", "office@staedtetag.example", "x"
    )
    group, _created = Group.objects.get_or_create(name=OFFICE_GROUP)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    office.groups.add(group)
    client = Client()
    client.force_login(office)

    def check(state):
        download = client.get(reverse("members_session_xlsx", args=[meeting.agenda.pk]))
        rows = list(load_workbook(io.BytesIO(download.content)).active.iter_rows(values_only=True))
        header = " ".join(str(value) for row in rows[:4] for value in row if value)
        assert meeting.words(state) in header, (meeting.kind, state, header)
        assert ("abgesagt" in header) == (state == "cancelled")
        session = " ".join(
            client.get(reverse("members_session", args=[meeting.agenda.pk])).content.decode().split()
        )
        assert meeting.words(state) in session

    walk(meeting, check)


def test_oparl(meeting, smtp):
    original = meeting.occurrence.original_start.astimezone(datetime.UTC)
    url = f"/oparl/1.1/meeting/{meeting.series.translation_key}/{original:%Y%m%dT%H%M%SZ}"

    def check(state):
        data = Client().get(url).json()
        start, end = meeting.span(state)
        assert datetime.datetime.fromisoformat(data["start"]) == start, (meeting.kind, state, data["start"])
        assert datetime.datetime.fromisoformat(data["end"]) == end, (meeting.kind, state, data["end"])
        assert data.get("cancelled", False) == (state == "cancelled")

    walk(meeting, check)


def test_the_public_page(meeting, smtp):
    def check(state):
        text = " ".join(Client().get(meeting.series.url).content.decode().split())
        start, _end = meeting.span(state)
        assert f'datetime="{start.isoformat()}"' in text, (meeting.kind, state)
        assert f"{start:%d.%m.%y}" in text
        if meeting.occurrence.is_multi_day:
            assert "2-tägig" in text
        assert ("abgesagt" in text) == (state == "cancelled")
        if state == "moved":
            assert meeting.words("moved") in text  # "moves to" in the list of changes

    walk(meeting, check)


@pytest.mark.parametrize("kind", ["one-day"])
def test_a_change_of_place_alone_says_from_where_to_where(world, smtp, kind):
    """Not "Verlegt" with the date: the place changed, from the old room to the new one (and to a video
    conference), with the office's note; the invitees' and the committee's notices alike."""
    meeting = Meeting(world, kind)
    town_hall = factories.make_venue(world.site, name="Rathaus", short_name="", city="Mainz")
    change = OccurrenceChange(original_date=DAY, venue=town_hall, note="Der Saal wird renoviert")
    meeting.series.changes.add(change)
    meeting.series.save_revision().publish()
    drain()
    mail = last_mail(smtp)
    text = " ".join(parts(mail)[0].split())
    assert str(mail["Subject"]).strip().startswith("Ort geändert: Klausur one-day am Montag, 10. Mai 2027")
    assert "Verlegt" not in mail["Subject"] and "Verlegt" not in text
    assert (
        "Der Ort der Sitzung am Montag, 10. Mai 2027, 10:00 bis 12:00 Uhr hat sich geändert: "
        "bisher Haus der kommunalen Selbstverwaltung, Wiesbaden, jetzt Rathaus, Mainz." in text
    )
    assert "Hinweis: Der Saal wird renoviert" in text
    method, event = calendar_event(mail)
    assert method == "REQUEST" and "Rathaus" in str(event["LOCATION"])
    assert "Der Saal wird renoviert" in str(event["DESCRIPTION"])


def office_client():
    office = get_user_model().objects.create_user("buero@staedtetag.example", "buero@staedtetag.example", "x")
    group, _created = Group.objects.get_or_create(name=OFFICE_GROUP)
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="mailings"),
    )
    office.groups.add(group)
    client = Client()
    client.force_login(office)
    return client


def test_a_cancelled_session_offers_nothing_to_send(world, smtp):
    meeting = Meeting(world, "one-day")
    office = office_client()
    url = reverse("members_session", args=[meeting.agenda.pk])
    meeting.to("moved")
    text = office.get(url).content.decode()
    assert "An die Rückmeldung erinnern (" in text  # the meeting takes place: the reminder is offered
    meeting.to("cancelled")
    text = office.get(url).content.decode()
    assert "Die Sitzung ist abgesagt: Für sie werden keine Einladung und keine Erinnerung versandt." in text
    for button in (
        "Einladung jetzt versenden",
        "Noch nicht Eingeladene einladen",
        "An die Rückmeldung erinnern",
    ):
        assert button not in text
    sent = len(smtp.inbox.to(MEMBER))
    for action in ("invite", "remind"):
        office.post(url, {"action": action, "confirmed": "1"})
    drain()
    assert len(smtp.inbox.to(MEMBER)) == sent


def test_a_substitutes_mails_say_whom_they_stand_in_for_and_ask_nothing_they_cannot_answer(world, smtp):
    meeting = Meeting(world, "one-day")
    invitation = Invitation.objects.get(agenda=meeting.agenda, profile__user__email=MEMBER)
    sessions.record_reply(invitation, "substituted", name="Erika Muster", email="erika@extern.example")
    drain()
    text, html = parts(smtp.inbox.to("erika@extern.example")[0])
    assert "Vor Name (Wiesbaden) hat Sie als Vertretung für diese Sitzung benannt." in text
    assert "vertreten" not in text and "vertreten" not in html  # a substitute cannot name one in turn
    sessions.record_reply(invitation, "attending")
    drain()
    withdrawal = sorted(smtp.inbox.to("erika@extern.example"), key=lambda mail: mail["Date"])[-1]
    text, html = parts(withdrawal)
    method, event = calendar_event(withdrawal)
    assert method == "CANCEL"
    for said in (text, html, str(event["DESCRIPTION"])):  # no reply asked for, no reply link
        assert "Ihre Rückmeldung" not in said and "/mitglieder/sitzung/" not in said
    listing = office_client().get(reverse("mailings_messages")).content.decode()
    assert "Vertretung nicht mehr nötig" in listing and "Einladung als Vertretung" in listing
