"""What editors and readers see: the recurrence editor with its preview, a German admin without console
errors, the month and the home page on a phone. Screenshots go to tests/screenshots/."""

import datetime

import pytest

from tests.admin_english import chooser_addresses, english_in

from .conftest import SCREENSHOTS
from .test_editors import page_id

pytestmark = pytest.mark.browser


def wait_until(tab, expression, seconds=15):
    """Poll a condition in the page. (Playwright's wait_for_function evaluates a string with eval,
    which the admin's Content-Security-Policy rightly refuses.)"""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if tab.evaluate(f"() => Boolean({expression})"):
            return
        tab.wait_for_timeout(200)
    raise AssertionError(f"not within {seconds} s: {expression}")


def console_errors(tab):
    """A function that lists the page's console errors and script errors so far.

    One answer is not an error: Wagtail 8's autosave posts the half-filled form while the editor types
    and gets 400 with `"error_code": "validation_error"` while the form cannot be saved yet (a new meeting
    before its committee is chosen: the column cannot be empty even in a draft); its indicator says so. The browser logs every 400
    as "Failed to load resource", so that message is left out for exactly those answers, by URL."""
    messages, validation_answers = [], set()

    def on_response(response):
        if (
            response.status == 400
            and response.request.method == "POST"
            and "application/json" in response.headers.get("content-type", "")
            and '"validation_error"' in response.text()
        ):
            validation_answers.add(response.url)

    tab.on("response", on_response)
    tab.on("console", lambda message: messages.append(message) if message.type == "error" else None)
    tab.on("pageerror", lambda error: messages.append(error))

    def errors():
        return [
            str(message) if isinstance(message, Exception) else message.text
            for message in messages
            if isinstance(message, Exception)
            or not (
                message.text.startswith("Failed to load resource")
                and message.location.get("url") in validation_answers
            )
        ]

    return errors


def test_the_recurrence_editor_shows_the_rule_in_words_and_its_next_dates(server, editor_page):
    tab = editor_page
    errors = console_errors(tab)
    first = datetime.date.today() + datetime.timedelta(days=14)
    first -= datetime.timedelta(days=first.weekday())  # a Monday
    index = page_id(server, "calendar_app.EventIndexPage")
    tab.goto(f"{server}/admin/pages/add/calendar_app/eventpage/{index}/")
    tab.fill("#id_title", "Browsertest Vorschau")
    tab.fill("#id_start_date", first.strftime("%d.%m.%Y"))
    tab.fill("#id_start_time", "10:00")
    tab.fill("#id_end_time", "12:00")
    widget = tab.locator(".recurrence-widget").first
    add_change = tab.get_by_role("button", name="Änderung eines Termins hinzufügen")
    wait_until(tab, "document.querySelectorAll('.recurrence-preview__date').length === 1")  # one meeting
    preview = tab.locator(".recurrence-preview")

    def below_preview():
        # how far the button is below the preview's top, whatever the page's scroll position
        return add_change.bounding_box()["y"] - preview.bounding_box()["y"]

    before = below_preview()
    widget.get_by_text("Regel hinzufügen").click()
    widget.locator("select[name=freq]").select_option(label="Wöchentlich")
    preview.locator(".recurrence-preview__summary").wait_for()
    wait_until(
        tab, "document.querySelector('.recurrence-preview__summary').textContent.includes('Jeden Montag')"
    )
    assert "10:00 bis 12:00 Uhr" in preview.inner_text()
    assert preview.locator(".recurrence-preview__date").count() == 10
    # The preview grew from one date to ten without moving what is below it: a button the editor
    # is about to click does not jump while the preview updates.
    assert below_preview() == pytest.approx(before, abs=1)
    # Cancelling the second meeting marks it in the preview at once.
    tab.get_by_role("button", name="Änderung eines Termins hinzufügen").click()
    tab.fill("#id_changes-0-original_date", (first + datetime.timedelta(weeks=1)).strftime("%d.%m.%Y"))
    tab.check("#id_changes-0-cancelled")
    wait_until(tab, "document.querySelectorAll('.recurrence-preview__date.is-cancelled').length === 1")
    assert "abgesagt" in preview.locator(".is-cancelled").inner_text()
    # The widget's controls are reachable with the keyboard and show their focus.
    widget.locator("select[name=freq]").focus()
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.closest('.recurrence-widget') !== null")
    assert focused
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    SCREENSHOTS.mkdir(exist_ok=True)
    for width in (1280, 375):
        tab.set_viewport_size({"width": width, "height": 1000})
        widget.scroll_into_view_if_needed()
        tab.screenshot(path=str(SCREENSHOTS / f"recurrence-editor-{width}.png"), full_page=False)
    assert errors() == [], "\n".join(errors())


