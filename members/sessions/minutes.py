"""Minutes: released after the meeting, once; the committee's members are told at once or in their
weekly digest."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.cache import invalidate
from members.models import (
    Agenda,
    MeetingPaper,
    PaperKind,
    occurrence_of,
)

from .records import (
    SessionError,
    announce,
    source_of,
)


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
