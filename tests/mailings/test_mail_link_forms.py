"""Every form behind a link in a mail, posted as Chromium posts it (the fast companion of
tests/browser/test_mail_links.py).

Every kind of mail the site sends is produced here and sent through SMTP to aiosmtpd: the mail
service's kinds (each `MessageKind`) and the account mails (the office's invitation, the password
reset). Every link to the site in them (text, HTML, `List-Unsubscribe`) is opened as the person
opens it: not signed in, following redirects (to the sign-in, too). Every POST form on the page it
ends on must be listed in FORMS, which says what a person fills in and what must have changed in the
database afterwards; the form is then sent with `tests.browserlike.FormClient` (CSRF enforced, the
form's own token, `Origin` as Chromium derives it from the page's `Referrer-Policy`), each on its
own from a fresh visit and rolled back after. A new mail, a new link in one or a new form behind
one fails here until FORMS says how a person uses it.

The page cache is on, and a mail scanner opens every link first: what the scanner opened must
change nothing, and the person's form must not come from the scanner's visit (a cached page with
another reader's CSRF token would fail the check).
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.db import transaction
from django.test import Client
from django.urls import resolve
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from accessibility import reports
from calendar_app.models import Occurrence, OccurrenceChange
from mailings import digest, worker
from mailings.models import Delivery, MemberSubscription, MessageKind, Subscriber
from mailings.sending import UNSUBSCRIBE_SALT
from members import sessions
from members.account_invitations import send_invitation
from members.models import OFFICE_GROUP, AgendaItem, Invitation, MemberProfile, Reply
from tests import factories
from tests.browserlike import FormClient, post_forms
from tests.mailings.helpers import PASSWORD, drain, publish_circular
from tests.members.helpers import make_agenda, next_meeting, paper_for

SITE = "http://testserver"
NEW_PASSWORD = "Kita-Finanzierung-2027!"  # noqa: S105  (a test account's)
OFFICE = "gs@staedtetag.example"


# --- what a person does on each page that holds a form, and what must have changed -----------------


@dataclass
class Visit:
    recipient: str  # whose mail the link came from
    link: str
    path: str  # the page the form is on (after redirects)
    client: FormClient
    answer: object = None  # the answer to the POST

    @property
    def token(self):
        return self.path.rstrip("/").split("?")[0].rsplit("/", 1)[-1]

    def after_redirect(self):
        """The page the answer leads to (a 302 is followed, as the browser does)."""
        if self.answer.status_code in (301, 302, 303):
            page = self.client.get(self.answer["Location"], follow=True)
            assert page.status_code == 200, (self.answer["Location"], page.status_code)
            return page
        return self.answer


@dataclass
class Expect:
    fill: Callable  # visit -> the fields a person fills in
    check: Callable  # visit -> asserts the change in the database
    leads_on: bool = False  # the answer leads to the page the link was for: its forms are sent too


def reply_recorded(visit):
    assert Invitation.objects.get(token=visit.token).response == Reply.ATTENDING


def confirmed(visit):
    assert Subscriber.objects.get(token=visit.token).confirmed_at is not None


def unsubscribed(visit):
    try:
        payload = signing.loads(visit.token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:  # a subscriber's own token: everything stored is deleted
        assert not Subscriber.objects.filter(token=visit.token).exists()
        return
    subscription = MemberSubscription.objects.get(profile_id=payload["p"])
    if payload["k"] == MessageKind.MEETING:
        assert subscription.meeting_notices is False
    else:
        assert subscription.circulars == "none"


def kinds_changed(visit):
    assert Subscriber.objects.get(token=visit.token).kinds == ["position_paper"]


def data_deleted(visit):
    assert not Subscriber.objects.filter(token=visit.token).exists()


def password_set(visit):
    """The account is active with a usable password, which signs in."""
    uid = force_str(urlsafe_base64_decode(visit.path.split("/")[-3]))
    user = get_user_model().objects.get(pk=uid)
    assert user.is_active and user.has_usable_password() and user.check_password(NEW_PASSWORD)
    signed_in = FormClient().submit(
        "/de/mitglieder/anmelden/", {"username": user.email, "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302, signed_in.content.decode()[:500]


def signed_in(visit):
    assert visit.answer.status_code == 302, visit.answer.content.decode()[:500]
    assert "_auth_user_id" in visit.client.session


def settings_saved(visit):
    user = get_user_model().objects.get(email=visit.recipient)
    assert MemberSubscription.objects.get(profile__user=user).circulars == "none"


def member_signs_in(visit):
    return {"username": visit.recipient, "password": PASSWORD}


# The forms behind mail links, by the name of the address they are sent to and the name of the
# button pressed (None: a button without a name).
FORMS = {
    # The invitation, the update, the agenda notice and the reminder: the personal reply page.
    ("session_invitation", None): Expect(lambda v: {"response": Reply.ATTENDING}, reply_recorded),
    ("mailings_confirm", None): Expect(lambda v: {}, confirmed),
    ("mailings_unsubscribe", None): Expect(lambda v: {}, unsubscribed),
    ("mailings_my_data", None): Expect(lambda v: {"kinds": ["position_paper"]}, kinds_changed),
    ("mailings_my_data", "delete"): Expect(lambda v: {}, data_deleted),
    # The account invitation and the password reset.
    ("password_reset_confirm", None): Expect(
        lambda v: {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, password_set
    ),
    # Links into the members' area (a circular, the minutes, a member's e-mail settings) lead through
    # the sign-in to the page they name; its forms are sent too.
    ("members_login", None): Expect(member_signs_in, signed_in, leads_on=True),
    ("mailings_settings", None): Expect(lambda v: {"circulars": "none"}, settings_saved),
    # The office's note links into the admin: the office signs in and sees the session (its actions
    # are the admin's, tested with the admin).
    ("wagtailadmin_login", None): Expect(lambda v: {"username": OFFICE, "password": PASSWORD}, signed_in),
}


# --- every kind of mail, sent ---------------------------------------------------------------------


def sent_mails(world, smtp):
    """One or more mails of every kind, in German and English, through SMTP; returns them as
    (recipient, message)."""
    now = timezone.now()
    public, series = world.public, world.public.weekly
    # The public: two requests to subscribe (the confirmation mails), two confirmed readers.
    for path, email in (("/de/newsletter/", "neu@zeitung.example"), ("/en/newsletter/", "new@paper.example")):
        answer = FormClient().submit(path, {"email": email, "consent": "on"})
        assert answer.status_code == 200, answer.content.decode()[:500]
    Subscriber.objects.create(email="leser@zeitung.example", language="de", confirmed_at=now)
    Subscriber.objects.create(email="reader@paper.example", language="en", confirmed_at=now)
    factories.make_article(public.article.get_parent(), "Kita-Finanzierung sichern", topics=[public.topic])
    # Members: a circular (at once, and in the weekly digest).
    publish_circular(world)
    year, week = digest.week_of(now)
    if digest.moment_of_week(year, week) <= now:
        year, week = digest.week_of(now + datetime.timedelta(days=7))
    digest.queue_digest(year, week)
    # A committee session: the invitation (one invitee reads English), a substitute named from
    # outside, a new item (the agenda notice), the reminder.
    english = world.people["quiet"].subscription
    english.language = "en"
    english.save()
    soon = next_meeting(series)
    agenda = make_agenda(series, soon)
    sessions.invite(agenda)
    member = Invitation.objects.get(agenda=agenda, profile=world.people["committee"])
    sessions.record_reply(member, Reply.SUBSTITUTED, name="Erika Muster", email="erika@extern.example")
    AgendaItem.objects.create(
        agenda=agenda, number="3", title="Verschiedenes", sort_order=3, locale=agenda.locale
    )
    sessions.agenda_changed(agenda)
    sessions.remind(agenda)
    # A later meeting cancelled: the meeting notice to the committee.
    later = next_meeting(series, after_days=30)
    series.changes.add(
        OccurrenceChange(original_date=timezone.localtime(later.original_start).date(), cancelled=True)
    )
    series.save_revision().publish()
    # The minutes of the last meeting.
    meetings = Occurrence.objects.filter(translation_key=series.translation_key)
    past = meetings.filter(end__lt=now).order_by("-start").first()
    minutes = make_agenda(series, past)
    paper_for(series, minutes.meeting_date, "Niederschrift", kind="minutes")
    sessions.release_minutes(minutes)
    # An empty agenda within its period of notice: the note to the office.
    office = get_user_model().objects.create_user(OFFICE, OFFICE, PASSWORD, is_staff=True)
    office.groups.add(Group.objects.get(name=OFFICE_GROUP))
    make_agenda(
        series,
        meetings.filter(start__gt=soon.end).order_by("start").first(),
        items=(),
    )
    worker.housekeeping()
    # A reader reports a barrier: the office hears of it, the reader gets the acknowledgement.
    reports.receive("Das PDF der Stellungnahme ist nicht vorlesbar.", "/de/", "melder@example.org", "de")
    drain()
    sent = set(Delivery.objects.filter(status="sent").values_list("message__kind", flat=True))
    assert sent == set(MessageKind.values), set(MessageKind.values) - sent  # a new kind of mail: add it here
    # The account mails: the office's invitation to a new member, a member's password reset.
    newcomer = get_user_model().objects.create_user("neu@wiesbaden.de", "neu@wiesbaden.de", None)
    send_invitation(MemberProfile.objects.create(user=newcomer, organisation=world.people["de"].organisation))
    FormClient().submit("/de/mitglieder/passwort-vergessen/", {"email": "de@wiesbaden.de"})
    return list(smtp.inbox.messages)


def links_of(mail):
    """The site's addresses a mail offers: in its text and HTML parts and its List-Unsubscribe."""
    found = set()
    for part in mail.walk():
        if part.get_content_type() == "text/plain":
            found |= set(re.findall(r"https?://[^\s<>\"]+", part.get_content()))
        elif part.get_content_type() == "text/html":
            soup = BeautifulSoup(part.get_content(), "html.parser")
            found |= {a["href"] for a in soup.find_all("a", href=True)}
    if mail["List-Unsubscribe"]:
        found |= set(re.findall(r"<([^>]+)>", str(mail["List-Unsubscribe"])))
    return {link for link in found if link.startswith(SITE + "/")}


