"""Committee sessions by mail, through a real SMTP server: the invitation as a meeting in the invitee's
calendar (iMIP), every change following it (same UID, higher SEQUENCE), CANCEL, substitutes, the
agenda notice, the reminder, the minutes, the period of notice, and the faults of the mail service."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from calendar_app.expansion import BERLIN
from calendar_app.models import Occurrence, OccurrenceChange
from core.loading import bulk_loading
from mailings import digest, sending, worker
from mailings.models import CircularChoice, Delivery, Message, MessageKind, Timing
from members import sessions
from members.models import (
    OFFICE_GROUP,
    Agenda,
    AgendaItem,
    CommitteeMembership,
    Invitation,
    MemberProfile,
    Reply,
)
from tests import factories
from tests.mail import parts
from tests.mailings.helpers import PASSWORD, drain, later, member
from tests.members.helpers import make_agenda, next_meeting, paper_for

COMMITTEE = ["ag@wiesbaden.de", "quiet@wiesbaden.de"]


def calendar_of(mail):
    """(METHOD, the one VEVENT) of the text/calendar part, read with icalendar; None without one."""
    part = next((p for p in mail.walk() if p.get_content_type() == "text/calendar"), None)
    if part is None:
        return None
    calendar = Calendar.from_ical(part.get_content())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return str(calendar["METHOD"]), events[0]


def mails_to(smtp, address):
    return sorted(smtp.inbox.to(address), key=lambda mail: mail["Date"])


def reply_link(mail):
    text = parts(mail)[0]
    return re.search(r"http://[^\s]+/mitglieder/sitzung/[^\s/]+/", text)[0]


@pytest.fixture
def session(world, smtp):
    """Committee X's next weekly meeting (more than a day ahead) with a two-item agenda."""
    series = world.public.weekly
    occurrence = next_meeting(series)
    return factories.SimpleNamespace(
        series=series, occurrence=occurrence, agenda=make_agenda(series, occurrence)
    )


def move(series, occurrence, days=1, cancelled=False, **fields):
    day = timezone.localtime(occurrence.original_start).date()
    change = series.changes.filter(original_date=day).first() or OccurrenceChange(original_date=day)
    change.cancelled = cancelled
    if not cancelled:
        change.new_date = day + datetime.timedelta(days=days)
    for name, value in fields.items():
        setattr(change, name, value)
    series.changes.add(change)
    series.save_revision().publish()


def test_the_invitation_lands_as_a_meeting_in_each_members_calendar(world, session, smtp, settings):
    assert sessions.invite(session.agenda) == 2
    drain()
    assert smtp.inbox.recipients() == COMMITTEE  # also "quiet", who has meeting notices off
    mail = smtp.inbox.to("ag@wiesbaden.de")[0]
    # multipart/alternative with text/plain, text/html and text/calendar; method=REQUEST (RFC 6047)
    assert mail.get_content_type() == "multipart/alternative"
    kinds = [part.get_content_type() for part in mail.iter_parts()]
    assert kinds == ["text/plain", "text/html", "text/calendar"]
    ical_part = list(mail.iter_parts())[2]
    assert ical_part.get_param("method") == "REQUEST"
    assert ical_part.get_content_charset().lower() == "utf-8"
    assert "List-Unsubscribe" not in mail  # one's own invitation is not a list
    method, event = calendar_of(mail)
    assert method == "REQUEST"
    assert int(event["SEQUENCE"]) == 0
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == session.occurrence.start.astimezone(BERLIN)
    assert event.decoded("DTEND") == session.occurrence.end.astimezone(BERLIN)
    assert str(event["ATTENDEE"]).lower() == "mailto:ag@wiesbaden.de"
    assert event["ATTENDEE"].params["RSVP"] == "FALSE"
    assert str(event["ORGANIZER"]).lower() == "mailto:geschaeftsstelle@staedtetag.example"
    venue = session.occurrence.venue
    assert str(event["LOCATION"]).startswith(venue.name) and venue.city in str(event["LOCATION"])
    calendar = Calendar.from_ical(ical_part.get_content())
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    text, html = parts(mail)
    assert "TOP 1: Begrüßung" in text and "TOP 2: Haushalt 2027" in text
    assert "Haushalt 2027" in html
    # The reply link is personal: it shows the meeting to that invitee, and a GET changes nothing.
    link = reply_link(mail)
    assert link.split("/")[-2] == Invitation.objects.get(profile__user__email="ag@wiesbaden.de").token
    page = Client().get(link.replace("http://testserver", ""))
    assert page.status_code == 200 and "Haushalt 2027" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin" and "no-store" in page["Cache-Control"]
    assert not Invitation.objects.exclude(response="").exists()
    # Two people, two different links and attendees.
    other = smtp.inbox.to("quiet@wiesbaden.de")[0]
    assert reply_link(other) != link
    assert str(calendar_of(other)[1]["ATTENDEE"]).lower() == "mailto:quiet@wiesbaden.de"
    # Inviting again invites nobody twice.
    with pytest.raises(sessions.SessionError, match="bereits eingeladen|invited already"):
        sessions.invite(session.agenda)
    drain()
    assert len(smtp.inbox.messages) == 2


