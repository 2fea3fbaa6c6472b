"""The editor's content checks: Leichte Sprache's conventions (on pages of that type), alternative
texts and document links (on every page). They are marked in the preview for Wagtail's checker and
never on the public page, and they never stop a publish."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from accessibility import content_checks as checks
from tests import factories

from .helpers import make_accessibility_pages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wir sind der Städtetag.", []),
        (
            "Der Städtetag ist ein Verband von vielen Städten in unserem Land, der für die Städte mit der Regierung spricht.",
            ["ls-long-sentence"],
        ),
        ("Die Straße wird gebaut.", ["ls-passive"]),
        ("Die Straße wird morgen kommen.", []),  # future tense, no participle
        ("Der Antrag wurde geprüft.", ["ls-passive"]),
        ("Das ist das Haus des Bürgermeisters.", ["ls-genitive"]),
        ("Wegen dem Regen fällt es aus.", ["ls-genitive"]),  # "wegen" asks for the genitive: avoid it
        ("Bringen Sie z. B. einen Ausweis mit.", ["ls-abbreviation"]),
        ("Die BITV gilt für uns.", ["ls-abbreviation"]),
        ("Es kommen zwanzig Menschen.", ["ls-number-words"]),
        ("Es kommen dreizehn Menschen.", ["ls-number-words"]),
        ("Es kommen zwölf Menschen.", []),
        ("Es kommen 20 Menschen.", []),
        ("Wir treffen uns in Leipzig.", []),
    ],
)
def test_easy_language_findings(text, expected):
    assert checks.easy_language_findings(text) == expected


def test_an_abbreviation_explained_in_the_glossary_is_fine():
    assert checks.easy_language_findings("Die BITV gilt für uns.", explained=["BITV"]) == []


def test_one_statement_per_line_counts_each_line_as_a_sentence():
    text = "\n".join(["Wir sind ein Verband von vielen Städten"] * 3)  # 7 words a line, no full stops
    assert checks.easy_language_findings(text) == []


def test_images_without_alt_and_document_links_without_facts_are_marked():
    html = (
        "<html><body><main>"
        '<img src="/media/images/a.jpg" alt="">'
        '<img src="/media/images/b.jpg" alt="Ein Saal">'
        '<p><a href="/documents/1/papier.pdf">Positionspapier</a></p>'
        '<ul><li><a href="/documents/2/b.pdf">Beschluss</a> <span class="meta">(PDF, 408 kB)</span></li></ul>'
        "</main></body></html>"
    )
    soup = BeautifulSoup(checks.mark_preview(html), "html.parser")
    assert [img["src"] for img in soup.select('[data-content-check~="image-alt"]')] == ["/media/images/a.jpg"]
    assert [a.get_text() for a in soup.select('[data-content-check~="document-info"]')] == ["Positionspapier"]
    assert checks.mark_preview("<main><p>Alles gut.</p></main>") is None


@pytest.mark.django_db
def test_the_preview_carries_the_advice_and_the_public_page_does_not(site, admin_user):
    pages = make_accessibility_pages(site)
    easy = pages.easy
    easy.contents = [
        ("sentences", ["Wir sind der Städtetag.", "Die Seite wird jeden Tag geprüft."]),
    ]
    easy.save_revision().publish()
    client = Client()
    client.force_login(admin_user)
    preview = client.get(f"/admin/pages/{easy.pk}/view_draft/")
    marked = BeautifulSoup(preview.content, "html.parser").select("[data-content-check]")
    assert [(tag.get_text(strip=True), tag["data-content-check"]) for tag in marked] == [
        ("Die Seite wird jeden Tag geprüft.", "ls-passive")
    ]
    public = Client().get("/de/leichte-sprache/").content.decode()
    assert "Die Seite wird jeden Tag geprüft." in public and "data-content-check" not in public
    # Other page types get only the checks every page gets.
    article = factories.make_article(
        factories.make_news_index(site), "Die Seite wird geprüft", slug="geprueft"
    )
    draft = BeautifulSoup(client.get(f"/admin/pages/{article.pk}/view_draft/").content, "html.parser")
    assert draft.select('[data-content-check*="ls-"]') == []


@pytest.mark.django_db
def test_wagtails_checker_runs_the_site_rules_with_german_messages(site, admin_user):
    pages = make_accessibility_pages(site)
    client = Client()
    client.force_login(admin_user)
    edit = BeautifulSoup(client.get(f"/admin/pages/{pages.easy.pk}/edit/").content, "html.parser")
    config = json.loads(edit.find("script", id="checker-axe-configuration").string)
    rules = {rule["id"]: rule for rule in config["spec"]["rules"]}
    assert rules["ls-long-sentence"]["selector"] == '[data-content-check~="ls-long-sentence"]'
    assert "ls-long-sentence" in config["options"]["runOnly"] and "image-alt" in config["options"]["runOnly"]
    assert {"id": "site-content-advice", "evaluate": "attr-non-space-content-evaluate"}.items() <= {
        **[check for check in config["spec"]["checks"] if check["id"] == "site-content-advice"][0]
    }.items()
    assert config["messages"]["ls-passive"]["error_name"] == "Passiv"
    assert config["messages"]["document-info"]["error_name"] == "Dokument-Link ohne Format und Größe"


@pytest.mark.django_db
def test_advice_never_stops_a_publish(site, admin_user):
    pages = make_accessibility_pages(site)
    client = Client()
    client.force_login(admin_user)
    response = client.post(
        f"/admin/pages/{pages.easy.pk}/edit/",
        {
            "title": "Leichte Sprache",
            "slug": "leichte-sprache",
            "intro": "Die Seite wird des Öfteren z. B. von zwanzig Menschen gelesen, die wir hier alle gemeinsam begrüßen möchten.",
            "contents-count": "0",
            "navigation-count": "0",
            "statement-count": "0",
            "more-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    pages.easy.refresh_from_db()
    assert pages.easy.intro.startswith("Die Seite wird des Öfteren")
