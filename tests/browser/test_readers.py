"""Public pages in a real browser: WCAG 2.1 A/AA by axe-core, keyboard, privacy, small screens.

Run with `make browser-test` (installs Debian's Chromium when it is missing).
"""

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import GERMAN_MONTHS

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

ARTICLE_DE = "/de/aktuelles/staedte-fordern-mindestens-12-millionen-euro-fuer-das-landesprogramm-wir/"
ARTICLE_EN = "/en/news/cities-call-for-at-least-12-million-euros-for-the-state-programme-wir/"
PAGE_TYPES = {
    "home": ("/de/", "/en/"),
    "article": (ARTICLE_DE, ARTICLE_EN),
    "article index with filter": ("/de/aktuelles/?kind=press_release", "/en/news/?kind=press_release"),
    "topic listing": ("/de/aktuelles/thema/soziales/", "/en/news/topic/social-affairs/"),
    "all meetings": ("/de/termine/", "/en/events/"),
    "month view": ("/de/termine/monat/", "/en/events/month/"),
    "meeting": (
        "/de/termine/sitzung-der-ag-kaemmereien/",
        "/en/events/meeting-of-the-treasurers-working-group/",
    ),
    "committee": (
        "/de/termine/gremium/ag-soziales/",
        "/en/events/committee/social-affairs-working-group/",
    ),
    "search results": ("/de/suche/?q=Integration", "/en/search/?q=integration"),
    "content page (accessibility statement)": ("/de/barrierefreiheit/", "/en/accessibility/"),
    "404": ("/de/gibt-es-nicht/", "/en/does-not-exist/"),
}
ALL_PATHS = [(name, path) for name, paths in PAGE_TYPES.items() for path in paths]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize(("name", "path"), ALL_PATHS)
def test_no_wcag_21_aa_violations(server, page, name, path):
    response = page.goto(server + path)
    assert response.status == (404 if name == "404" else 200)
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()
    assert page.evaluate("document.documentElement.lang") == path[1:3], (page.url, page.title())


@pytest.mark.parametrize(("name", "path"), ALL_PATHS)
def test_no_horizontal_scrolling_at_375_px(server, browser, name, path):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    tab.goto(server + path)
    assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()


@pytest.mark.parametrize(
    "path", ["/de/", ARTICLE_EN, "/de/termine/", "/de/termine/monat/", "/de/suche/?q=Haushalt"]
)
def test_pages_request_nothing_from_other_hosts(server, page, path):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    assert hosts == {urlparse(server).netloc}


def test_keyboard_reaches_main_content_switcher_and_filters(server, page):
    page.goto(server + "/de/termine/")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent.trim()")
    assert skip == "Zum Hauptinhalt springen"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # From the top, tabbing reaches the language switcher and every filter of the list.
    page.goto(server + "/de/termine/")
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")
        )
    assert "English" in reached
    for control in ("filter-committee", "filter-kind", "filter-topic", "filter-place", "filter-month"):
        assert control in reached, control


def test_month_view_reads_as_a_table(server, page):
    page.goto(server + "/de/termine/monat/")
    table = page.get_by_role("table")
    assert table.locator("caption").inner_text().startswith(tuple(GERMAN_MONTHS))
    headers = table.get_by_role("columnheader")
    assert headers.count() == 7
    assert headers.first.locator("abbr").get_attribute("title") == "Montag"


def test_cancelled_meetings_are_not_marked_by_colour_alone(server, page):
    page.goto(server + "/de/termine/")
    cancelled = page.locator(".termin.cancelled").first
    assert "abgesagt" in cancelled.inner_text()


def test_english_pages_mark_german_passages(server, page):
    page.goto(server + ARTICLE_EN)
    assert page.evaluate("document.documentElement.lang") == "en"
    # Alt texts are written once, in German: the image says so to screen readers.
    assert page.locator('main figure img[lang="de"]').count() == 1
    assert page.locator('.language-switcher a[lang="de"]').get_attribute("hreflang") == "de"


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", "/de/"),
        ("article", ARTICLE_DE),
        ("all-meetings", "/de/termine/"),
        ("month", "/de/termine/monat/"),
    ],
)
def test_screenshots_for_review(server, browser, name, path):
    SCREENSHOTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        tab.goto(server + path)
        tab.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        context.close()
    assert (SCREENSHOTS / f"{name}-1280.png").stat().st_size > 10_000
