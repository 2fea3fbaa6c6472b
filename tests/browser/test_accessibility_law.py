"""What German accessibility law asks beyond WCAG, in a real browser (Debian's Chromium): every page
links Leichte Sprache and sign language in its header and the accessibility statement and "Barriere
melden" in its footer, in both languages and in the members' area; a reader reports a barrier by
keyboard, at desktop and phone width, and the report reaches the office's list with its deadline;
the sign-language video plays from this site with its captions. axe-core finds no WCAG 2.1 AA
violation on the way; the page fixture fails a test on any request to another host."""

import sqlite3
import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import DATABASE, Watch
from .test_members import IN_COMMITTEE, sign_in

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGES = {
    "de": [
        "/de/",
        "/de/aktuelles/",
        "/de/termine/",
        "/de/suche/?q=Haushalt",
        "/de/leichte-sprache/",
        "/de/gibt-es-nicht/",
    ],
    "en": ["/en/", "/en/news/", "/en/events/", "/en/easy-read/", "/en/accessibility/"],
}
LINKS = {
    "de": {
        "header": {"Leichte Sprache": "/de/leichte-sprache/", "Gebärdensprache": "/de/gebaerdensprache/"},
        "footer": {"Barrierefreiheit": "/de/barrierefreiheit/", "Barriere melden": "/de/barriere-melden/"},
    },
    "en": {
        "header": {"Easy Read": "/en/easy-read/", "Sign language": "/en/sign-language/"},
        "footer": {"Accessibility": "/en/accessibility/", "Report a barrier": "/en/report-a-barrier/"},
    },
}
WHAT = "Im Monatskalender kann ich die Tage nicht mit der Tastatur erreichen."


def accessible(page):
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


def links_in(page, part, label):
    return (
        page.locator(part)
        .get_by_role("link", name=label, exact=True)
        .evaluate_all("links => links.map(link => new URL(link.href).pathname)")
    )


def assert_links(page, language, url):
    for part, expected in LINKS[language].items():
        for label, target in expected.items():
            assert links_in(page, part, label) == [target], (url, part, label)


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_page_links_easy_read_sign_language_the_statement_and_the_report_form(server, page, language):
    for url in PAGES[language]:
        page.goto(server + url)
        assert page.evaluate("document.documentElement.lang") == language
        assert_links(page, language, url)
    # The pictograms are the site's own files and load.
    page.goto(server + f"/{language}/")
    for image in page.locator(".access-nav img").all():
        assert image.get_attribute("src").startswith("/static/accessibility/")
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")


def test_the_members_area_links_them_too(server, page):
    sign_in(page, server, IN_COMMITTEE)
    assert_links(page, "de", "/de/mitglieder/")


def reports():
    with sqlite3.connect(DATABASE["path"]) as db:
        return db.execute(
            'SELECT what, "where", email, status, answer_by, language FROM accessibility_barrierreport ORDER BY id'
        ).fetchall()


@pytest.mark.parametrize("width", [1280, 375])
def test_a_reader_reports_a_barrier_by_keyboard_and_the_office_sees_it_with_its_deadline(
    server, browser, editor_page, width
):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="de-DE")
    watch = Watch(context, server)
    page = context.new_page()
    before = len(reports())
    page.goto(server + "/de/termine/monat/")
    page.get_by_role("link", name="Barriere melden", exact=True).click()
    page.wait_for_url(server + "/de/barriere-melden/")
    accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # "Where" names the page the reader came from.
    assert page.get_by_label("Wo?").input_value() == server + "/de/termine/monat/"
    # By keyboard only: from the skip link through the header to the form's fields.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Zum Hauptinhalt springen"
    page.keyboard.press("Enter")
    reached = []
    for _ in range(6):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.name || document.activeElement.id"))
        if reached[-1] == "what":
            break
    assert reached[-1] == "what", reached
    started = time.monotonic()
    page.keyboard.type(WHAT)
    page.keyboard.press("Tab")  # "where", already filled
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "email"
    page.keyboard.type(f"leser{width}@example.org")
    # A person takes a few seconds for this; the form turns away answers faster than three.
    page.wait_for_timeout(max(0, 3500 - int((time.monotonic() - started) * 1000)))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Meldung senden"
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Danke für Ihre Meldung")
    accessible(page)
    status = page.get_by_role("status").inner_text()
    assert "spätestens bis" in status
    context.close()
    watch.check()
    stored = reports()
    assert len(stored) == before + 1
    what, where, email, state, answer_by, language = stored[-1]
    assert (what, where, email, state, language) == (
        WHAT,
        server + "/de/termine/monat/",
        f"leser{width}@example.org",
        "new",
        "de",
    )
    # The office's list shows it, new, with the date it must be answered by.
    editor_page.goto(server + "/admin/snippets/accessibility/barrierreport/")
    row = editor_page.locator("tbody tr", has_text=WHAT[:40]).first
    year, month, day = answer_by.split("-")
    text = row.inner_text()
    assert "neu" in text.lower() and f"{day}.{month}.{year}" in text  # the status tag is set in capitals


def test_the_form_tells_what_is_missing(server, page):
    page.goto(server + "/de/barriere-melden/")
    page.get_by_role("button", name="Meldung senden").click()
    main = page.locator("main").inner_text()
    assert "Bitte schreiben Sie, was nicht funktioniert." in main
    accessible(page)


def test_the_sign_language_video_plays_from_this_site_with_captions(server, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server + "/de/gebaerdensprache/")
    accessible(page)
    video = page.locator("main video").first
    assert video.locator("source").get_attribute("src").startswith("/media/videos/")
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('main video').currentTime > 0.5", timeout=15000)
    # The captions track is loaded and shown.
    cues = page.wait_for_function(
        "() => { const t = document.querySelector('main video').textTracks[0];"
        " return t && t.mode === 'showing' && t.cues && t.cues.length > 0 && t.cues[0].text; }",
        timeout=15000,
    ).json_value()
    assert "Städtetag" in cues
    download = page.locator(".sign-video .download").first.inner_text()
    assert download.startswith("Video herunterladen (WebM,") and "Dauer 0:04 Min." in download
    assert all(url.startswith(server) for url in requests), [
        url for url in requests if not url.startswith(server)
    ]


def page_id(model_table, language):
    with sqlite3.connect(DATABASE["path"]) as db:
        return db.execute(
            f"SELECT p.page_ptr_id FROM {model_table} p JOIN wagtailcore_page w ON w.id = p.page_ptr_id"  # noqa: S608
            " JOIN wagtailcore_locale l ON l.id = w.locale_id WHERE l.language_code = ?",
            (language,),
        ).fetchone()[0]


def test_wagtails_checker_advises_on_leichte_sprache_while_editing(server, editor_page):
    easy = page_id("accessibility_easylanguagepage", "de")
    editor_page.goto(server + f"/admin/pages/{easy}/edit/")
    editor_page.fill("#id_intro", "Die Seite wird jeden Tag von der Geschäftsstelle geprüft.")
    editor_page.locator('[data-side-panel-toggle="checks"]').click()
    checker = editor_page.locator("[data-content-checker-row]", has_text="Passiv")
    checker.first.wait_for(timeout=30000)
    assert "Sagen Sie, wer etwas tut" in checker.first.inner_text()
    # Advice, not a rule: the page can still be published (nothing here is saved).
    assert editor_page.locator("[data-content-checker-row]", has_text="Langer Satz").count() == 0
