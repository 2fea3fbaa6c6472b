"""Committee sessions by mail: invitations that calendar programs show as meetings, their updates and
cancellations, notices of a changed agenda, the reminder, the released minutes and the note to the
office (members.sessions decides what is due and says so with its `session_mail` signal).

Every mail to an invitee is personal: their reply link, their papers through that link, and the
iTIP part with them as the ATTENDEE. The rest of a mail is rendered once per language.
"""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import SafeMIMEText
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from calendar_app.describe import meeting_span
from calendar_app.models import EventPage, OccurrenceStatus
from members import sessions
from members.models import (
    OFFICE_GROUP,
    Agenda,
    Invitation,
    InviteeRole,
    MeetingPaper,
    occurrence_of,
)
from members.sessions import itip

from . import recipients as who
from .models import MessageKind, Timing
from .render import MANAGE, TOKEN, Rendered, absolute, in_language, office_note, venue_in

KINDS = {
    "invitation": MessageKind.INVITATION,
    "change": MessageKind.MEETING,
    "notice": MessageKind.SESSION_NOTICE,
    "reminder": MessageKind.REMINDER,
    "minutes": MessageKind.MINUTES,
    "office": MessageKind.OFFICE_NOTE,
}
# Mails about the committee work one is part of: no unsubscribe (they are not a list one joined).
PERSONAL = {
    MessageKind.INVITATION,
    MessageKind.SESSION_NOTICE,
    MessageKind.REMINDER,
    MessageKind.MINUTES,
    MessageKind.OFFICE_NOTE,
}


def agenda_of(message):
    return (
        Agenda.objects.filter(pk=message.data.get("agenda"))
        .select_related("series__committee", "locale")
        .first()
    )


def language_of_invitee(invitation):
    if invitation.profile_id:
        return who.language_of(invitation.profile, who.settings_of(invitation.profile))
    return settings.LANGUAGE_CODE


def as_recipient(invitation):
    return who.Recipient(
        invitation.address,
        language_of_invitee(invitation),
        profile_id=invitation.profile_id,
        invitation_id=invitation.pk,
    )


def invitees(message):
    """Who of those invited gets this mail, as they stand at the fan-out."""
    agenda = agenda_of(message)
    if agenda is None:
        return []
    data = message.data
    if data.get("withdrawn"):
        chosen = Invitation.objects.filter(pk__in=data["invitations"]).select_related("profile__user")
        return [as_recipient(invitation) for invitation in chosen]
    invitations = sessions.standing(agenda)
    if "invitations" in data:
        wanted = set(data["invitations"])
        invitations = [invitation for invitation in invitations if invitation.pk in wanted]
    if message.kind == MessageKind.REMINDER:
        invitations = [invitation for invitation in invitations if not invitation.response]
    return [as_recipient(invitation) for invitation in invitations if invitation.address]


def recipients(message):
    """The recipients of a session's mail (None: not a session's mail)."""
    kind = message.kind
    if kind in (MessageKind.INVITATION, MessageKind.SESSION_NOTICE, MessageKind.REMINDER):
        return invitees(message)
    if kind == MessageKind.MEETING and message.data.get("agenda"):
        # Everyone invited gets the update with their calendar part; the committee's other members
        # who keep meeting notices on get the notice as before (fan_out keeps the first per address).
        return [*invitees(message), *who.for_meeting(message.data["committee_key"])]
    if kind == MessageKind.MINUTES:
        agenda = agenda_of(message)
        if agenda is None:
            return []
        profiles = who.member_profiles().filter(pk__in=sessions.seats(agenda).values("profile_id"))
        return [
            who.Recipient(profile.user.email, who.language_of(profile, choice), profile_id=profile.pk)
            for profile in profiles
            if (choice := who.settings_of(profile)).timing == Timing.IMMEDIATE
        ]
    if kind == MessageKind.OFFICE_NOTE:
        agenda = agenda_of(message)
        if agenda is None:
            return []
        contact = agenda.series.committee.contact_email
        if contact:
            return [who.Recipient(contact, settings.LANGUAGE_CODE)]
        staff = get_user_model().objects.filter(is_active=True, groups__name=OFFICE_GROUP).exclude(email="")
        return [who.Recipient(user.email, settings.LANGUAGE_CODE) for user in staff.order_by("pk")]
    return None


def still_wanted(delivery, message):
    """Whether an invitee's mail is still theirs to get (None: not an invitee's mail)."""
    if message.kind == MessageKind.OFFICE_NOTE:
        return True
    if not delivery.invitee:
        return None
    invitation = delivery.invitation
    if invitation is None:
        return False
    if message.data.get("withdrawn"):
        return invitation.withdrawn
    if invitation.withdrawn:
        return False
    if invitation.profile_id is None:
        return True  # a substitute from outside the member users, named for this one meeting
    if not delivery.member_now:
        return False
    if invitation.role == InviteeRole.SUBSTITUTE:
        return True
    return sessions.seats(invitation.agenda).filter(profile_id=invitation.profile_id).exists()


