"""Following the calendar: whenever a series is rebuilt (a publish, a change to one meeting, an
unpublish) `follow()` compares each invited meeting with what its invitees' calendars hold
(`Agenda.sent_state`) and, when time, place, link or status differ, raises the sequence and mails an
update or a cancellation, once, whichever signal fired and however often. A changed agenda or a new
paper sends one short notice (`agenda_changed`)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from calendar_app.models import EventPage, OccurrenceStatus
from core.cache import invalidate
from members.models import (
    Agenda,
    occurrence_of,
)

from .records import (
    announce,
    calendar_state,
    committee_key,
    content_state,
    source_of,
)


def notice_data(agenda, before, after):
    """What a meeting notice says: as the mail service's meeting notices always did."""
    shown = after if after.get("start") else before
    cancelled = after["status"] == OccurrenceStatus.CANCELLED
    return {
        "translation_key": str(agenda.series.translation_key),
        "committee_key": str(committee_key(agenda)),
        "title": agenda.series.title,
        "status": after["status"],
        "restored": before.get("status") == OccurrenceStatus.CANCELLED and not cancelled,
        "old_start": before.get("start") or shown["start"],
        "old_end": before.get("end") or shown["end"],
        "old_venue_id": before.get("venue"),
        "old_online_mode": before.get("online", ""),
        "original_date": agenda.meeting_date.isoformat(),
        "start": shown["start"],
        "end": shown["end"],
        "all_day": shown["all_day"],
        "venue_id": shown.get("venue"),
        "online_mode": shown.get("online", ""),
        "method": "CANCEL" if cancelled else "REQUEST",
    }


def follow(series_key, now=None):
    """Mail what changed for the invitees of the series' invited meetings; returns how many meetings."""
    now = now or timezone.now()
    series = EventPage.objects.filter(translation_key=series_key).order_by("pk")
    page = series.filter(locale__language_code=settings.LANGUAGE_CODE).first() or series.first()
    followed = 0
    with transaction.atomic():
        agendas = Agenda.objects.select_for_update().filter(
            series__translation_key=series_key,
            locale__language_code=settings.LANGUAGE_CODE,
            invited_at__isnull=False,
            meeting_date__gte=timezone.localdate(now) - datetime.timedelta(days=1),
        )
        for agenda in agendas.select_related("series__committee"):
            occurrence = occurrence_of(agenda)
            state = calendar_state(agenda, occurrence, page)
            before = agenda.sent_state
            if state == before:
                continue
            end = occurrence.end if occurrence is not None else datetime.datetime.fromisoformat(before["end"])
            if end < now:
                continue  # a meeting that is over: calendars keep what it was
            agenda.sequence += 1
            agenda.sent_state = state
            agenda.save(update_fields=["sequence", "sent_state"])
            announce(
                "change",
                agenda,
                f"change:{agenda.pk}:{agenda.sequence}",
                sequence=agenda.sequence,
                **notice_data(agenda, before, state),
            )
            followed += 1
    return followed


def invited_dates(series_key):
    """The meeting dates of the series whose invitees get their changes from `follow()` (the plain
    meeting notice is not sent for these)."""
    return set(
        Agenda.objects.filter(series__translation_key=series_key, invited_at__isnull=False).values_list(
            "meeting_date", flat=True
        )
    )


def agenda_changed(agenda, now=None):
    """After the office saved the agenda or a paper of the meeting: a short notice to the invitees when
    items or papers changed since they were told (none before the invitation, none for the same
    state twice). Returns whether one is sent."""
    now = now or timezone.now()
    with transaction.atomic():
        agenda = Agenda.objects.select_for_update().get(pk=source_of(agenda).pk)
        invalidate(f"series:{agenda.series.translation_key}")
        if agenda.invited_at is None:
            return False
        occurrence = occurrence_of(agenda)
        if occurrence is None or occurrence.end < now or occurrence.status == OccurrenceStatus.CANCELLED:
            return False
        state = content_state(agenda)
        before = agenda.content_state or {"items": [], "papers": []}
        if state == before:
            return False
        agenda.notices += 1
        agenda.content_state = state
        agenda.save(update_fields=["notices", "content_state"])
        new_papers = [pk for pk in state["papers"] if pk not in before.get("papers", [])]
        announce(
            "notice",
            agenda,
            f"notice:{agenda.pk}:{agenda.notices}",
            items_changed=state["items"] != before.get("items"),
            new_papers=new_papers,
        )
    return True


def agendas_of_paper(paper):
    """The agendas (site language) a paper belongs to: its meeting's, and those whose items list it."""
    agendas = Agenda.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    by_date = (
        agendas.filter(series__translation_key=paper.series.translation_key, meeting_date=paper.meeting_date)
        if paper.meeting_date
        else agendas.none()
    )
    return list((by_date | agendas.filter(items__papers=paper)).distinct())
