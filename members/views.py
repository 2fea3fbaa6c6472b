"""The members' area for member users: their home, "Themen", search, calendar, API access, papers."""

import datetime
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from rest_framework.exceptions import AuthenticationFailed
from wagtail.models import APIToken, Page
from wagtail.utils.sendfile import sendfile

from articles.models import ArticlePage, Topic
from calendar_app import ical
from calendar_app.models import EventPage, Occurrence
from calendar_app.presentation import present
from core.inputs import FIRST_YEAR, LAST_YEAR, ascii_int
from core.pagination import paginate
from core.request_memo import active_locale
from core.search import expanded_query
from core.security import client_ip, within_limit

from . import access
from .authentication import APITokenAuthentication
from .models import CircularPage, MeetingPaper, MemberProfile, MembersAreaPage

PAGE_SIZE = 20
logger = logging.getLogger("staedtetag.members")


def _require_member(request):
    if not access.may_enter(request.user):
        raise PermissionDenied


def private(response):
    """Members' answers are never stored by a shared cache or the browser's back-forward cache."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response


def member_series_keys(user):
    """Translation keys of the meeting series this user may see: public ones, and members-only ones."""
    visible = access.visible_pages(user, EventPage.objects.live())
    return set(visible.values_list("translation_key", flat=True))


def my_meetings(request, limit=10):
    """Upcoming meetings of the user's committees, each with the papers the user may see."""
    keys = access.my_committee_keys(request.user)
    if not keys:
        return []
    occurrences = (
        Occurrence.objects.filter(
            translation_key__in=member_series_keys(request.user), committee__translation_key__in=keys
        )
        .select_related("committee", "venue")
        .upcoming()[:limit]
    )
    meetings = present(occurrences, request, active_locale(), visible_keys=member_series_keys(request.user))
    papers = list(
        access.papers_for(request.user).filter(
            series__translation_key__in={m.occurrence.translation_key for m in meetings}
        )
    )
    for meeting in meetings:
        day = meeting.original_start.date()
        meeting.papers = [
            paper
            for paper in papers
            if paper.series.translation_key == meeting.occurrence.translation_key
            and paper.meeting_date in (None, day)
        ]
    return meetings


@MembersAreaPage.route_views.register
def members_home(page, request):
    _require_member(request)
    circulars = access.visible_pages(request.user, CircularPage.objects.live()).filter(locale=page.locale)
    response = page.render(
        request,
        context_overrides={
            "circulars": circulars.order_by("-date", "-number")[:5],
            "meetings": my_meetings(request),
            "profile": access.profile_of(request.user),
        },
    )
    return private(response)


def knowledge_items(user, locale, topic=None, year=None, kind=None):
    """Circulars and statements together, newest first: the "Themen" knowledge base."""
    circulars = access.visible_pages(user, CircularPage.objects.live()).filter(locale=locale)
    statements = access.visible_pages(user, ArticlePage.objects.live()).filter(locale=locale)
    if topic is not None:
        circulars = circulars.filter(topics__translation_key=topic.translation_key)
        statements = statements.filter(topics__translation_key=topic.translation_key)
    if year is not None:
        circulars = circulars.filter(date__year=year)
        statements = statements.filter(date__year=year)
    ids = []
    if kind in (None, "circular"):
        ids += list(circulars.values_list("pk", flat=True))
    if kind in (None, "statement"):
        ids += list(statements.values_list("pk", flat=True))
    return Page.objects.filter(pk__in=ids)


@MembersAreaPage.route_views.register
def knowledge_base(page, request):
    _require_member(request)
    locale = page.locale
    topic = None
    if request.GET.get("topic"):
        topic = Topic.objects.filter(slug=request.GET["topic"], locale=locale).first()
    year = ascii_int(request.GET.get("year", ""), FIRST_YEAR, LAST_YEAR)
    kind = request.GET.get("kind") if request.GET.get("kind") in ("circular", "statement") else None
    query = request.GET.get("q", "").strip()[:200]
    items = knowledge_items(request.user, locale, topic, year, kind)
    words = []
    if query:
        expanded, words = expanded_query(query)
        results = items.search(expanded) if expanded is not None else items.none()
        page_obj = paginate(request, results, PAGE_SIZE)
    else:
        ordered = sorted(
            Page.objects.filter(pk__in=items.values("pk")).specific(),
            key=lambda item: (getattr(item, "date", datetime.date.min), item.pk),
            reverse=True,
        )
        page_obj = paginate(request, ordered, PAGE_SIZE)
    entries = [getattr(item, "specific", item) for item in page_obj.object_list]
    years = sorted(
        {d.year for d in CircularPage.objects.live().filter(locale=locale).dates("date", "year")}
        | {d.year for d in ArticlePage.objects.live().filter(locale=locale).dates("date", "year")},
        reverse=True,
    )
    response = page.render(
        request,
        template="members/knowledge_base.html",
        context_overrides={
            "entries": entries,
            "page_obj": page_obj,
            "topics": Topic.objects.filter(locale=locale).order_by("name"),
            "years": years,
            "active_topic": topic,
            "active_year": year,
            "active_kind": kind,
            "query": query,
            "words": words,
        },
    )
    return private(response)


