"""A committee member's session in a real browser (demo content: the AG Soziales' next meeting with its
agenda and the invitation sent): the member finds it under "Meine Sitzungen", replies by keyboard that
a substitute comes, and sees the reply kept; the public meeting page shows the public items and the
non-public one only by number. axe-core finds no WCAG 2.1 AA violation on the way."""

import pytest

from .test_members import IN_COMMITTEE, accessible, sign_in

pytestmark = pytest.mark.browser


def test_a_member_replies_with_a_substitute_from_meine_sitzungen(server, page):
    sign_in(page, server, IN_COMMITTEE)
    page.get_by_role("link", name="Meine Sitzungen").first.click()
    page.wait_for_url(server + "/de/mitglieder/sitzungen/")
    accessible(page)
    text = page.locator("main").inner_text()
    assert "Kita-Finanzierung: Stand der Gespräche mit dem Land" in text
    assert "Personalangelegenheiten der Geschäftsstelle" in text  # members see the non-public item
    section = page.locator("section.session").first
    section.get_by_label("Ich werde vertreten durch …").focus()
    page.keyboard.press("Space")  # a radio button, chosen by keyboard
    section.get_by_label("oder Name der Vertretung").fill("Erika Beispiel")
    section.get_by_label("und E-Mail-Adresse").fill("erika.beispiel@wiesbaden.de")
    section.get_by_role("button", name="Rückmeldung senden").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    accessible(page)
    text = page.locator("main").inner_text()
    assert "Danke, Ihre Rückmeldung ist gespeichert." in text
    assert "Erika Beispiel" in text


def test_the_public_meeting_page_shows_public_items_only(server, page):
    page.goto(server + "/de/termine/zweitaegige-klausur-der-ag-soziales/")
    accessible(page)
    text = page.locator("main").inner_text()
    assert "Kita-Finanzierung: Stand der Gespräche mit dem Land" in text
    assert "TOP 4: nichtöffentlich" in text
    assert "Personalangelegenheiten" not in text
    assert "Beschlussvorlage Kita-Finanzierung" in text  # the public paper
    assert "Entwurf Stellungnahme" not in text