def personal_url(name, **kwargs):
    return absolute(reverse(name, kwargs={"token": TOKEN, **kwargs}))


def session_context(message, language):
    """What the session's templates show, in one language: the meeting, the agenda with the papers
    per item (through the invitee's own link), the other papers, and the reply link."""
    agenda = agenda_of(message)
    shown = sessions.in_language(agenda, language)
    series = in_language(EventPage.objects.filter(pk=agenda.series_id).first(), language)
    occurrence = occurrence_of(agenda)
    state = agenda.sent_state or {}
    start = occurrence.start if occurrence else datetime.datetime.fromisoformat(state["start"])
    end = occurrence.end if occurrence else datetime.datetime.fromisoformat(state["end"])
    start, end = timezone.localtime(start), timezone.localtime(end)
    all_day = occurrence.all_day if occurrence else state.get("all_day", False)

    def paper_link(paper):
        return {"label": paper.label, "url": personal_url("session_paper", paper_id=paper.pk)}

    on_items = set()
    items = []
    for item in shown.items.prefetch_related("papers__document").order_by("sort_order", "pk"):
        papers = list(item.papers.all())
        on_items.update(paper.pk for paper in papers)
        items.append({"item": item, "papers": [paper_link(paper) for paper in papers]})
    others = [paper_link(p) for p in sessions.meeting_papers(agenda) if p.pk not in on_items]
    new_papers = MeetingPaper.objects.filter(pk__in=message.data.get("new_papers", []))
    minutes = MeetingPaper.objects.filter(pk=message.data.get("paper")).first()
    return {
        "agenda": shown,
        "title": series.title if series else agenda.series.title,
        "committee": series.committee.name if series else "",
        "series_url": absolute(series.url) if series else absolute(""),
        "when": meeting_span(start, end, all_day),
        "start": start,
        "venue": venue_in(occurrence.venue_id if occurrence else state.get("venue"), language),
        "online": occurrence.online_mode if occurrence else state.get("online", ""),
        "join_url": agenda.series.join_url,
        "cancelled": occurrence is None or occurrence.status == OccurrenceStatus.CANCELLED,
        "items": items,
        "other_papers": others,
        "new_papers": [paper_link(paper) for paper in new_papers],
        "items_changed": message.data.get("items_changed", False),
        "withdrawn": message.data.get("withdrawn", False),
        "substitute": message.data.get("substitute", False),
        "stands_in_for": stands_in_for(message),
        "reply_url": personal_url("session_invitation"),
        "minutes": paper_link(minutes) if minutes else None,
        "minutes_url": absolute(reverse("meeting_paper", kwargs={"paper_id": minutes.pk})) if minutes else "",
        "admin_url": absolute(reverse("members_session", kwargs={"pk": agenda.pk})),
        "notice_days": sessions.notice_days(agenda),
    }


def stands_in_for(message):
    """Whom a substitute stands in for (their name and organisation), for the substitute's invitation."""
    if not message.data.get("substitute"):
        return ""
    invitation = (
        Invitation.objects.filter(pk__in=message.data.get("invitations", []))
        .select_related("substitute_for__profile__user", "substitute_for__profile__organisation")
        .first()
    )
    member = invitation.substitute_for if invitation is not None else None
    if member is None:
        return ""
    return f"{member.display_name} ({member.organisation})" if member.organisation else member.display_name


def subject_of(message, context):
    values = {"title": context["title"], "date": formats.date_format(context["start"], "DATE_FORMAT")}
    if message.kind == MessageKind.INVITATION:
        if context["withdrawn"]:
            return _("No longer needed as a substitute: %(title)s on %(date)s") % values
        return _("Invitation: %(title)s on %(date)s") % values
    if message.kind == MessageKind.REMINDER:
        return _("Please reply: %(title)s on %(date)s") % values
    if message.kind == MessageKind.SESSION_NOTICE:
        return _("New for the meeting: %(title)s on %(date)s") % values
    if message.kind == MessageKind.MINUTES:
        return _("Minutes: %(title)s on %(date)s") % values
    return _("The agenda is still empty: %(title)s on %(date)s") % values


TEMPLATES = {
    MessageKind.INVITATION: "invitation",
    MessageKind.REMINDER: "invitation",
    MessageKind.SESSION_NOTICE: "session_notice",
    MessageKind.MINUTES: "minutes",
    MessageKind.OFFICE_NOTE: "office_note",
}
LIST_NAMES = {
    MessageKind.INVITATION: "Invitations",
    MessageKind.REMINDER: "Invitations",
    MessageKind.SESSION_NOTICE: "Invitations",
    MessageKind.MINUTES: "Minutes",
    MessageKind.OFFICE_NOTE: "Office",
}


