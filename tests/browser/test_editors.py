"""The editors' main paths through the real admin, in German."""

import datetime
import json
import urllib.request

import icalendar
import pytest
from dateutil.relativedelta import relativedelta

pytestmark = pytest.mark.browser


def page_id(server, page_type, locale="de"):
    """The id of the first page of a type, through the API."""
    url = f"{server}/api/v2/pages/?type={page_type}&locale={locale}"
    with urllib.request.urlopen(url) as response:  # noqa: S310  (our own local server)
        return json.load(response)["items"][0]["id"]


def page_id_at(server, title, locale="de"):
    """The id of the page with this title, through the API's search-free listing."""
    url = f"{server}/api/v2/pages/?type=articles.ArticlePage&locale={locale}&limit=100"
    with urllib.request.urlopen(url) as response:  # noqa: S310  (our own local server)
        return next(item["id"] for item in json.load(response)["items"] if item["title"] == title)


def translate_segments(tab, texts):
    """Translate the visible untranslated segments, in order, as an editor does."""
    for text in texts:
        tab.get_by_role("button", name="Übersetzen").first.click()
        tab.locator("textarea").first.fill(text)
        tab.get_by_role("button", name="Speichern").click()
        tab.get_by_text(text, exact=True).first.wait_for()


def publish(tab):
    tab.get_by_role("button", name="Mehr Aktionen").click()
    tab.get_by_role("button", name="Veröffentlichen").click()
    tab.wait_for_load_state("networkidle")


def test_editor_writes_previews_and_publishes_a_statement(server, editor_page):
    tab = editor_page
    index = page_id(server, "articles.ArticleIndexPage")
    tab.goto(f"{server}/admin/pages/add/articles/articlepage/{index}/")
    tab.fill("#id_title", "Browsertest Entlastung der Kommunen")
    tab.fill("#id_teaser", "Ein Anreißer, im Browser geschrieben.")
    tab.get_by_label("Soziales", exact=True).check()
    tab.click("[data-contentpath=body] button.c-sf-add-button")
    tab.get_by_role("option", name="Absatz").click()
    tab.locator("[data-contentpath=body] .public-DraftEditor-content").first.click()
    tab.keyboard.type("Die Städte brauchen eine verlässliche Finanzierung.")
    tab.click("text=Bild auswählen")
    tab.get_by_role("link", name="Sitzung des Sozialausschusses").click()
    tab.wait_for_timeout(500)

    tab.get_by_role("button", name="Vorschau umschalten").click()
    preview = tab.frame_locator("iframe[title]").first
    assert preview.locator("h1").inner_text(timeout=15000) == "Browsertest Entlastung der Kommunen"

    publish(tab)
    tab.wait_for_url(lambda url: "/add/" not in url)  # saved: the admin leaves the form
    assert "veröffentlicht" in tab.content()

    tab.goto(server + "/de/aktuelles/thema/soziales/")
    tab.get_by_role("link", name="Browsertest Entlastung der Kommunen").first.click()
    assert tab.locator("h1").inner_text() == "Browsertest Entlastung der Kommunen"
    assert "Die Städte brauchen eine verlässliche Finanzierung." in tab.locator("main").inner_text()
    assert tab.locator("figure .credit").inner_text() == "Foto: Städtetag"