def test_moving_and_cancelling_follow_to_every_invitee_as_the_same_event(world, session, smtp):
    sessions.invite(session.agenda)
    drain()
    uid = str(calendar_of(smtp.inbox.to("ag@wiesbaden.de")[0])[1]["UID"])
    move(session.series, session.occurrence, days=1)
    drain()
    for address in COMMITTEE:
        mails = mails_to(smtp, address)
        assert len(mails) == 2  # the invitation and one update: no separate meeting notice besides
        method, event = calendar_of(mails[1])
        assert (method, str(event["UID"]), int(event["SEQUENCE"])) == ("REQUEST", uid, 1)
        assert event.decoded("DTSTART") == (session.occurrence.start + datetime.timedelta(days=1)).astimezone(
            BERLIN
        )
        assert "Verlegt" in mails[1]["Subject"]
    # Publishing again without a change, or the rebuild signalled twice, sends nothing.
    session.series.save_revision().publish()
    sessions.follow(session.series.translation_key)
    drain()
    assert len(smtp.inbox.messages) == 4
    move(session.series, session.occurrence, cancelled=True)
    drain()
    for address in COMMITTEE:
        mails = mails_to(smtp, address)
        assert len(mails) == 3
        method, event = calendar_of(mails[2])
        assert (method, str(event["UID"]), int(event["SEQUENCE"])) == ("CANCEL", uid, 2)
        assert str(event["STATUS"]) == "CANCELLED"
        assert "Abgesagt" in mails[2]["Subject"]
        assert mails[2].get_content_type() == "multipart/alternative"
    # Taking the cancellation back puts the meeting into the calendars again, with a higher sequence.
    move(session.series, session.occurrence, cancelled=False, days=1)
    drain()
    method, event = calendar_of(mails_to(smtp, "ag@wiesbaden.de")[3])
    assert (method, str(event["UID"]), int(event["SEQUENCE"])) == ("REQUEST", uid, 3)


def test_a_new_place_or_join_link_is_an_update_and_the_link_reaches_only_invitees(world, session, smtp):
    sessions.invite(session.agenda)
    drain()
    series = session.series
    series.online_mode = "video"
    series.join_url = "https://video.example/raum-4711"
    series.save_revision().publish()
    drain()
    mail = mails_to(smtp, "ag@wiesbaden.de")[1]
    method, event = calendar_of(mail)
    assert method == "REQUEST" and int(event["SEQUENCE"]) == 1
    assert "https://video.example/raum-4711" in str(event["DESCRIPTION"])
    assert "https://video.example/raum-4711" in parts(mail)[0]
    # The public meeting page does not show it (join_url_public is off).
    assert "raum-4711" not in Client().get(series.url).content.decode()


def test_times_stay_right_across_the_change_to_summer_time(world, smtp):
    """A meeting on the Thursday before the clocks go forward, moved a week on: 10:00 Berlin both
    times, 09:00 and then 08:00 UTC, read back by icalendar with its VTIMEZONE."""
    with bulk_loading():
        series = factories.make_series(
            world.public.events,
            world.public.committee,
            "Frühjahrssitzung",
            start_date=datetime.date(2027, 3, 25),
            start_time=(10, 0),
            end_time=(12, 0),
            slug="fruehjahr",
        )
    occurrence = next_meeting(series)
    agenda = make_agenda(series, occurrence)
    sessions.invite(agenda)
    drain()
    _method, event = calendar_of(smtp.inbox.to("ag@wiesbaden.de")[0])
    assert event.decoded("DTSTART").astimezone(datetime.UTC).hour == 9
    assert event.decoded("DTSTART").astimezone(BERLIN).hour == 10
    move(series, occurrence, days=7)
    drain()
    _method, event = calendar_of(mails_to(smtp, "ag@wiesbaden.de")[1])
    start = event.decoded("DTSTART")
    assert start.astimezone(BERLIN) == datetime.datetime(2027, 4, 1, 10, 0, tzinfo=BERLIN)
    assert start.astimezone(datetime.UTC).hour == 8
    assert "TZID=Europe/Berlin:20270401T100000" in list(mails_to(smtp, "ag@wiesbaden.de")[1].walk())[
        -1
    ].get_content().replace("\r\n", "\n")