@MembersAreaPage.route_views.register
def members_search(page, request):
    return knowledge_base(page, request)


@MembersAreaPage.route_views.register
def calendar_settings(page, request):
    _require_member(request)
    profile = access.profile_of(request.user)
    if profile is None:
        raise Http404
    if request.method == "POST":
        profile.new_calendar_token()
        messages.success(request, _("Your calendar has a new address. The old one no longer works."))
        return redirect(request.path)
    feed = request.build_absolute_uri(reverse("member_calendar", args=[profile.calendar_token]))
    response = page.render(
        request,
        template="members/calendar.html",
        context_overrides={"feed_url": feed, "webcal_url": "webcal://" + feed.split("://", 1)[1]},
    )
    return private(response)


@MembersAreaPage.route_views.register
def api_tokens(page, request):
    _require_member(request)
    user = request.user
    plaintext = None
    if request.method == "POST":
        if request.POST.get("revoke"):
            token = APIToken.objects.filter(
                user=user, pk=ascii_int(request.POST["revoke"]), revoked_at=None
            ).first()
            if token is not None:
                token.revoke()
                messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
            return redirect(request.path)
        name = request.POST.get("name", "").strip()[:100] or _("Intranet")
        _token, plaintext = APIToken.create_token(user=user, name=name)
    tokens = APIToken.objects.filter(user=user).order_by("-created")
    response = page.render(
        request,
        template="members/api_tokens.html",
        context_overrides={"tokens": tokens, "plaintext": plaintext},
    )
    return private(response)


@never_cache
def member_calendar(request, token):
    """The personal iCal feed: the meetings of the member's committees, at a secret, revocable address."""
    profile = (
        MemberProfile.objects.filter(calendar_token=token).select_related("user", "organisation").first()
    )
    if profile is None or not access.is_member(profile.user):
        raise Http404
    keys = access.my_committee_keys(profile.user)
    visible = member_series_keys(profile.user)
    locale = active_locale()
    pages = (
        EventPage.objects.live()
        .filter(translation_key__in=visible, committee__translation_key__in=keys)
        .select_related("locale", "committee", "venue")
    )
    chosen = {}
    for series in pages:
        if series.translation_key not in chosen or series.locale_id == locale.pk:
            chosen[series.translation_key] = series
    calendar = ical.build_calendar(
        sorted(chosen.values(), key=lambda p: p.pk), request, _("My meetings"), locale, visible_keys=visible
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meine-termine.ics"'
    return private(response)


def paper_download(request, paper_id):
    """A meeting paper, after the permission check; the web server may send the file (X-Accel-Redirect).

    A signed-in member, or an intranet with the member's API token (Authorization: Bearer ...).
    """
    user = request.user
    public = MeetingPaper.objects.filter(pk=paper_id, public=True).select_related("document").first()
    if public is not None:  # the office made it public: anyone may download it
        document = public.document
        return sendfile(request, document.file.path, attachment=True, attachment_filename=document.filename)
    if "HTTP_AUTHORIZATION" in request.META:
        try:
            authenticated = APITokenAuthentication().authenticate(request)
        except AuthenticationFailed:
            authenticated = None
        if authenticated is None:
            return private(HttpResponse(status=401, headers={"WWW-Authenticate": 'Bearer realm="api"'}))
        user = authenticated[0]
    elif not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    paper = get_object_or_404(
        MeetingPaper.objects.select_related("series__committee", "document"), pk=paper_id
    )
    if not access.may_see_paper(user, paper):
        raise Http404  # not even that it exists
    document = paper.document
    response = sendfile(request, document.file.path, attachment=True, attachment_filename=document.filename)
    return private(response)


class MemberLoginView(auth_views.LoginView):
    # No automatic redirect for someone already signed in: a restricted page they may not see sends
    # them here, and a redirect back would loop. The page says whose account it is instead.
    template_name = "members/login.html"
    redirect_authenticated_user = False

    def get_default_redirect_url(self):
        area = MembersAreaPage.objects.live().filter(locale=active_locale()).first()
        return area.get_url(self.request) if area else "/"


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with at most PASSWORD_RESET_LIMIT mails an hour per address and per
    account, and more requests from one connection slowed down to the same limit tenfold.

    Whoever asks gets the same answer ("if there is an account, a mail is on its way"), whether the
    account exists, whether a mail went out, or whether the limit kept it back: the page tells
    nobody which addresses have accounts, and a member's inbox cannot be flooded.
    """

    template_name = "members/password_reset.html"
    email_template_name = "members/email/password_reset.txt"
    subject_template_name = "members/email/password_reset_subject.txt"

    def form_valid(self, form):
        limit, hour = settings.PASSWORD_RESET_LIMIT, 60 * 60
        email = form.cleaned_data["email"].strip().lower()
        counted = [
            within_limit(f"password-reset:address:{email}", limit, hour),
            within_limit(f"password-reset:connection:{client_ip(self.request)}", limit * 10, hour),
            *(
                within_limit(f"password-reset:account:{user.pk}", limit, hour)
                for user in form.get_users(email)
            ),
        ]
        if all(counted):
            return super().form_valid(form)
        logger.warning("Password reset held back by its limit (%s)", client_ip(self.request))
        return redirect(self.get_success_url())