def test_editor_creates_a_monthly_series_cancels_one_meeting_and_readers_see_it(server, editor_page):
    tab = editor_page
    first = datetime.date.today().replace(day=5) + relativedelta(months=2)
    second = first + relativedelta(months=1)
    index = page_id(server, "calendar_app.EventIndexPage")
    tab.goto(f"{server}/admin/pages/add/calendar_app/eventpage/{index}/")
    tab.fill("#id_title", "Browsertest Monatssitzung")
    tab.click("text=Gremium auswählen")
    tab.get_by_role("link", name="AG Soziales", exact=True).click()
    tab.fill("#id_start_date", first.strftime("%d.%m.%Y"))  # as the German admin writes dates
    tab.fill("#id_start_time", "10:00")
    tab.fill("#id_end_time", "12:00")
    # The recurrence widget, in German: "Regel hinzufügen", frequency "Monatlich".
    widget = tab.locator(".recurrence-widget").first
    widget.get_by_text("Regel hinzufügen").click()
    widget.locator("select[name=freq]").select_option(label="Monatlich")
    assert "Monatlich" in widget.inner_text()
    # Cancel the second meeting of the series.
    tab.get_by_role("button", name="Änderung eines Termins hinzufügen").click()
    tab.fill("#id_changes-0-original_date", second.strftime("%d.%m.%Y"))
    tab.check("#id_changes-0-cancelled")
    tab.fill("#id_changes-0-note", "Fällt wegen des Landtags aus.")
    publish(tab)
    tab.wait_for_url(lambda url: "/add/" not in url)

    tab.goto(f"{server}/de/termine/?committee=ag-soziales&month={second:%Y-%m}")
    cancelled = tab.locator(".termin.cancelled", has_text="Browsertest Monatssitzung")
    assert "abgesagt" in cancelled.inner_text()
    assert "Fällt wegen des Landtags aus." in cancelled.inner_text()
    assert tab.locator(".termin", has_text="Browsertest Monatssitzung").count() == 1

    feed_url = (
        tab.locator(".termin__title", has_text="Browsertest Monatssitzung").get_attribute("href") + "ical/"
    )
    with urllib.request.urlopen(server + feed_url) as response:  # noqa: S310  (our own local server)
        calendar = icalendar.Calendar.from_ical(response.read())
    events = calendar.walk("VEVENT")
    assert "FREQ=MONTHLY" in events[0]["RRULE"].to_ical().decode()
    overrides = [e for e in events if "RECURRENCE-ID" in e]
    assert [(e.decoded("recurrence-id").date(), str(e["STATUS"])) for e in overrides] == [
        (second, "CANCELLED")
    ]


def test_editor_translates_a_statement_with_the_translation_editor(server, editor_page):
    tab = editor_page
    index = page_id(server, "articles.ArticleIndexPage")
    tab.goto(f"{server}/admin/pages/add/articles/articlepage/{index}/")
    tab.fill("#id_title", "Browsertest Übersetzung")
    tab.fill("#id_teaser", "Dieser Anreißer wird übersetzt.")
    publish(tab)
    tab.wait_for_url(lambda url: "/add/" not in url)
    german_id = page_id_at(server, "Browsertest Übersetzung")

    tab.goto(f"{server}/admin/localize/submit/page/{german_id}/")
    tab.get_by_label("Englisch").check()
    tab.click("input[type=submit]")
    tab.wait_for_url(lambda url: url.endswith("/edit/"))
    # The translation editor shows one segment after another, each with "Übersetzen".
    translate_segments(tab, ["Browser test translation", "This teaser is translated."])
    tab.get_by_role("tab", name="Veröffentlichung").click()
    translate_segments(tab, ["browser-test-translation"])  # the slug
    tab.get_by_role("button", name="Veröffentlichen in Englisch").click()
    tab.wait_for_load_state("networkidle")

    tab.goto(server + "/en/news/browser-test-translation/")
    assert tab.locator("h1").inner_text() == "Browser test translation"
    assert "This teaser is translated." in tab.locator("main").inner_text()
    assert tab.evaluate("document.documentElement.lang") == "en"


ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/snippets/calendar_app/committee/",
    "/admin/snippets/articles/topic/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/lockouts/",
    "/admin/snippets/calendar_app/venue/",
    "/admin/users/",
]


def test_admin_pages_editors_use_load_nothing_from_other_hosts_and_break_no_policy(server, editor_page):
    tab = editor_page
    event = page_id(server, "calendar_app.EventPage")
    article = page_id(server, "articles.ArticlePage")
    for path in [*ADMIN_PAGES, f"/admin/pages/{event}/edit/", f"/admin/pages/{article}/edit/"]:
        response = tab.goto(server + path)
        assert response.status == 200, path
        tab.wait_for_load_state("networkidle")
    # The editor_page fixture fails the test on any CSP violation or request to another host.
    assert tab.locator("img[src*='gravatar']").count() == 0
