"""The German admin without English: texts of the libraries it uses come from our catalogue where
theirs read badly or are missing (site/locale-overrides), and nothing says "None" or "Root"."""

import datetime
import json
import re

import pytest
from django.utils import timezone
from wagtail.models import Collection
from wagtail_localize.models import StringTranslation

from tests import factories


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
    words = set(re.findall(r"\w+", text))
    assert not words & {"Locale", "None", "Root"}, (path, words & {"Locale", "None", "Root"})


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
