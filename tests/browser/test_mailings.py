"""The e-mail service's pages in a real browser: a reader subscribes, confirms with the link from
the mail (one click: the page's form sends itself, under the strict CSP) and leaves the same way;
a member chooses the weekly digest. axe-core finds no WCAG 2.1 AA violation on the way."""

import sqlite3

import pytest

from .conftest import DATABASE
from .test_members import IN_COMMITTEE, accessible, sign_in

pytestmark = pytest.mark.browser


def token_of(email):
    with sqlite3.connect(DATABASE["path"]) as db:
        row = db.execute(
            "SELECT token, confirmed_at FROM mailings_subscriber WHERE email = ?", (email,)
        ).fetchone()
    return row


def test_a_reader_subscribes_confirms_and_leaves_with_one_click_each(server, page):
    page.goto(server + "/de/")
    page.get_by_role("link", name="Stellungnahmen und Pressemitteilungen per E-Mail").click()
    accessible(page)
    page.get_by_label("Ihre E-Mail-Adresse").fill("leserin@example.org")
    page.get_by_label("Pressemitteilungen").check()
    page.get_by_role("checkbox", name="Ich willige ein", exact=False).check()
    page.get_by_role("button", name="Abonnieren").click()
    assert "Bitte sehen Sie in Ihr Postfach" in page.locator("main").inner_text()
    accessible(page)
    token, confirmed = token_of("leserin@example.org")
    assert confirmed is None
    page.goto(server + f"/de/newsletter/bestaetigen/{token}/")  # the link in the mail
    page.wait_for_load_state("networkidle")
    # A mail system's link scanner opens links in a browser like this one, scripts and all: opening
    # the link confirms nothing, the person's click does.
    assert token_of("leserin@example.org")[1] is None
    accessible(page)
    page.get_by_role("button", name="Abonnement bestätigen").click()
    page.wait_for_selector("text=Abonnement bestätigt")
    accessible(page)
    assert token_of("leserin@example.org")[1] is not None
    page.goto(server + f"/de/newsletter/abmelden/{token}/")  # the unsubscribe link in every mail
    page.wait_for_load_state("networkidle")
    assert token_of("leserin@example.org") is not None  # opened: still subscribed
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_selector("text=Sie sind abgemeldet")
    accessible(page)
    assert token_of("leserin@example.org") is None  # and the address is deleted


def test_a_member_chooses_the_weekly_digest(server, page):
    sign_in(page, server, IN_COMMITTEE)
    page.get_by_role("link", name="Meine E-Mail-Einstellungen").click()
    accessible(page)
    page.get_by_label("Im wöchentlichen Nachrichtendienst").check()
    page.get_by_role("button", name="Speichern").click()
    assert "Ihre Einstellungen sind gespeichert." in page.locator("main").inner_text()
    assert page.get_by_label("Im wöchentlichen Nachrichtendienst").is_checked()
    accessible(page)
