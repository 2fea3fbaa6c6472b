"""Inviting: the office's button or the period of notice invites the committee's members and guests
(each once), the reminder goes to those who have not answered (once), and the daily run tells the
office of sessions whose agenda is still empty."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.cache import invalidate
from members.models import (
    Agenda,
    Invitation,
    InviteeRole,
    Role,
)

from .records import (
    SessionError,
    announce,
    calendar_state,
    content_state,
    fingerprint,
    notice_days,
    seats,
    source_of,
    standing,
    the_meeting,
)


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