def test_the_admin_speaks_german_on_every_page_editors_use_without_console_errors(
    server, editor_page, browser
):
    tab = editor_page
    errors = console_errors(tab)
    event = page_id(server, "calendar_app.EventPage")
    article = page_id(server, "articles.ArticlePage")
    for path in (
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{event}/edit/",
        f"/admin/pages/{article}/edit/",
        "/admin/snippets/calendar_app/committee/",
        "/admin/snippets/calendar_app/venue/",
        "/admin/snippets/articles/topic/",
        "/admin/snippets/home/sitesettings/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/collections/",
        "/admin/pages/search/?q=Sitzung",
        "/admin/reports/aging-pages/",
        "/admin/reports/locked/",
        "/admin/account/",
        f"/admin/localize/submit/page/{article}/",  # "Seite übersetzen"
        f"/admin/pages/{page_id(server, 'articles.ArticlePage', locale='en')}/edit/",  # the translation editor
    ):
        tab.goto(server + path)
        tab.wait_for_load_state("networkidle")
        english = english_in(tab.locator("body").inner_text())
        assert english == [], (path, english)
    assert errors() == [], errors()
    # The login page too: the recurrence catalogue is a script there, not the login page again.
    context = browser.new_context(locale="en-GB")
    login = context.new_page()
    login_errors = console_errors(login)
    login.goto(server + "/admin/login/")
    login.wait_for_load_state("networkidle")
    assert "Anmelden" in login.locator("body").inner_text()
    context.close()
    assert login_errors() == []


def read_modal(tab, where):
    """The chooser modal that is open: its text (checked for English) and heading, then closed."""
    modal = tab.locator("body > .modal .modal-body")
    modal.locator("h1").first.wait_for()
    tab.wait_for_load_state("networkidle")
    text = modal.inner_text()
    assert english_in(text) == [], (where, english_in(text), text[:300])
    heading = modal.locator("h1").first
    subtitle = heading.locator(".w-header__subtitle")
    title = heading.inner_text()
    if subtitle.count():
        title = title.replace(subtitle.inner_text(), "")
    assert title.split()[-1] in ("auswählen", "hinzufügen"), (where, title)
    tab.locator("body > .modal button.close").click()
    tab.locator("body > .modal").wait_for(state="detached")
    return " ".join(title.split())


def test_every_chooser_reads_german_as_editors_open_it(server, editor_page):
    tab = editor_page
    errors = console_errors(tab)
    # As an editor opens them: every chooser button on a new meeting, article, agenda and paper.
    opened = set()
    for path in (
        f"/admin/pages/add/calendar_app/eventpage/{page_id(server, 'calendar_app.EventIndexPage')}/",
        f"/admin/pages/add/articles/articlepage/{page_id(server, 'articles.ArticleIndexPage')}/",
        "/admin/snippets/members/agenda/add/",
        "/admin/snippets/members/meetingpaper/add/",
    ):
        tab.goto(server + path)
        tab.wait_for_load_state("networkidle")
        buttons = tab.locator("button[data-chooser-action-choose]:visible")
        for index in range(buttons.count()):
            buttons.nth(index).click()
            opened.add(read_modal(tab, (path, index)))
    expected = {"Gremium", "Tagungsort", "Bild", "Termin", "Dokument"}
    assert {f"{name} auswählen" for name in expected} <= opened, opened
    # The venue chooser filtered to English meeting places reads German too (its list reloads).
    tab.goto(f"{server}/admin/pages/{page_id(server, 'calendar_app.EventPage')}/edit/")
    tab.get_by_role("button", name="Tagungsort auswählen").first.click()
    modal = tab.locator("body > .modal .modal-body")
    modal.get_by_label("Sprache").select_option(label="Englisch")
    modal.get_by_text("Marburg town hall").first.wait_for()  # the English places are listed
    read_modal(tab, "venue chooser, English places")
    # Every other chooser of the admin as its widget opens it (Wagtail's ModalWorkflow).
    index = page_id(server, "calendar_app.EventIndexPage")
    for path in chooser_addresses(index, results=False):
        tab.evaluate("url => { window.ModalWorkflow({url: url}); }", server + path)
        read_modal(tab, path)
    assert errors() == [], errors()


@pytest.mark.parametrize("width", [375, 1280])
def test_month_view_and_home_on_a_phone_and_on_a_desktop(server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="de-DE")
    tab = context.new_page()
    tab.goto(server + "/de/termine/monat/")
    table_visible = tab.locator(".month-table").is_visible()
    agenda_visible = tab.locator(".month-agenda").is_visible()
    assert (table_visible, agenda_visible) == ((False, True) if width == 375 else (True, False))
    assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    tab.screenshot(path=str(SCREENSHOTS / f"month-{width}.png"), full_page=True)
    tab.goto(server + "/de/")
    box_top = tab.locator("#termine-heading").bounding_box()["y"]
    if width == 375:
        assert box_top < 700  # the next meetings right below the page's heading, not 2,300 px down
    tab.screenshot(path=str(SCREENSHOTS / f"home-{width}.png"), full_page=True)
    context.close()
