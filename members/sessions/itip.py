"""Invitations as calendar programs read them (iTIP, RFC 5546; iMIP, RFC 6047), built with icalendar.

A meeting's invitation is one VEVENT whose UID stays the same through every change; each change
raises its SEQUENCE. METHOD:REQUEST puts it in the invitee's calendar and moves it there when it
changes; METHOD:CANCEL removes it (a REQUEST with STATUS:CANCELLED would leave it standing). The
invitee is the ATTENDEE with RSVP=FALSE: replies are given on the website, and Outlook then does not
offer to send one by mail, which this product does not receive.

The UID is not one of the subscribable feeds' UIDs: a feed has one VEVENT per series with its rule
and its overrides (RECURRENCE-ID), an invitation one per meeting. Reusing the series' UID would make a
calendar client replace the whole subscribed series with the one invited meeting (or merge the two),
so the invitation has its own, derived from the same key (series and original date). A calendar that
holds both shows the meeting twice: once in the subscription, once as the accepted invitation.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from calendar_app.expansion import BERLIN
from calendar_app.ical import berlin_vtimezone, one_line


def meeting_uid(agenda):
    """The same for a meeting through every change, moves included: its series and the date the
    meeting has in the series (the agenda's key, which survives rebuilds and moves)."""
    return f"sitzung-{agenda.series.translation_key}-{agenda.meeting_date:%Y%m%d}@{settings.MAILINGS_LIST_DOMAIN}"


def address(email, name=""):
    value = vCalAddress(f"mailto:{email}")
    if name:
        value.params["CN"] = vText(one_line(name))
    return value


def invitation(
    method,
    *,
    uid,
    sequence,
    start,
    end,
    all_day,
    summary,
    location="",
    url="",
    description="",
    organizer=("", ""),
    attendee=("", ""),
):
    """The text/calendar part of an invitation mail: METHOD REQUEST (invite, update) or CANCEL."""
    cal = Calendar()
    cal.add("prodid", "-//Staedtetag//Sitzungen//DE")
    cal.add("version", "2.0")
    cal.add("method", method)
    cal.add_component(berlin_vtimezone())
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    if all_day:
        event.add("dtstart", start.astimezone(BERLIN).date())
        event.add(
            "dtend",
            (end - datetime.timedelta(seconds=1)).astimezone(BERLIN).date() + datetime.timedelta(days=1),
        )
    else:
        event.add("dtstart", start.astimezone(BERLIN))
        event.add("dtend", end.astimezone(BERLIN))
    event.add("summary", one_line(summary))
    if location:
        event.add("location", one_line(location))
    if url:
        event.add("url", url)
    if description:
        event.add("description", description)
    organizer_name, organizer_email = organizer
    event.add("organizer", address(organizer_email, organizer_name))
    attendee_name, attendee_email = attendee
    guest = address(attendee_email, attendee_name)
    guest.params.update({"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "FALSE"})
    event.add("attendee", guest)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    cal.add_component(event)
    return cal.to_ical()
