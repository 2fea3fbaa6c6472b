"""The editors' main paths through the real admin, in German."""

import json
import urllib.request

import pytest

pytestmark = pytest.mark.browser


def page_id(server, page_type, locale="de"):
    """The id of the first page of a type, through the API."""
    url = f"{server}/api/v2/pages/?type={page_type}&locale={locale}"
    with urllib.request.urlopen(url) as response:  # noqa: S310  (our own local server)
        return json.load(response)["items"][0]["id"]


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
    tab.select_option("#id_topics", label="Soziales")
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

    tab.goto(server + "/de/aktuelles/topic/soziales/")
    tab.get_by_role("link", name="Browsertest Entlastung der Kommunen").first.click()
    assert tab.locator("h1").inner_text() == "Browsertest Entlastung der Kommunen"
    assert "Die Städte brauchen eine verlässliche Finanzierung." in tab.locator("main").inner_text()
    assert tab.locator("figure .credit").inner_text() == "Foto: Städtetag"