def test_a_substitute_gets_the_invitation_and_updates_for_that_meeting_only(world, session, smtp):
    sessions.invite(session.agenda)
    drain()
    city = world.people["committee"].organisation
    colleague = member("vertretung@wiesbaden.de", city, circulars=CircularChoice.NONE)
    invitation = Invitation.objects.get(profile__user__email="ag@wiesbaden.de")
    sessions.record_reply(invitation, Reply.SUBSTITUTED, colleague=colleague)
    sessions.record_reply(invitation, Reply.SUBSTITUTED, colleague=colleague)  # the same again
    drain()
    mails = smtp.inbox.to("vertretung@wiesbaden.de")
    assert len(mails) == 1
    assert "Vertretung" in mails[0]["Subject"] or "Einladung" in mails[0]["Subject"]
    method, event = calendar_of(mails[0])
    assert method == "REQUEST" and str(event["ATTENDEE"]).lower() == "mailto:vertretung@wiesbaden.de"
    move(session.series, session.occurrence, days=1)
    drain()
    assert len(smtp.inbox.to("vertretung@wiesbaden.de")) == 2  # the update of their one meeting
    # The member comes after all: the substitute's calendar entry is cancelled, and nothing follows.
    sessions.record_reply(invitation, Reply.ATTENDING)
    drain()
    mails = mails_to(smtp, "vertretung@wiesbaden.de")
    assert len(mails) == 3
    method, event = calendar_of(mails[2])
    assert method == "CANCEL" and int(event["SEQUENCE"]) > 1
    move(session.series, session.occurrence, days=2)
    drain()
    assert len(smtp.inbox.to("vertretung@wiesbaden.de")) == 3
    # A substitute from outside the member users, by name and address.
    sessions.record_reply(invitation, Reply.SUBSTITUTED, name="Erika Muster", email="Erika@Extern.example")
    drain()
    outside = smtp.inbox.to("erika@extern.example")
    assert len(outside) == 1 and "Erika Muster" in str(calendar_of(outside[0])[1]["ATTENDEE"].params["CN"])


@pytest.mark.parametrize(
    "first, second",
    [
        ("colleague", "other colleague"),
        ("colleague", "outside"),
        ("outside", "colleague"),
        ("outside", "other outside"),
    ],
)
def test_naming_another_substitute_cancels_the_first_and_invites_the_second(
    world, session, smtp, first, second
):
    """From the personal page, as the member does it: the first substitute's calendar entry is
    cancelled, the second gets the invitation; then the first again, and back to the member."""
    sessions.invite(session.agenda)
    drain()
    city = world.people["committee"].organisation
    member("vertretung@wiesbaden.de", city, circulars=CircularChoice.NONE)
    member("zweite@wiesbaden.de", city, circulars=CircularChoice.NONE)
    colleagues = {
        "colleague": MemberProfile.objects.get(user__email="vertretung@wiesbaden.de"),
        "other colleague": MemberProfile.objects.get(user__email="zweite@wiesbaden.de"),
    }
    outsiders = {
        "outside": ("Erika Muster", "erika@extern.example"),
        "other outside": ("Max Extern", "max@extern.example"),
    }
    address = {name: p.user.email for name, p in colleagues.items()} | {k: v[1] for k, v in outsiders.items()}
    invitation = Invitation.objects.get(profile__user__email="ag@wiesbaden.de")
    url = f"/de/mitglieder/sitzung/{invitation.token}/"

    def name(who):
        if who in colleagues:
            return {"response": Reply.SUBSTITUTED, "colleague": colleagues[who].pk}
        return {
            "response": Reply.SUBSTITUTED,
            "substitute_name": outsiders[who][0],
            "substitute_email": outsiders[who][1],
        }

    for who in (first, second, first):
        answer = Client().post(url, name(who))
        assert answer.status_code == 302, (who, answer.content.decode()[:500])
        drain()
        standing = Invitation.objects.get(substitute_for=invitation, withdrawn=False)
        assert standing.address == address[who]
    assert [calendar_of(m)[0] for m in mails_to(smtp, address[first])] == ["REQUEST", "CANCEL", "REQUEST"]
    assert [calendar_of(m)[0] for m in mails_to(smtp, address[second])] == ["REQUEST", "CANCEL"]
    Client().post(url, {"response": Reply.ATTENDING})
    drain()
    assert [calendar_of(m)[0] for m in mails_to(smtp, address[first])][-1] == "CANCEL"
    assert not Invitation.objects.filter(substitute_for=invitation, withdrawn=False).exists()
    sequences = [int(calendar_of(m)[1]["SEQUENCE"]) for m in mails_to(smtp, address[first])]
    assert sequences == sorted(sequences) and len(set(sequences)) == len(sequences)


