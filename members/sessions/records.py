"""What every step of a committee's session reads and writes: the session in the site's language
(its translations share invitations and replies), the committee's seats and settings, what an
invitee's calendar holds of the meeting (`calendar_state`), and `session_mail`, the signal by which
a step says that a mail is due (the e-mail service queues it in the same transaction, once per key).
"""

import hashlib

from django.conf import settings
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from calendar_app.models import OccurrenceStatus
from members.models import (
    Agenda,
    CommitteeMembership,
    CommitteeSettings,
    Invitation,
    InviteeRole,
    MeetingPaper,
    PaperKind,
    occurrence_of,
)

# A session's mail is due: kind is "invitation" (to data["invitations"]), "change" (an update or a
# cancellation to everyone invited), "notice" (the agenda or its papers changed), "reminder",
# "minutes" or "office" (a note to the office); key is unique for this mail.
session_mail = Signal()


class SessionError(Exception):
    """A step the office or an invitee asked for that cannot be done; the message says why."""


def announce(kind, agenda, key, **data):
    session_mail.send(sender=Agenda, kind=kind, agenda=agenda, key=key, data={"agenda": agenda.pk, **data})


def source_of(agenda):
    """The agenda in the site's own language: the one invitations and replies belong to."""
    if agenda.locale.language_code == settings.LANGUAGE_CODE:
        return agenda
    source = Agenda.objects.filter(
        translation_key=agenda.translation_key, locale__language_code=settings.LANGUAGE_CODE
    ).first()
    return source or agenda


def in_language(agenda, language):
    """The agenda's translation into this language, or the agenda itself."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or agenda.locale_id == locale.pk:
        return agenda
    return Agenda.objects.filter(translation_key=agenda.translation_key, locale=locale).first() or agenda


def committee_key(agenda):
    return agenda.series.committee.translation_key


def settings_of(agenda):
    return CommitteeSettings.objects.filter(committee__translation_key=committee_key(agenda)).first()


def notice_days(agenda):
    committee_settings = settings_of(agenda)
    return committee_settings.notice_days if committee_settings else 14


def replies_open(agenda):
    committee_settings = settings_of(agenda)
    return bool(committee_settings and committee_settings.replies_open_to_members)


def the_meeting(agenda, now=None):
    """The stored meeting of the session, or a SessionError saying why nothing can be sent for it."""
    now = now or timezone.now()
    occurrence = occurrence_of(agenda)
    if occurrence is None:
        raise SessionError(_("This meeting is not in the calendar (any more)."))
    if occurrence.status == OccurrenceStatus.CANCELLED:
        raise SessionError(_("The meeting is cancelled."))
    if occurrence.start <= now:
        raise SessionError(_("The meeting has already begun or ended: no invitation can be sent for it."))
    return occurrence


def seats(agenda):
    """The committee's members and guests now, who may receive mail (a seat holds for every
    language version of the committee)."""
    return CommitteeMembership.objects.filter(
        committee__translation_key=committee_key(agenda),
        profile__user__is_active=True,
        profile__organisation__active=True,
    ).select_related("profile__user", "profile__organisation")


def standing(agenda):
    """The invitations that went out and stand: of members and guests still on the committee, and of
    the substitutes they named (an update or a cancellation goes to these)."""
    agenda = source_of(agenda)
    seated = set(seats(agenda).values_list("profile_id", flat=True))
    invitations = Invitation.objects.filter(agenda=agenda, sent_sequence__gte=0, withdrawn=False)
    return [
        invitation
        for invitation in invitations.select_related("profile__user", "substitute_for")
        if invitation.role == InviteeRole.SUBSTITUTE or invitation.profile_id in seated
    ]


def calendar_state(agenda, occurrence, series=None):
    """What an invitee's calendar holds of the meeting: status, time, place and join link."""
    if occurrence is None or occurrence.status == OccurrenceStatus.CANCELLED:
        return {"status": OccurrenceStatus.CANCELLED.value}
    series = series or agenda.series
    return {
        "status": occurrence.status,
        "start": occurrence.start.isoformat(),
        "end": occurrence.end.isoformat(),
        "all_day": occurrence.all_day,
        "venue": occurrence.venue_id,
        "online": occurrence.online_mode,
        "join": series.join_url,
    }


def meeting_papers(agenda, released_minutes=True):
    """The papers of this one meeting: those of its date and those attached to its items (the
    minutes once released)."""
    agenda = source_of(agenda)
    papers = MeetingPaper.objects.filter(
        series__translation_key=agenda.series.translation_key, meeting_date=agenda.meeting_date
    ) | MeetingPaper.objects.filter(agenda_items__agenda=agenda)
    if not (released_minutes and agenda.minutes_released_at):
        papers = papers.exclude(kind=PaperKind.MINUTES)
    return papers.distinct().select_related("document", "series").order_by("kind", "title", "pk")


def content_state(agenda):
    """The agenda's items and papers as the invitees were told them (minutes are told on release)."""
    items = [
        [item.number, item.title, item.public, item.rapporteur, sorted(p.pk for p in item.papers.all())]
        for item in agenda.items.prefetch_related("papers").order_by("sort_order", "pk")
    ]
    papers = sorted(meeting_papers(agenda, released_minutes=False).values_list("pk", flat=True))
    return {"items": items, "papers": papers}


def fingerprint(values):
    return hashlib.sha256(",".join(map(str, sorted(values))).encode()).hexdigest()[:16]
