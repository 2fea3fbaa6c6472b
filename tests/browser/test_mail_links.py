"""Every form a person reaches from a mail, submitted in Debian's Chromium from the link exactly as the
mail gives it, not signed in: the session reply (with and without a substitute, and the substitute's
own reply), the newsletter's confirmation, data page and unsubscribe button, the account invitation
and the password reset. The mails are real: queued by the site, sent by `manage.py mail_worker` (or by
the site itself, for the account mails) through SMTP to an aiosmtpd server; the link is taken out of
the mail's HTML part (the plain-text part carries the same). Session replies and the newsletter are
done at phone width (375 px, touch). Each change is checked in the server's database afterwards.

Why in a browser: Django's test client sends no `Origin` and never reads `Referrer-Policy`, so a
page whose policy makes Chromium send `Origin: null` (and the CSRF check answer 403) passes every
in-process test (issue 26). `tests/mailings/test_mail_link_forms.py` is the fast companion."""

import contextlib
import json
import re
import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.mail import parts

from .conftest import DATABASE, ROOT, SERVER, Watch
from .mail_links import PASSWORD_BEFORE
from .test_members import accessible

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 812}
NEW_PASSWORD = "Kita-Finanzierung-2027!"  # noqa: S105  (a test account's)


# --- the server's side: commands in its database, its mail, its tables --------------------------