def test_someone_who_left_the_committee_gets_nothing_more(world, session, smtp):
    sessions.invite(session.agenda)
    drain()
    CommitteeMembership.objects.filter(profile=world.people["quiet"]).delete()
    move(session.series, session.occurrence, days=1)
    drain()
    assert len(smtp.inbox.to("quiet@wiesbaden.de")) == 1
    assert len(smtp.inbox.to("ag@wiesbaden.de")) == 2


def test_a_changed_agenda_or_a_new_paper_sends_one_short_notice(world, session, smtp):

    assert sessions.agenda_changed(session.agenda) is False  # not invited yet: nobody to tell
    sessions.invite(session.agenda)
    drain()
    AgendaItem.objects.create(
        agenda=session.agenda, number="3", title="Verschiedenes", sort_order=3, locale=session.agenda.locale
    )
    assert sessions.agenda_changed(session.agenda) is True
    assert sessions.agenda_changed(session.agenda) is False  # saved twice: one notice
    drain()
    notice = mails_to(smtp, "ag@wiesbaden.de")[1]
    assert calendar_of(notice) is None  # a notice without a calendar part
    assert "TOP 3: Verschiedenes" in parts(notice)[0]
    paper = paper_for(session.series, session.agenda.meeting_date, "Vorlage Haushalt")
    for agenda in sessions.agendas_of_paper(paper):
        sessions.agenda_changed(agenda)
    drain()
    notice = mails_to(smtp, "ag@wiesbaden.de")[2]
    text = parts(notice)[0]
    assert "Vorlage Haushalt" in text and "/unterlagen/" in text
    assert len(smtp.inbox.messages) == 6


def test_the_reminder_goes_once_to_those_who_have_not_answered(world, session, smtp):
    sessions.invite(session.agenda)
    drain()
    sessions.record_reply(Invitation.objects.get(profile__user__email="ag@wiesbaden.de"), Reply.ATTENDING)
    assert sessions.remind(session.agenda) == 1
    with pytest.raises(sessions.SessionError):
        sessions.remind(session.agenda)
    drain()
    assert len(smtp.inbox.to("ag@wiesbaden.de")) == 1
    reminders = smtp.inbox.to("quiet@wiesbaden.de")
    assert len(reminders) == 2 and "Bitte antworten" in reminders[1]["Subject"]
    assert calendar_of(reminders[1]) is None


def test_released_minutes_reach_the_committee_at_once_or_in_the_digest(world, smtp):

    series = world.public.weekly
    past = (
        Occurrence.objects.filter(translation_key=series.translation_key, end__lt=timezone.now())
        .order_by("-start")
        .first()
    )
    agenda = make_agenda(series, past)
    item = agenda.items.get(number="2")
    item.result = "Der Haushalt wird zur Kenntnis genommen."
    item.save()
    with pytest.raises(sessions.SessionError, match="Niederschrift|minutes"):
        sessions.release_minutes(agenda)
    paper_for(series, agenda.meeting_date, "Niederschrift", kind="minutes")
    reader = member(
        "wochenpost@wiesbaden.de",
        world.people["committee"].organisation,
        circulars=CircularChoice.NONE,
        timing=Timing.DIGEST,
        committee=world.public.committee,
    )
    sessions.release_minutes(agenda)
    with pytest.raises(sessions.SessionError):
        sessions.release_minutes(agenda)
    drain()
    assert smtp.inbox.recipients() == COMMITTEE
    text = parts(smtp.inbox.to("ag@wiesbaden.de")[0])[0]
    assert "Der Haushalt wird zur Kenntnis genommen." in text
    released = Agenda.objects.get(pk=agenda.pk).minutes_released_at
    year, week = digest.week_of(released)
    if digest.moment_of_week(year, week) <= released:
        year, week = digest.week_of(released + datetime.timedelta(days=7))
    digest.queue_digest(year, week)
    drain()
    weekly = smtp.inbox.to(reader.user.email)
    assert len(weekly) == 1
    text = parts(weekly[0])[0]
    assert "Niederschriften Ihrer Gremien" in text and "Sitzung der AG Soziales" in text
    assert "/mitglieder/unterlagen/" in text


