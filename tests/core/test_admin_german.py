"""The German admin without English: texts of the libraries it uses come from our catalogue where
theirs read badly or are missing (site/locale-overrides), and nothing says "None" or "Root". Every
chooser and every step of the multiple upload is opened and read."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Collection
from wagtail_localize.models import StringTranslation

from tests import factories
from tests.admin_english import chooser_addresses, english_in
from tests.browserlike import FormClient
from tests.core.test_multiple_upload import MultipleUpload, jpeg, pdf


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def public(site):
    return factories.make_public_site(site)


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"\bclass=\"[^\"]*\"", " ", html)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/admin/snippets/articles/topic/",
        "/admin/snippets/calendar_app/committee/",
        "/admin/snippets/calendar_app/venue/",
        "/admin/snippets/home/sitesettings/",
        "/admin/pages/",  # the explorer's heading is the tree's root page
        "/admin/pages/search/?q=Sitzung",
        "/admin/reports/aging-pages/",
        "/admin/collections/",
        "/admin/account/",
    ],
)
def test_admin_pages_say_sprache_and_never_none_or_root(editor, public, path):
    text = visible_text(editor.get(path))
    assert english_in(text) == [], (path, english_in(text))


@pytest.mark.django_db
def test_the_page_search_counts_in_german(editor, public):
    text = visible_text(editor.get("/admin/pages/search/?q=Sitzung"))
    assert re.search(r"1–\d+ von \d+", text)


@pytest.mark.django_db
def test_the_root_collection_has_a_german_name(public):
    assert Collection.get_first_root_node().name == "Alle Dateien"


@pytest.mark.django_db
def test_the_recurrence_widget_and_the_translation_editor_read_as_german(client):
    catalogue = client.get("/admin/recurrence-i18n.js").content.decode()
    for german in ("Häufigkeit", "Abstand", "Diese Termine ausschließen", "Weitere Aktionen"):
        assert json.dumps(german) in catalogue, german  # the catalogue is JSON: "H\u00e4ufigkeit"
    assert "Diese Vorkommen" not in catalogue and '"Frequenz"' not in catalogue
    assert json.dumps("Übersetzung: %(source)s → %(target)s") in client.get("/admin/jsi18n/").content.decode()


@pytest.mark.django_db
def test_a_translated_segment_is_dated_in_german(public):
    translation = StringTranslation.objects.filter(translation_type="manual").first()
    translation.updated_at = timezone.make_aware(datetime.datetime(2026, 12, 2, 10, 0))
    from django.utils import translation as language

    with language.override("de"):
        assert translation.get_comment() == "Manuell übersetzt am Mittwoch, 2. Dezember 2026"


def modal(editor, path):
    """A chooser as its modal shows it: the HTML of its JSON answer, read as text, and its heading."""
    response = editor.get(path, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200, (path, response.status_code)
    html = (
        response.json().get("html", "") if "json" in response["Content-Type"] else response.content.decode()
    )
    page = BeautifulSoup(html, "html.parser")
    for hidden in page(["script", "style", "template"]):
        hidden.decompose()
    text = " ".join(page.get_text(" ").split())
    heading = page.find("h1")
    for subtitle in heading.select(".w-header__subtitle") if heading else ():
        subtitle.decompose()  # the page chooser names the page types it takes there ("Termin")
    return text, " ".join(heading.get_text(" ").split()) if heading else ""


@pytest.mark.django_db
def test_every_chooser_reads_german_with_its_heading_in_german_word_order(editor, public):
    factories.make_document()
    factories.make_image()
    paths = chooser_addresses(public.events.pk)
    assert "/admin/snippets/choose/calendar_app/venue/" in paths and len(paths) > 25
    for path in paths:
        text, heading = modal(editor, path)
        assert english_in(text) == [], (path, english_in(text), text[:300])
        if "/results/" not in path and "/search/" not in path:
            # "Tagungsort auswählen", "Externen Link hinzufügen": the verb last, as German says it
            assert re.search(r"\S (auswählen|hinzufügen)$", heading), (path, heading)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["documents", "images"])
def test_every_step_of_the_multiple_upload_reads_german(admin_user, site, kind):
    client = FormClient()
    client.force_login(admin_user)
    Collection.get_first_root_node().add_child(name="Sitzungsunterlagen")  # the collection chooser shows
    upload = MultipleUpload(client, kind)
    page = visible_text(client.get(f"/admin/{kind}/multiple/add/"))
    assert english_in(page) == [], english_in(page)
    make = (
        (lambda n: pdf(f"{n}.pdf", n))
        if kind == "documents"
        else (lambda n: jpeg(f"{n}.jpg", (len(n), 90, 9)))
    )
    created = upload.upload(make("bericht"))  # step 1: created (documents) or kept for its alt text (images)
    refused = upload.upload(make("kopie"), collection="987654")  # step 1 kept as an upload: details asked
    steps = {"created": created["form"], "kept": refused["form"]}
    steps["refused again"] = upload.update(created, title="")["form"]  # step 2 with an error
    for step, html in steps.items():
        text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
        assert english_in(text) == [], (step, english_in(text), text)
        assert "Aktualisieren" in text, (step, text)