def html_of(response):
    """The page's HTML; nothing for a download."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return ""
    return response.content.decode()


def path_of(response):
    query = response.request.get("QUERY_STRING", "")
    return response.request["PATH_INFO"] + (f"?{query}" if query else "")


def open_link(client, link):
    """Open a mail's link as the person does: a GET, following redirects; 200 at the end."""
    page = client.get(link.removeprefix(SITE), follow=True)
    assert page.status_code == 200, (link, page.status_code, page.redirect_chain)
    return page


def form_key(form):
    return resolve(urlsplit(form.action).path).url_name, form.button_name


def what_links_change():
    """What a mere visit must not change."""
    return (
        sorted(Subscriber.objects.values_list("email", "confirmed_at", "kinds")),
        sorted(Invitation.objects.values_list("pk", "response", "withdrawn")),
        sorted(MemberSubscription.objects.values_list("pk", "circulars", "meeting_notices", "timing")),
        sorted(get_user_model().objects.values_list("pk", "password", "is_active")),
    )


def send_forms(visit, page, seen, depth=0):
    """Send each POST form of `page` (reached by `visit`) on its own, from a fresh visit of the link,
    and check what it changed; what the database holds is rolled back after each."""
    for index, form in enumerate(post_forms(html_of(page), visit.path)):
        key = form_key(form)
        assert key in FORMS, (
            f"{visit.link} (a mail to {visit.recipient}) leads to {visit.path}, whose form "
            f"{form.label!r} posts to {key}: add it to FORMS"
        )
        seen.add(key)
        with transaction.atomic():
            client = FormClient()
            if depth:  # signed in on the way: the same client, the page again
                client, fresh = visit.client, visit.client.get(visit.path)
            else:
                fresh = open_link(client, visit.link)
            here = Visit(visit.recipient, visit.link, path_of(fresh), client)
            again = post_forms(html_of(fresh), here.path)[index]
            expect = FORMS[key]
            here.answer = client.send(fresh, here.path, again, expect.fill(here))
            assert here.answer.status_code < 400, (
                visit.link,
                key,
                here.answer.status_code,
                here.answer.content.decode()[:800],
            )
            expect.check(here)
            if expect.leads_on and depth < 2:
                landed = here.after_redirect()
                onward = Visit(visit.recipient, visit.link, path_of(landed), client)
                send_forms(onward, landed, seen, depth + 1)
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_form_behind_a_mail_link_is_sent_as_chromium_sends_it(world, smtp, settings):
    mails = sent_mails(world, smtp)
    settings.PAGE_CACHE_ENABLED = settings.PART_CACHE_ENABLED = True
    links = sorted({(link, rcpt) for rcpt, mail in mails for link in links_of(mail)})
    assert len(links) > 20
    # A mail system's scanner opens every link first: that changes nothing.
    before = what_links_change()
    for link, _rcpt in links:
        open_link(Client(), link)
    assert what_links_change() == before
    seen = set()
    for link, recipient in links:
        page = open_link(FormClient(), link)
        send_forms(Visit(recipient, link, path_of(page), None), page, seen)
    # Every form listed was reached from a mail (a form no mail leads to any more: remove it).
    assert seen == set(FORMS), set(FORMS) - seen
    # RFC 8058: the mail program itself posts "List-Unsubscribe=One-Click" to the header's address,
    # from its server: no cookie, no token, no Origin.
    one_click = {
        (re.search(r"<([^>]+)>", str(mail["List-Unsubscribe"]))[1], rcpt)
        for rcpt, mail in mails
        if mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    }
    assert len(one_click) > 5
    for link, recipient in sorted(one_click):
        with transaction.atomic():
            path = link.removeprefix(SITE)
            answer = Client(enforce_csrf_checks=True).post(
                path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
            )
            assert answer.status_code == 200, (link, answer.status_code)
            unsubscribed(Visit(recipient, link, path, None))
            transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "advice"),
    [
        ("de", "Das Formular konnte nicht gesendet werden", "Bitte öffnen Sie das Formular erneut"),
        ("en", "The form could not be sent", "Please open the form again"),
    ],
)
def test_a_refused_form_says_in_the_readers_language_what_to_do(world, language, heading, advice):
    """What a person sees when the CSRF check refuses their form (a page that hid its origin, a form
    open for too long, cookies blocked): the site's page in their language with the way back to the
    form, nothing changed; Django's own page is English technical text whose style the CSP blocks."""
    agenda = make_agenda(world.public.weekly, next_meeting(world.public.weekly))
    sessions.invite(agenda)
    invitation = Invitation.objects.get(agenda=agenda, profile=world.people["committee"])
    path = (
        f"/{language}/{'mitglieder/sitzung' if language == 'de' else 'members/session'}/{invitation.token}/"
    )
    client = FormClient()
    page = client.get(path)
    form = post_forms(html_of(page), path)[0]
    no_origin = Client(enforce_csrf_checks=True, HTTP_ORIGIN="null")
    no_origin.cookies = client.cookies
    no_cookie = Client(enforce_csrf_checks=True)
    body = dict(form.fields) | {"response": Reply.ATTENDING}
    for refused, cookie_advice in ((no_origin.post(path, body), False), (no_cookie.post(path, body), True)):
        html = refused.content.decode()
        main = BeautifulSoup(html, "html.parser").find("main")
        text = " ".join(main.get_text().split())
        assert refused.status_code == 403
        assert heading in text and main.find("a", href=path) is not None
        assert ("cookies" in text.lower()) is cookie_advice
        assert cookie_advice or advice in text
        assert "<style" not in html and "no-store" in refused["Cache-Control"]
    assert Invitation.objects.get(pk=invitation.pk).response == ""
    assert client.send(page, path, form, {"response": Reply.ATTENDING}).status_code == 302
