"""A committee's session as the office runs it (Sitzung): the agenda, the invitations that land in
the invitees' calendars and follow every change, the replies with substitutes, the reminder, the
attendance list and the minutes.

The models are in members.models (Agenda, AgendaItem, Invitation); the work is split by step:
`inviting`, `following` (the calendar's changes), `replies` (and substitutes), `minutes`, over
`records` (what every step reads and writes). `views` serves the invitee's personal page and "Meine
Sitzungen", `forms` the reply, `office` the office's view in the admin, `wagtail_hooks` the admin's
list of agendas, `itip` the calendar part of the mails. The mails themselves are written by the
e-mail service (mailings.sessions), which listens to `records.session_mail`; how a change travels
from the calendar to an invitee's mailbox is told in the README ("Signals").

The steps are named here, so that callers write `sessions.invite(agenda)`.
"""

from .following import agenda_changed, agendas_of_paper, follow, invited_dates, notice_data
from .inviting import invite, new_invitations, remind, send_due
from .minutes import minutes_paper, release_minutes
from .records import (
    SessionError,
    announce,
    calendar_state,
    committee_key,
    content_state,
    in_language,
    meeting_papers,
    notice_days,
    replies_open,
    seats,
    session_mail,
    settings_of,
    source_of,
    standing,
    the_meeting,
)
from .replies import attendance, counts, link_open, record_reply, valid_invitation

__all__ = [
    "SessionError",
    "agenda_changed",
    "agendas_of_paper",
    "announce",
    "attendance",
    "calendar_state",
    "committee_key",
    "content_state",
    "counts",
    "follow",
    "in_language",
    "invite",
    "invited_dates",
    "link_open",
    "meeting_papers",
    "minutes_paper",
    "new_invitations",
    "notice_data",
    "notice_days",
    "record_reply",
    "release_minutes",
    "remind",
    "replies_open",
    "seats",
    "send_due",
    "session_mail",
    "settings_of",
    "source_of",
    "standing",
    "the_meeting",
    "valid_invitation",
]
