"""Replying to an invitation: the personal page behind the link in the mail, its papers, and "Meine
Sitzungen" in the members' area.

A GET only shows (mail scanners open links); a POST records. The link is the invitee's alone: it
opens that one meeting, its papers through the link until the meeting ends, and takes replies until
it begins. Its answers send the referrer only to this site (`same-origin`), so that the token does not
travel to a video service or another site when a link on the page is followed; `no-referrer` would also
make browsers send `Origin: null` with the reply form, which Django's CSRF check refuses.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.utils.sendfile import sendfile

from calendar_app.models import OccurrenceStatus
from core.request_memo import active_locale
from members import access
from members.models import Agenda, Invitation, InviteeRole, MembersAreaPage, occurrence_of
from members.views import _require_member, private

from . import records
from .forms import ReplyForm
from .replies import attendance, link_open, record_reply, valid_invitation

BACK = "next"


def personal(response):
    response = private(response)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def gone(request, status=404, reason=""):
    return personal(render(request, "members/session_link_invalid.html", {"reason": reason}, status=status))


def with_substitute(invitation):
    invitation.current_substitute = (
        Invitation.objects.filter(substitute_for=invitation, withdrawn=False)
        .select_related("profile__user")
        .first()
    )
    return invitation


def session_view(agenda, locale, invitation=None, now=None):
    """What a page of one session shows: the meeting, every item with its papers, and the replies
    (to the committee's members when the office opened them)."""
    now = now or timezone.now()
    occurrence = occurrence_of(agenda)
    shown = records.in_language(agenda, locale.language_code)
    items = list(shown.items.prefetch_related("papers__document").order_by("sort_order", "pk"))
    on_items = {paper.pk for item in items for paper in item.papers.all()}
    papers = [paper for paper in records.meeting_papers(agenda) if paper.pk not in on_items]
    replies = None
    if invitation is not None and invitation.role != InviteeRole.SUBSTITUTE and records.replies_open(agenda):
        replies = attendance(agenda)
    return {
        "agenda": shown,
        "series": agenda.series.get_translation_or_none(locale) or agenda.series,
        "occurrence": occurrence,
        "cancelled": occurrence is None or occurrence.status == OccurrenceStatus.CANCELLED,
        "begun": occurrence is not None and occurrence.start <= now,
        "items": items,
        "other_papers": papers,
        "replies": replies,
    }


def record(request, invitation, form):
    """Validate and record a reply; returns an error message or None."""
    if not form.is_valid():
        return _("Please choose one of the answers.")
    data = form.cleaned_data
    try:
        record_reply(
            invitation,
            data["response"],
            colleague=data.get("colleague"),
            name=data.get("substitute_name", ""),
            email=data.get("substitute_email", ""),
        )
    except records.SessionError as error:
        return str(error)
    return None


def session_invitation(request, token):
    """The personal page of an invitation: the agenda, the papers and the reply."""
    invitation = valid_invitation(token)
    if invitation is None:
        return gone(request)
    if not link_open(invitation):
        return gone(request, 410, _("The meeting is over; this link no longer opens it."))
    agenda = invitation.agenda
    invitation = with_substitute(invitation)
    form = ReplyForm(request.POST or None, invitation=invitation)
    error = None
    if request.method == "POST":
        error = record(request, invitation, form)
        if error is None:
            back = request.POST.get(BACK, "")
            if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
                return redirect(back + "?gespeichert=1#sitzung-" + str(agenda.pk))
            return redirect(request.path + "?gespeichert=1")
    context = session_view(agenda, active_locale(), invitation)
    context.update(
        {
            "invitation": invitation,
            "form": form,
            "error": error,
            "saved": request.GET.get("gespeichert") == "1" and request.method == "GET",
            "token": token,
        }
    )
    return personal(render(request, "members/session.html", context, status=400 if error else 200))


def session_paper(request, token, paper_id):
    """A paper of the invitation's meeting, through the personal link (no account needed)."""
    invitation = valid_invitation(token)
    if invitation is None or not link_open(invitation):
        raise Http404
    paper = records.meeting_papers(invitation.agenda).filter(pk=paper_id).first()
    if paper is None:
        raise Http404
    document = paper.document
    return personal(
        sendfile(request, document.file.path, attachment=True, attachment_filename=document.filename)
    )


@MembersAreaPage.route_views.register
def my_sessions(page, request):
    """ "Meine Sitzungen": the coming meetings of the member's committees and those they were invited
    to, each with its agenda, its papers and the reply."""
    _require_member(request)
    profile = access.profile_of(request.user)
    now = timezone.now()
    locale = active_locale()
    invitations = {}
    if profile is not None:
        for invitation in Invitation.objects.filter(
            profile=profile, withdrawn=False, sent_sequence__gte=0
        ).select_related("agenda__series__committee", "profile__organisation"):
            invitations[invitation.agenda_id] = with_substitute(invitation)
    keys = access.committee_keys(request.user) if profile is None else access.my_committee_keys(request.user)
    agendas = Agenda.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE, invited_at__isnull=False
    ).select_related("series__committee", "locale")
    if keys is not None:
        agendas = agendas.filter(series__committee__translation_key__in=keys) | agendas.filter(
            pk__in=list(invitations)
        )
    entries = []
    for agenda in agendas.filter(meeting_date__gte=timezone.localdate(now)).order_by("meeting_date")[:20]:
        occurrence = occurrence_of(agenda)
        if occurrence is None or occurrence.end < now:
            continue
        invitation = invitations.get(agenda.pk)
        entry = session_view(agenda, locale, invitation, now)
        entry["invitation"] = invitation
        if invitation is not None:
            entry["form"] = ReplyForm(invitation=invitation, auto_id=f"i{invitation.pk}-%s")
            entry["reply_action"] = reverse("session_invitation", kwargs={"token": invitation.token})
        entries.append(entry)
    response = page.render(
        request,
        template="members/my_sessions.html",
        context_overrides={
            "entries": entries,
            "back": request.path,
            "saved": request.GET.get("gespeichert") == "1",
        },
    )
    return private(response)