def list_name(kind):
    return {"Invitations": _("Invitations"), "Minutes": _("Minutes"), "Office": _("Office")}[LIST_NAMES[kind]]


class InvitationMail(EmailMultiAlternatives):
    """A mail with an iMIP part (RFC 6047): `text/calendar; method=…` as the last alternative of the
    multipart/alternative, which Outlook, Apple Mail, Thunderbird and Gmail show as a meeting (an
    attached .ics file is shown as a file)."""

    method = "REQUEST"

    def _create_mime_attachment(self, content, mimetype):
        if mimetype == "text/calendar":
            part = SafeMIMEText(content, "calendar", "utf-8")
            part.set_param("method", self.method)
            return part
        return super()._create_mime_attachment(content, mimetype)


def calendar_part(message, delivery):
    """The invitee's iTIP part: REQUEST (the invitation, an update) or CANCEL, or None (no invitee)."""
    invitation = delivery.invitation
    if not delivery.invitee or invitation is None:
        return None
    data = message.data
    method = data.get("method", "REQUEST")
    if message.kind not in (MessageKind.INVITATION, MessageKind.MEETING):
        return None
    agenda = invitation.agenda
    occurrence = occurrence_of(agenda)
    state = agenda.sent_state or {}
    if occurrence is not None and occurrence.status != OccurrenceStatus.CANCELLED:
        start, end, all_day = occurrence.start, occurrence.end, occurrence.all_day
        venue_id, online = occurrence.venue_id, occurrence.online_mode
    else:
        start = datetime.datetime.fromisoformat(data.get("start") or state["start"])
        end = datetime.datetime.fromisoformat(data.get("end") or state["end"])
        all_day, venue_id, online = (
            data.get("all_day", False),
            data.get("venue_id"),
            data.get("online_mode", ""),
        )
    with translation.override(delivery.language):
        series = in_language(EventPage.objects.filter(pk=agenda.series_id).first(), delivery.language)
        title = series.title if series else agenda.series.title
        venue = venue_in(venue_id, delivery.language)
        join = agenda.series.join_url
        location = ", ".join(part for part in (venue.name, venue.city) if part) if venue else ""
        if venue and venue.address:
            location = f"{venue.name}, {' '.join(venue.address.split())}, {venue.city}"
        if not location and online:
            location = join or str(_("Video conference") if online == "video" else _("Telephone conference"))
        reply = personal_url("session_invitation").replace(TOKEN, invitation.token)
        description = []
        note = office_note(series, data.get("original_date") or agenda.meeting_date)
        if note:
            description.append(note)
        if method == "CANCEL":
            if data.get("withdrawn"):
                description.append(_("You are no longer needed as a substitute for this meeting."))
            else:
                description.append(_("The meeting does not take place."))
        else:
            description.append(_("Agenda, papers and your reply: %(url)s") % {"url": reply})
            if join and location != join:
                description.append(_("Join the meeting: %(url)s") % {"url": join})
            if invitation.role == InviteeRole.SUBSTITUTE:
                description.append(_("You will find the papers by the link above."))
            else:
                description.append(
                    _("Please reply on the website: replies sent from your calendar do not reach us.")
                )
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return itip.invitation(
        method,
        uid=itip.meeting_uid(agenda),
        sequence=data.get("sequence", agenda.sequence),
        start=start,
        end=end,
        all_day=all_day,
        summary=title,
        location=location,
        url=reply,
        description="\n".join(str(line) for line in description),
        organizer=(name, address),
        attendee=(invitation.display_name, delivery.email),
    ).decode()


def with_calendar(mail, part, method):
    """The mail as an InvitationMail carrying the iTIP part."""
    invitation_mail = InvitationMail(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=mail.to,
        headers=mail.extra_headers,
    )
    invitation_mail.method = method
    for alternative in mail.alternatives:
        invitation_mail.attach_alternative(alternative.content, alternative.mimetype)
    invitation_mail.attach_alternative(part, "text/calendar")
    return invitation_mail


def render(message, language):
    """A session's mail in one language; the invitee's token is put in per mail (personalise)."""
    with translation.override(language):
        context = session_context(message, language)
        context.update(
            {
                "message": message,
                "language": language,
                "manage_url": MANAGE,
                "note": "",
                "reminder": message.kind == MessageKind.REMINDER,
                "list_name": list_name(message.kind),
            }
        )
        subject = subject_of(message, context)
        context["subject"] = subject
        template = TEMPLATES[message.kind]
        body = render_to_string(f"mailings/email/{template}.html", context)
        text = render_to_string(f"mailings/email/{template}.txt", context)
    return Rendered(
        subject=" ".join(subject.split()), text=text, html=body, list_name=str(context["list_name"])
    )