def manage(*args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=SERVER["env"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def office(call):
    """Run `call` (a call of a tests.browser.mail_links function) in the server's database."""
    name = call.split("(", 1)[0]
    return manage("shell", "-v", "0", "-c", f"from tests.browser.mail_links import {name}; {call}")


def send_queued_mail():
    """The mail worker's round: every queued mail goes out through SMTP."""
    manage("mail_worker", "--once", "-v", "0")


def mail_to(smtp, address, subject="", timeout=15):
    """The newest mail to `address` whose subject contains `subject`, waiting for it to arrive."""
    deadline = time.monotonic() + timeout
    while True:
        found = [mail for mail in smtp.inbox.to(address) if subject in str(mail["Subject"])]
        if found:
            return found[-1]
        assert time.monotonic() < deadline, (address, subject, smtp.inbox.recipients())
        time.sleep(0.2)


def link_in(mail, words):
    """The link a person clicks: in the HTML part, the one whose text contains `words`; the
    plain-text part gives the same address. A text-only mail: the one address in the text after
    `words`."""
    if mail.get_body(preferencelist=("html",)) is None:
        text = mail.get_body(preferencelist=("plain",)).get_content()
        after = text[text.index(words) :]
        return re.search(r"https?://\S+", after)[0]
    text, html = parts(mail)
    anchors = [
        a for a in BeautifulSoup(html, "html.parser").find_all("a", href=True) if words in a.get_text()
    ]
    assert len(anchors) == 1, (words, [a.get_text() for a in anchors])
    href = anchors[0]["href"]
    assert href in text, (href, text)
    return href


def row(sql, *params):
    with sqlite3.connect(DATABASE["path"]) as db:
        return db.execute(sql, params).fetchone()


def invitation(token):
    return row(
        "SELECT id, response, substitute_for_id, email, name FROM members_invitation WHERE token = ?", token
    )


def subscriber(email):
    return row("SELECT token, confirmed_at, kinds FROM mailings_subscriber WHERE email = ?", email)


def user(email):
    return row("SELECT is_active, password FROM auth_user WHERE username = ?", email)


# --- the browser's side ---------------------------------------------------------------------------


@contextlib.contextmanager
def on_a_phone(browser, server, stays_signed_out=True):
    """A phone's browser: 375 px wide, touch, German, nobody signed in. Fails the test on a CSP
    violation or a request to another host (tests/browser/conftest.Watch), and if the visit ended
    signed in when it should not have."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="de-DE")
    watch = Watch(context, server)
    yield context.new_page()
    if stays_signed_out:
        assert "sessionid" not in {cookie["name"] for cookie in context.cookies()}
    context.close()
    watch.check()


@pytest.fixture
def phone(server, browser):
    with on_a_phone(browser, server) as page:
        yield page


def open_link(page, link):
    """Open the link from the mail as a mail program hands it over: a new top-level navigation."""
    response = page.goto(link)
    assert response.status == 200, (link, response.status)
    assert urlsplit(page.url).netloc == urlsplit(link).netloc  # on the site the mail names
    return response


def fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide on a 375 px phone"


def submit(page, button_name, touch=False):
    """Press the form's button as a person does (a tap on a phone) and return the answer to the
    POST; a 4xx (the CSRF check's 403, say) fails with the page's text."""
    button = page.get_by_role("button", name=button_name, exact=True)
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    viewport = page.viewport_size
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (button_name, box)
    with page.expect_response(lambda r: r.request.method == "POST") as posted, page.expect_navigation():
        button.tap() if touch else button.click()
    answer = posted.value
    assert answer.status < 400, (answer.status, answer.url, page.locator("body").inner_text()[:500])
    page.wait_for_load_state()
    return answer


# --- committee sessions ---------------------------------------------------------------------------

MEMBER = ("jugendhilfe@kassel.de", "Lena", "Vogt")
REPRESENTED = ("sozialplanung@kassel.de", "Malte", "Brinkmann")
SUBSTITUTE = ("Ute Albers", "ute.albers@beratung.example")
REPLY_LINK = "Rückmeldung: Ich nehme teil"


@pytest.fixture(scope="module")
def invited(server, smtp):
    """Two new members of the AG Soziales invited to its next meeting, the mails sent."""
    office(f"invite_to_the_next_session({MEMBER!r}, {REPRESENTED!r})")
    send_queued_mail()


def token_of(link):
    return link.rstrip("/").rsplit("/", 1)[-1]


def test_a_member_replies_from_the_invitation_mail_on_a_phone(server, smtp, invited, phone):
    mail = mail_to(smtp, MEMBER[0], "Einladung")
    link = link_in(mail, REPLY_LINK)
    token = token_of(link)
    open_link(phone, link)
    assert invitation(token)[1] == ""  # opening the link (a link scanner does) changes nothing
    fits_the_phone(phone)
    accessible(phone)
    phone.get_by_label("Ich nehme teil", exact=True).tap()
    submit(phone, "Rückmeldung senden", touch=True)
    assert "Danke, Ihre Rückmeldung ist gespeichert." in phone.locator("main").inner_text()
    assert invitation(token)[1] == "attending"
    fits_the_phone(phone)
    accessible(phone)


def test_a_member_names_a_substitute_from_the_mail_and_the_substitute_replies_from_theirs(
    server, smtp, invited, browser, phone
):
    mail = mail_to(smtp, REPRESENTED[0], "Einladung")
    link = link_in(mail, REPLY_LINK)
    token = token_of(link)
    open_link(phone, link)
    fits_the_phone(phone)
    phone.get_by_label("Ich werde vertreten durch …").tap()
    phone.get_by_label("oder Name der Vertretung").fill(SUBSTITUTE[0])
    phone.get_by_label("und E-Mail-Adresse").fill(SUBSTITUTE[1])
    submit(phone, "Rückmeldung senden", touch=True)
    text = phone.locator("main").inner_text()
    assert "Danke, Ihre Rückmeldung ist gespeichert." in text and SUBSTITUTE[0] in text
    member_id, response, *_rest = invitation(token)
    assert response == "substituted"
    standing = row(
        "SELECT token, name, email FROM members_invitation WHERE substitute_for_id = ? AND withdrawn = 0",
        member_id,
    )
    assert standing[1:] == SUBSTITUTE
    # The substitute's own invitation, from their own mail, on their own phone.
    send_queued_mail()
    theirs = mail_to(smtp, SUBSTITUTE[1], "")
    link = link_in(theirs, "Rückmeldung: Ich nehme teil oder nicht teil")
    assert token_of(link) == standing[0]
    with on_a_phone(browser, server) as page:
        open_link(page, link)
        fits_the_phone(page)
        accessible(page)
        page.get_by_label("Ich nehme teil", exact=True).tap()
        submit(page, "Rückmeldung senden", touch=True)
        assert "Danke, Ihre Rückmeldung ist gespeichert." in page.locator("main").inner_text()
    assert invitation(standing[0])[1] == "attending"


# --- the newsletter -------------------------------------------------------------------------------

READER = "pressestelle@zeitung.example"


def test_a_reader_confirms_changes_and_unsubscribes_from_the_mails_on_a_phone(server, smtp, phone):
    phone.goto(server + "/de/newsletter/")  # the subscription form itself is on the site
    phone.get_by_label("Ihre E-Mail-Adresse").fill(READER)
    phone.get_by_label("Stellungnahmen", exact=True).uncheck()  # press releases only
    phone.get_by_label("Positionspapiere", exact=True).uncheck()
    phone.get_by_role("checkbox", name="Ich willige ein", exact=False).check()
    submit(phone, "Abonnieren", touch=True)
    assert "Bitte sehen Sie in Ihr Postfach" in phone.locator("main").inner_text()
    send_queued_mail()
    # The confirmation mail: its link opens a page with one button.
    link = link_in(mail_to(smtp, READER, "bestätigen"), "Abonnement bestätigen")
    open_link(phone, link)
    assert subscriber(READER)[1] is None
    fits_the_phone(phone)
    accessible(phone)
    submit(phone, "Abonnement bestätigen", touch=True)
    assert "Abonnement bestätigt" in phone.locator("main").inner_text()
    assert subscriber(READER)[1] is not None
    # A press release: its mail carries "Ändern, was Sie erhalten" and "Abmelden".
    office("publish_press_release('Städte fordern verlässliche Kita-Finanzierung')")
    send_queued_mail()
    news = mail_to(smtp, READER, "Kita-Finanzierung")
    manage_link = link_in(news, "Ändern, was Sie erhalten")
    open_link(phone, manage_link)
    fits_the_phone(phone)
    accessible(phone)
    phone.get_by_label("Stellungnahmen", exact=True).check()
    submit(phone, "Speichern", touch=True)
    assert "Ihre Auswahl ist gespeichert." in phone.locator("main").inner_text()
    assert sorted(json.loads(subscriber(READER)[2])) == ["press_release", "statement"]
    # Unsubscribe: the link in the body is the one in the List-Unsubscribe header (which mail
    # programs POST by themselves, RFC 8058); the person presses the page's button.
    unsubscribe = link_in(news, "Abmelden")
    assert news["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    open_link(phone, unsubscribe)
    assert subscriber(READER) is not None  # opened: still subscribed
    fits_the_phone(phone)
    accessible(phone)
    submit(phone, "Abmelden", touch=True)
    assert "Sie sind abgemeldet" in phone.locator("main").inner_text()
    assert subscriber(READER) is None  # and everything stored about the address is deleted


MEMBER_READER = ("buergerbuero@fulda.de", "Jan", "Kraus")


def member_subscription(email):
    return row(
        "SELECT s.circulars, s.timing FROM mailings_membersubscription s"
        " JOIN members_memberprofile p ON s.profile_id = p.id JOIN auth_user u ON p.user_id = u.id"
        " WHERE u.email = ?",
        email,
    )


def test_a_member_reads_a_circular_and_changes_their_mails_from_its_mail_on_a_phone(server, smtp, browser):
    """The circular's mail leads through the sign-in to the circular and to the member's e-mail
    settings; its unsubscribe link needs no sign-in."""
    office(f"member_with_password{MEMBER_READER!r}")
    office("publish_circular('Grundsteuer 2027: Hinweise zur Umsetzung')")
    send_queued_mail()
    mail = mail_to(smtp, MEMBER_READER[0], "Grundsteuer 2027")
    with on_a_phone(browser, server, stays_signed_out=False) as page:
        open_link(page, link_in(mail, "Rundschreiben im Mitgliederbereich lesen"))
        assert "/de/mitglieder/anmelden/" in page.url  # the members' area asks who it is first
        fits_the_phone(page)
        page.get_by_label("E-Mail-Adresse").fill(MEMBER_READER[0])
        page.get_by_label("Passwort", exact=True).fill(PASSWORD_BEFORE)
        submit(page, "Anmelden", touch=True)
        assert "Grundsteuer 2027: Hinweise zur Umsetzung" in page.locator("main").inner_text()
        open_link(page, link_in(mail, "Ändern, was Sie erhalten"))
        fits_the_phone(page)
        accessible(page)
        page.get_by_label("Im wöchentlichen Nachrichtendienst").tap()
        submit(page, "Speichern", touch=True)
        assert "Ihre Einstellungen sind gespeichert." in page.locator("main").inner_text()
    assert member_subscription(MEMBER_READER[0]) == ("all", "digest")
    with on_a_phone(browser, server) as page:
        open_link(page, link_in(mail, "Abmelden"))
        fits_the_phone(page)
        submit(page, "Abmelden", touch=True)
        assert "Sie sind abgemeldet" in page.locator("main").inner_text()
    assert member_subscription(MEMBER_READER[0])[0] == "none"


# --- accounts -------------------------------------------------------------------------------------

NEW_MEMBER = ("Hanna", "Roth", "hanna.roth@offenbach.de")


def test_a_new_member_chooses_a_password_from_the_invitation_and_signs_in(server, smtp, editor_page, page):
    # The office opens the account in the admin with "Einladung jetzt senden".
    admin = editor_page
    admin.goto(server + "/admin/snippets/members/memberprofile/add/")
    admin.get_by_role("textbox", name="Vorname").fill(NEW_MEMBER[0])
    admin.get_by_role("textbox", name="Nachname").fill(NEW_MEMBER[1])
    admin.get_by_role("textbox", name="E-Mail-Adresse").fill(NEW_MEMBER[2])
    admin.locator("#id_organisation-chooser .chooser__choose-button").click()  # the snippet chooser
    admin.locator(".modal").get_by_role("link", name="Offenbach am Main").click()
    admin.locator(".modal").wait_for(state="hidden")
    admin.get_by_role("checkbox", name="Einladung jetzt senden").check()
    admin.get_by_role("button", name="Speichern").first.click()
    admin.wait_for_url(re.compile(r"/admin/snippets/members/memberprofile/$"))
    assert user(NEW_MEMBER[2])[1].startswith("!")  # no password yet
    mail = mail_to(smtp, NEW_MEMBER[2], "Einladung in den Mitgliederbereich")
    link = link_in(mail, "mit diesem Link fest")
    # The new member, in a browser of their own (`page`: nobody signed in).
    open_link(page, link)
    assert "Passwort festlegen" in page.locator("main").inner_text()
    accessible(page)
    page.get_by_label("Neues Passwort").fill(NEW_PASSWORD)
    page.get_by_label("Dasselbe Passwort noch einmal").fill(NEW_PASSWORD)
    submit(page, "Passwort speichern")
    accessible(page)
    active, password = user(NEW_MEMBER[2])
    assert active == 1 and not password.startswith("!")
    sign_in_with(page, server, NEW_MEMBER[2], NEW_PASSWORD)
    # The link works once.
    page.goto(link)
    assert "abgelaufen oder wurde schon benutzt" in page.locator("main").inner_text()


def sign_in_with(page, server, email, password):
    page.goto(server + "/de/mitglieder/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(password)
    submit(page, "Anmelden")
    assert page.url == server + "/de/mitglieder/", page.locator("main").inner_text()[:300]


FORGETFUL = ("haushalt@fulda.de", "Nora", "Winter")


def test_a_member_resets_the_password_from_the_mail_and_signs_in_with_the_new_one(server, smtp, page):
    office(f"member_with_password{FORGETFUL!r}")
    page.goto(server + "/de/mitglieder/anmelden/")
    page.get_by_role("link", name="Passwort vergessen?").click()
    page.get_by_label("E-Mail-Adresse").fill(FORGETFUL[0])
    submit(page, "Link senden")
    link = link_in(mail_to(smtp, FORGETFUL[0], "Zugang zum Mitgliederbereich"), "Link innerhalb von")
    page.context.clear_cookies()  # the mail is read later, maybe elsewhere: the link alone must do
    open_link(page, link)
    accessible(page)
    page.get_by_label("Neues Passwort").fill(NEW_PASSWORD)
    page.get_by_label("Dasselbe Passwort noch einmal").fill(NEW_PASSWORD)
    submit(page, "Passwort speichern")
    assert office(f"password_works({FORGETFUL[0]!r}, {NEW_PASSWORD!r})").strip() == "yes"
    assert office(f"password_works({FORGETFUL[0]!r}, {PASSWORD_BEFORE!r})").strip() == "no"
    sign_in_with(page, server, FORGETFUL[0], NEW_PASSWORD)
