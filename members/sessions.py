"""A committee's session as the office runs it, over the models: invitations, what follows a change,
replies with substitutes, the reminder and the minutes.

This module decides what is due and records it; the mail itself goes out through the e-mail
service, which listens to `session_mail` (mailings.signals) and queues each mail in the same
transaction, once per key. Invitations and replies belong to the agenda in the site's language
(its translations share them).

What an invitee's calendar holds is kept on the agenda (`sent_state`, `sequence`): whenever the
series is rebuilt (a publish, a change to one meeting, an unpublish) `follow()` compares the meeting
with it and, when time, place, link or status differ, raises the sequence and mails an update or a
cancellation, once, whichever signal fired and however often.
"""

import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal, receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from calendar_app.models import EventPage, OccurrenceStatus
from calendar_app.storage import series_rebuilt
from core.pagecache import invalidate

from .models import (
    Agenda,
    CommitteeMembership,
    CommitteePapersAccess,
    Invitation,
    InviteeRole,
    MeetingPaper,
    MemberProfile,
    PaperKind,
    Response,
    Role,
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
    return CommitteePapersAccess.objects.filter(committee__translation_key=committee_key(agenda)).first()


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


def new_invitations(agenda):
    """Invitations for the committee's members and guests who have none yet, or whose was never sent;
    returns their ids."""
    ids = []
    for seat in seats(agenda):
        invitation, _created = Invitation.objects.get_or_create(
            agenda=agenda,
            profile=seat.profile,
            defaults={"role": InviteeRole.GUEST if seat.role == Role.GUEST else InviteeRole.MEMBER},
        )
        if invitation.sent_sequence < 0 and not invitation.withdrawn:
            ids.append(invitation.pk)
    return ids


def fingerprint(values):
    return hashlib.sha256(",".join(map(str, sorted(values))).encode()).hexdigest()[:16]


def invite(agenda, now=None):
    """Invite the committee's members and guests who were not invited yet (the office's button, or the
    period of notice); returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        agenda = (
            Agenda.objects.select_for_update()
            .select_related("series__committee")
            .get(pk=source_of(agenda).pk)
        )
        occurrence = the_meeting(agenda, now)
        ids = new_invitations(agenda)
        if not ids:
            raise SessionError(_("Everyone on the committee has been invited already."))
        if agenda.invited_at is None:
            agenda.invited_at = now
            agenda.sent_state = calendar_state(agenda, occurrence)
            agenda.content_state = content_state(agenda)
            agenda.save(update_fields=["invited_at", "sent_state", "content_state"])
        Invitation.objects.filter(pk__in=ids).update(sent_sequence=agenda.sequence)
        announce(
            "invitation",
            agenda,
            f"invitation:{agenda.pk}:{agenda.sequence}:{fingerprint(ids)}",
            invitations=ids,
            sequence=agenda.sequence,
        )
        invalidate(f"series:{agenda.series.translation_key}")  # its page shows the agenda from now on
    return len(ids)


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


@receiver(series_rebuilt, dispatch_uid="members_follow_sessions")
def series_rebuilt_handler(sender, translation_key, **kwargs):
    follow(translation_key)


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


def remind(agenda, now=None):
    """Remind those invited who have not answered, once; returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        agenda = Agenda.objects.select_for_update().get(pk=source_of(agenda).pk)
        if agenda.invited_at is None:
            raise SessionError(_("Send the invitation first."))
        the_meeting(agenda, now)
        if agenda.reminded_at:
            raise SessionError(
                _("The reminder was sent already, on %(date)s.")
                % {"date": f"{timezone.localtime(agenda.reminded_at):%d.%m.%Y}"}
            )
        silent = [invitation.pk for invitation in standing(agenda) if not invitation.response]
        if not silent:
            raise SessionError(_("Everyone invited has answered."))
        agenda.reminded_at = now
        agenda.save(update_fields=["reminded_at"])
        announce("reminder", agenda, f"reminder:{agenda.pk}", invitations=silent)
    return len(silent)


def minutes_paper(agenda):
    """The minutes of the meeting (a meeting paper of the kind minutes), or None."""
    agenda = source_of(agenda)
    return (
        MeetingPaper.objects.filter(
            series__translation_key=agenda.series.translation_key,
            meeting_date=agenda.meeting_date,
            kind=PaperKind.MINUTES,
        )
        .order_by("-pk")
        .first()
    )


def release_minutes(agenda, now=None):
    """Release the minutes: the committee's members are told (at once or in their weekly digest)."""
    now = now or timezone.now()
    with transaction.atomic():
        agenda = Agenda.objects.select_for_update().get(pk=source_of(agenda).pk)
        if agenda.minutes_released_at:
            raise SessionError(_("The minutes were released already."))
        occurrence = occurrence_of(agenda)
        if occurrence is not None and occurrence.start > now:
            raise SessionError(_("Minutes are released after the meeting."))
        minutes = minutes_paper(agenda)
        if minutes is None:
            raise SessionError(
                _("Add the minutes first: a meeting paper of the kind minutes for this meeting.")
            )
        agenda.minutes_released_at = now
        agenda.save(update_fields=["minutes_released_at"])
        announce("minutes", agenda, f"minutes:{agenda.pk}", paper=minutes.pk)
        invalidate(f"series:{agenda.series.translation_key}")
    return minutes


def send_due(now=None):
    """Invite for every session whose period of notice has begun and whose agenda has items; tell the
    office, once, of those whose agenda is still empty. Returns (sessions invited, notes to the office)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    invited = told = 0
    waiting = Agenda.objects.filter(
        invited_at=None, locale__language_code=settings.LANGUAGE_CODE, meeting_date__gte=today
    ).select_related("series__committee")
    for agenda in waiting:
        if agenda.meeting_date > today + datetime.timedelta(days=notice_days(agenda)):
            continue
        try:
            the_meeting(agenda, now)
        except SessionError:
            continue
        if agenda.items.exists():
            try:
                invite(agenda, now)
                invited += 1
            except SessionError:
                pass
        elif agenda.office_told_at is None:
            Agenda.objects.filter(pk=agenda.pk).update(office_told_at=now)
            announce("office", agenda, f"office-note:{agenda.pk}")
            told += 1
    return invited, told


def record_reply(invitation, response, now=None, colleague=None, name="", email=""):
    """Record an invitee's answer (changeable until the meeting begins). With a substitute, the
    substitute is invited; a substitute no longer needed gets a cancellation."""
    now = now or timezone.now()
    if invitation.withdrawn:
        raise SessionError(_("This invitation was withdrawn."))
    occurrence = occurrence_of(invitation.agenda)
    if occurrence is None or occurrence.status == OccurrenceStatus.CANCELLED:
        raise SessionError(_("The meeting is cancelled: there is nothing to reply to."))
    if occurrence.start <= now:
        raise SessionError(_("The meeting has begun: replies are no longer taken."))
    if response not in Response.values or response == Response.NONE:
        raise SessionError(_("Please choose one of the answers."))
    if invitation.role == InviteeRole.SUBSTITUTE and response == Response.SUBSTITUTED:
        raise SessionError(_("A substitute cannot name a substitute in turn."))
    with transaction.atomic():
        agenda = Agenda.objects.select_for_update().get(pk=invitation.agenda_id)
        previous = Invitation.objects.filter(substitute_for=invitation, withdrawn=False).first()
        substitute = None
        if response == Response.SUBSTITUTED:
            substitute = _substitute(agenda, invitation, colleague, name, email, previous)
        elif previous is not None:
            _withdraw(agenda, previous)
        if substitute is not None and substitute.sent_sequence < 0:
            substitute.sent_sequence = agenda.sequence
            substitute.save(update_fields=["sent_sequence"])
            announce(
                "invitation",
                agenda,
                f"invitation:{agenda.pk}:substitute:{substitute.pk}:{agenda.sequence}",
                invitations=[substitute.pk],
                sequence=agenda.sequence,
                substitute=True,
            )
        Invitation.objects.filter(pk=invitation.pk).update(response=response, responded_at=now)
        invitation.response, invitation.responded_at = response, now
    return substitute


def _withdraw(agenda, substitute):
    """A substitute no longer needed: a cancellation for their calendar, and nothing more."""
    was_sent = substitute.sent_sequence >= 0
    Invitation.objects.filter(pk=substitute.pk).update(
        withdrawn=True, substitute_for=None, response="", responded_at=None
    )
    if was_sent:
        agenda.sequence += 1
        agenda.save(update_fields=["sequence"])
        announce(
            "invitation",
            agenda,
            f"withdrawal:{substitute.pk}:{agenda.sequence}",
            invitations=[substitute.pk],
            sequence=agenda.sequence,
            method="CANCEL",
            withdrawn=True,
        )


def _substitute(agenda, invitation, colleague, name, email, previous):
    """The substitute's invitation: a colleague from the member organisation, or a name and an address.
    Someone invited to the meeting already cannot be named (unless it is the same substitute again).
    A substitute named before is withdrawn first (their cancellation, then the new one's invitation):
    an invitee stands in for one person at a time, which the database holds to."""
    if colleague is None:
        email = (email or "").strip().lower()
        name = " ".join((name or "").split())
        if not email or not name:
            raise SessionError(
                _("Please give the substitute's name and e-mail address, or choose a colleague.")
            )
        colleague = MemberProfile.objects.filter(user__email__iexact=email).select_related("user").first()
    if colleague is not None:
        if colleague.pk == invitation.profile_id:
            raise SessionError(_("Choose someone else as your substitute."))
        if invitation.profile_id is None or colleague.organisation_id != invitation.profile.organisation_id:
            raise SessionError(_("The substitute must be a colleague of the same member organisation."))
        existing = Invitation.objects.filter(agenda=agenda, profile=colleague).first()
        label = colleague.user.get_full_name() or colleague.user.email
    else:
        existing = Invitation.objects.filter(agenda=agenda, email=email).first()
        label = email
    if existing is not None and previous is not None and existing.pk == previous.pk:
        return previous  # the same substitute again
    if existing is not None and not existing.withdrawn:
        raise SessionError(_("%(name)s is invited to this meeting already.") % {"name": label})
    if previous is not None:
        _withdraw(agenda, previous)
    if existing is not None:
        # Named before and withdrawn: the same record again (a new invitation).
        existing.withdrawn, existing.substitute_for, existing.sent_sequence = False, invitation, -1
        existing.role = InviteeRole.SUBSTITUTE
        if colleague is None:
            existing.name = name
        existing.save(update_fields=["withdrawn", "substitute_for", "sent_sequence", "role", "name"])
        return existing
    target = {"profile": colleague} if colleague is not None else {"name": name, "email": email}
    return Invitation.objects.create(
        agenda=agenda, role=InviteeRole.SUBSTITUTE, substitute_for=invitation, **target
    )


def valid_invitation(token):
    """The standing invitation of a personal link, or None (unknown, forged or withdrawn)."""
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.filter(token=token, withdrawn=False)
        .select_related(
            "agenda__series__committee",
            "profile__user",
            "profile__organisation",
            "substitute_for__profile__user",
            "substitute_for__profile__organisation",
        )
        .first()
    )


def link_open(invitation, now=None):
    """Whether the personal link still opens the session (until the meeting ends; replies until it begins)."""
    occurrence = occurrence_of(invitation.agenda)
    if occurrence is None:
        return False
    return (now or timezone.now()) <= occurrence.end


def attendance(agenda):
    """Everyone invited, as the attendance list shows them: members and guests with their answer,
    and each substitute below the member they stand in for."""
    agenda = source_of(agenda)
    rows = []
    invitations = (
        Invitation.objects.filter(agenda=agenda, withdrawn=False, sent_sequence__gte=0)
        .select_related("profile__user", "profile__organisation", "substitute_for__profile__organisation")
        .order_by("profile__organisation__name", "profile__user__last_name", "pk")
    )
    substitutes = {i.substitute_for_id: i for i in invitations if i.role == InviteeRole.SUBSTITUTE}
    for invitation in invitations:
        if invitation.role == InviteeRole.SUBSTITUTE:
            continue
        rows.append(invitation)
        if invitation.pk in substitutes:
            rows.append(substitutes[invitation.pk])
    return rows


def counts(agenda):
    rows = attendance(agenda)
    members = [row for row in rows if row.role != InviteeRole.SUBSTITUTE]
    return {
        "invited": len(members),
        "attending": sum(row.response == Response.ATTENDING for row in members),
        "declined": sum(row.response == Response.DECLINED for row in members),
        "substituted": sum(row.response == Response.SUBSTITUTED for row in members),
        "open": sum(not row.response for row in members),
    }
