"""Long German compound words in every title and field readers and members see, at 375 px: no page
becomes wider than a phone, in a browser without a German hyphenation dictionary (Debian's Chromium);
and the admin's recurrence editor fits the screen too."""

import pytest

from .long_words import LONG, SLUGS
from .test_members import IN_COMMITTEE, sign_in

pytestmark = pytest.mark.browser

PUBLIC = [
    f"/de/aktuelles/{SLUGS['article'][0]}/",
    f"/en/news/{SLUGS['article'][1]}/",
    f"/de/aktuelles/thema/{SLUGS['topic'][0]}/",
    f"/en/news/topic/{SLUGS['topic'][1]}/",
    "/de/aktuelles/",
    f"/de/{SLUGS['content'][0]}/",
    f"/en/{SLUGS['content'][1]}/",
    f"/de/termine/{SLUGS['event'][0]}/",
    f"/en/events/{SLUGS['event'][1]}/",
    f"/de/termine/gremium/{SLUGS['committee'][0]}/",
    "/de/termine/",
    "/en/events/",
    "/de/termine/monat/",
    f"/de/suche/?q={LONG}",
    "/de/",
]
WITHOUT_THE_WORD = ["/de/newsletter/", "/en/newsletter/", "/de/mitglieder/anmelden/"]
MEMBERS = [
    "/de/mitglieder/",
    f"/de/mitglieder/rundschreiben/{SLUGS['circular']}/",
    f"/de/mitglieder/themen/?q={LONG}",
    "/de/mitglieder/kalender/",
    "/de/mitglieder/api-zugang/",
    "/de/mitglieder/e-mail/",
]
WIDEST = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1);
    return wide.slice(-3).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 60));
}"""


def fits(tab):
    return tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="de-DE")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PUBLIC + WITHOUT_THE_WORD)
def test_long_words_wrap_on_a_phone(server, phone, path):
    response = phone.goto(server + path)
    assert response.status == 200, path
    if path in PUBLIC:
        assert LONG in phone.locator("body").inner_text(), path  # the word is there, in a title or a field
    assert fits(phone), (path, phone.evaluate(WIDEST))


def test_long_words_wrap_in_the_members_area(server, phone):
    sign_in(phone, server, IN_COMMITTEE)
    for path in MEMBERS:
        response = phone.goto(server + path)
        assert response.status == 200, path
        assert fits(phone), (path, phone.evaluate(WIDEST))
    phone.goto(server + MEMBERS[0])
    assert LONG in phone.locator("body").inner_text()  # the circular on the members' home


def test_the_recurrence_editor_fits_a_phone(server, editor_page):
    from .test_editors import page_id

    editor_page.set_viewport_size({"width": 375, "height": 800})
    editor_page.goto(f"{server}/admin/pages/{page_id(server, 'calendar_app.EventPage')}/edit/")
    widget = editor_page.locator(".recurrence-widget").first
    widget.scroll_into_view_if_needed()
    box = widget.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
