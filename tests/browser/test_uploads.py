"""The admin's multiple upload in Chromium, as an editor uses it: two files chosen at once, each given
its title (an image also its alternative text) and sent with its "Aktualisieren" button; then the
library holds both under those titles. (The server's log is checked for errors by the fixture.)"""

import sqlite3

import pytest

from demo.media import make_image_file, make_pdf_file
from tests.admin_english import english_in

from .conftest import DATABASE
from .test_recurrence_editor_and_german_admin import console_errors, wait_until

pytestmark = pytest.mark.browser


def rows(query):
    with sqlite3.connect(DATABASE["path"]) as db:
        return set(db.execute(query).fetchall())


def upload_and_update(tab, server, kind, files, values, refused_first=None):
    """Choose `files` on the multiple upload of `kind`, then fill each one's form with its `values`
    (field name -> text) and click its "Aktualisieren" button; waits until each form is gone. Every
    step is read for English. With `refused_first`, the first file is first sent as it came and its
    form must come back with that message."""
    tab.goto(f"{server}/admin/{kind}/multiple/add/")
    assert english_in(tab.locator("main").inner_text()) == []
    tab.set_input_files("#fileupload", files)
    wait_until(tab, f"document.querySelectorAll('#upload-list > li.upload-complete').length === {len(files)}")
    items = tab.locator("#upload-list > li")
    assert items.count() == len(files)
    assert tab.locator("#upload-list > li.upload-failure").count() == 0, tab.locator(
        "#upload-list"
    ).inner_text()
    assert english_in(tab.locator("#upload-list").inner_text()) == []
    if refused_first:
        first = items.nth(0)
        first.get_by_role("button", name="Aktualisieren").click()
        first.get_by_text(refused_first).wait_for()
        assert english_in(first.inner_text()) == [], first.inner_text()
    for index, fields in enumerate(values):
        item = items.nth(index)
        for name, text in fields.items():
            item.locator(f"[name$='-{name}']").fill(text)
        item.get_by_role("button", name="Aktualisieren").click()
    # Each updated file's entry slides away; an entry whose form came back has an error to show.
    wait_until(tab, "document.querySelectorAll('#upload-list > li').length === 0")


def test_an_editor_uploads_two_documents_at_once_and_gives_them_titles(server, editor_page):
    tab = editor_page
    errors = console_errors(tab)
    files = [
        {
            "name": "stellungnahme-klimaanpassung.pdf",
            "mimeType": "application/pdf",
            "buffer": make_pdf_file("a.pdf", "Klimaanpassung", ["Hitzeschutz in den Städten"]).read(),
        },
        {
            "name": "bericht_haushalt_2027.pdf",
            "mimeType": "application/pdf",
            "buffer": make_pdf_file("b.pdf", "Haushalt 2027", ["Zahlen und Analysen"]).read(),
        },
    ]
    titles = ["Stellungnahme zur Klimaanpassung in den Städten", "Bericht zum Haushalt 2027"]
    upload_and_update(
        tab,
        server,
        "documents",
        files,
        [{"title": title} for title in titles],
        refused_first="Der Titel ist noch der Name der Datei",
    )
    stored = rows("SELECT title FROM wagtaildocs_document")
    assert {(title,) for title in titles} <= stored
    assert not rows("SELECT id FROM wagtailcore_uploadedfile")
    assert errors() == [], errors()


def test_an_editor_uploads_two_images_at_once_with_titles_and_alternative_texts(server, editor_page):
    tab = editor_page
    errors = console_errors(tab)
    files = [
        {"name": name, "mimeType": "image/jpeg", "buffer": make_image_file(name, colour=colour).read()}
        for name, colour in (("klausur-1.jpg", (10, 90, 60)), ("klausur-2.jpg", (90, 10, 60)))
    ]
    given = [
        {"title": "Klausur der AG Soziales", "alt_text": "Acht Menschen an einem Tisch mit Unterlagen"},
        {"title": "Klausur: Pause im Hof", "alt_text": "Menschen mit Kaffeetassen in einem sonnigen Hof"},
    ]
    upload_and_update(tab, server, "images", files, given)
    stored = rows("SELECT title, alt_text FROM home_customimage")
    assert {(item["title"], item["alt_text"]) for item in given} <= stored
    assert errors() == [], errors()