def test_the_period_of_notice_invites_by_itself_and_tells_the_office_of_an_empty_agenda(world, smtp):
    series = world.public.weekly
    soon = next_meeting(series)
    far = next_meeting(series, after_days=20)
    ready = make_agenda(series, soon)
    later_one = make_agenda(series, far)
    empty_occurrence = (
        Occurrence.objects.filter(translation_key=series.translation_key, start__gt=soon.end)
        .order_by("start")
        .first()
    )
    empty = make_agenda(series, empty_occurrence, items=())
    office = get_user_model().objects.create_user("gs@staedtetag.example", "gs@staedtetag.example", PASSWORD)
    office.groups.add(Group.objects.get(name=OFFICE_GROUP))
    worker.housekeeping()
    worker.housekeeping()  # every minute: still once
    drain()
    assert Agenda.objects.get(pk=ready.pk).invited_at is not None
    assert Agenda.objects.get(pk=later_one.pk).invited_at is None  # beyond the 14 days
    assert Agenda.objects.get(pk=empty.pk).invited_at is None
    note = smtp.inbox.to("gs@staedtetag.example")
    assert len(note) == 1 and "noch leer" in note[0]["Subject"]
    assert f"/admin/members/sessions/{empty.pk}/" in parts(note[0])[0]
    assert len(smtp.inbox.to("ag@wiesbaden.de")) == 1


def test_the_mail_server_down_delays_invitations_and_updates_but_loses_none(world, session, smtp):
    smtp.stop()
    sessions.invite(session.agenda)
    move(session.series, session.occurrence, days=1)
    drain()
    assert not Delivery.objects.filter(status="sent").exists()
    assert Delivery.objects.filter(status="queued").count() == 4
    smtp.start()
    later()
    drain()
    for address in COMMITTEE:
        methods = sorted(int(calendar_of(mail)[1]["SEQUENCE"]) for mail in smtp.inbox.to(address))
        assert methods == [0, 1]


def test_a_crashed_worker_sends_each_invitation_once(world, session, smtp, settings):

    sessions.invite(session.agenda)
    DBTaskResult.objects.filter(backend_name="mail").update(status="RUNNING")  # the worker died…
    sending.fan_out(Message.objects.get(kind=MessageKind.INVITATION).pk)
    DBTaskResult.objects.filter(backend_name="mail", status="READY").update(status="RUNNING")
    done, in_flight = Delivery.objects.order_by("pk")
    Delivery.objects.filter(pk=done.pk).update(status="sent")
    Delivery.objects.filter(pk=in_flight.pk).update(status="sending", claimed_at=timezone.now())
    worker.housekeeping(now=timezone.now() + datetime.timedelta(seconds=settings.MAILINGS_STALE_SECONDS + 1))
    later()
    drain()
    assert smtp.inbox.recipients() == [in_flight.email]
    assert Delivery.objects.filter(status="sent").count() == 2


def test_an_invitee_in_english_gets_it_in_english(world, session, smtp):
    profile = world.people["quiet"]
    profile.subscription.language = "en"
    profile.subscription.save()
    sessions.invite(session.agenda)
    drain()
    mail = smtp.inbox.to("quiet@wiesbaden.de")[0]
    assert mail["Subject"].startswith("Invitation: Social affairs group meeting")
    assert "/en/members/session/" in parts(mail)[0]
    assert str(calendar_of(mail)[1]["SUMMARY"]) == "Social affairs group meeting"


def test_invitations_are_not_sent_for_a_meeting_that_began_or_is_cancelled(world, smtp):
    series = world.public.weekly
    past = (
        Occurrence.objects.filter(translation_key=series.translation_key, end__lt=timezone.now())
        .order_by("-start")
        .first()
    )
    with pytest.raises(sessions.SessionError, match="begonnen|begun"):
        sessions.invite(make_agenda(series, past))
    upcoming = next_meeting(series)
    agenda = make_agenda(series, upcoming)
    move(series, upcoming, cancelled=True)
    with pytest.raises(sessions.SessionError, match="abgesagt|cancelled"):
        sessions.invite(agenda)
    drain()
    assert not Message.objects.filter(kind=MessageKind.INVITATION).exists()
    assert not MemberProfile.objects.filter(invitations__sent_sequence__gte=0).exists()
