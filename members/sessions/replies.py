"""Replies: an invitee answers from the personal link or "Meine Sitzungen" (attend, not attend, or
be represented), until the meeting begins; a substitute is invited for that one meeting, and one no
longer needed gets a cancellation. The attendance list shows each substitute below their member."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calendar_app.models import OccurrenceStatus
from members.models import (
    Agenda,
    Invitation,
    InviteeRole,
    MemberProfile,
    Reply,
    occurrence_of,
)

from .records import (
    SessionError,
    announce,
    source_of,
)


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
    if response not in Reply.values or response == Reply.NONE:
        raise SessionError(_("Please choose one of the answers."))
    if invitation.role == InviteeRole.SUBSTITUTE and response == Reply.SUBSTITUTED:
        raise SessionError(_("A substitute cannot name a substitute in turn."))
    with transaction.atomic():
        agenda = Agenda.objects.select_for_update().get(pk=invitation.agenda_id)
        previous = Invitation.objects.filter(substitute_for=invitation, withdrawn=False).first()
        substitute = None
        if response == Reply.SUBSTITUTED:
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
        "attending": sum(row.response == Reply.ATTENDING for row in members),
        "declined": sum(row.response == Reply.DECLINED for row in members),
        "substituted": sum(row.response == Reply.SUBSTITUTED for row in members),
        "open": sum(not row.response for row in members),
    }
