"""A member's path through the members' area in a real browser: sign in with the keyboard, find a
circular by topic and by search, download its attachment, see the committee's next meeting with its
agenda, subscribe to the personal calendar. axe-core finds no WCAG 2.1 AA violation on the way; the
page fixture fails the test on any CSP violation or request to another host."""

import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import MEMBER_PASSWORD, SCREENSHOTS

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
IN_COMMITTEE, OUTSIDE = "sozialamt@wiesbaden.de", "kaemmerei@darmstadt.de"


def accessible(page):
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


def sign_in(page, server, email):
    page.goto(server + "/de/mitglieder/")  # the area sends readers to the sign-in first
    assert "/de/mitglieder/anmelden/" in page.url
    accessible(page)
    page.keyboard.press("Tab")  # from the skip link onwards, by keyboard only
    page.focus("#id_username")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(MEMBER_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/de/mitglieder/")


def test_a_member_finds_circulars_papers_and_their_calendar(server, page):
    sign_in(page, server, IN_COMMITTEE)
    accessible(page)
    home = page.locator("main").inner_text()
    assert "Neue Rundschreiben" in home and "Meine Sitzungen" in home
    assert "Tagesordnung" in home  # the AG Soziales' next meeting with its agenda
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "members-home-1280.png"), full_page=True)
    # The agenda downloads (a PDF, only after the permission check).
    agenda = page.get_by_role("link", name="Tagesordnung AG Soziales", exact=False).first
    with page.expect_download() as download:
        agenda.click()
    assert download.value.suggested_filename.endswith(".pdf")
    # "Themen": by topic, then by search.
    page.get_by_role("link", name="Themen: Rundschreiben und Stellungnahmen").click()
    accessible(page)
    page.select_option("#kb-topic", label="Finanzen")
    page.select_option("#kb-kind", value="circular")
    page.get_by_role("button", name="Anzeigen").click()
    titles = page.locator(".card h2 a").all_inner_texts()
    assert "Haushaltsgenehmigung 2026: Hinweise der Aufsicht" in titles
    page.fill("#kb-q", "Wärmeplanung")
    page.select_option("#kb-topic", value="")
    page.get_by_role("button", name="Anzeigen").click()
    page.get_by_role("link", name="Wärmeplanung: Fristen und Förderung").click()
    accessible(page)
    assert "Nr. 9/2025" in page.locator("main").inner_text()
    # The personal calendar: a secret address that a calendar app reads without signing in.
    page.goto(server + "/de/mitglieder/kalender/")
    accessible(page)
    feed = page.locator("#feed-url").input_value()
    with urllib.request.urlopen(feed) as response:  # noqa: S310  (our own local server)
        assert response.read().startswith(b"BEGIN:VCALENDAR")


def test_a_member_outside_the_committee_sees_no_paper_of_it(server, page):
    sign_in(page, server, OUTSIDE)
    assert "Tagesordnung" not in page.locator("main").inner_text()
    page.goto(server + "/de/termine/zweitaegige-klausur-der-ag-soziales/")
    assert "Sitzungsunterlagen" not in page.locator("main").inner_text()
