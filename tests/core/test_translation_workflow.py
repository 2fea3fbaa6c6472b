"""Editors translate German into English with wagtail-localize, through the admin as they use it."""

import datetime
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import polib
import pytest
import recurrence
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from articles.models import ArticlePage
from calendar_app.models import EventPage, Occurrence
from tests import factories

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def statement(site):
    index = factories.make_news_index(site)
    image = factories.make_image()
    return factories.make_article(
        index,
        "Städte fordern Entlastung",
        slug="entlastung",
        teaser="Die Städte brauchen Entlastung.",
        lead_image=image,
        body=[("paragraph", "<p>Erster Absatz.</p>"), ("paragraph", "<p>Zweiter Absatz.</p>")],
    )


ENGLISH = {
    "Städte fordern Entlastung": "Cities demand relief",
    "entlastung": "relief",
    "Die Städte brauchen Entlastung.": "The cities need relief.",
    "Erster Absatz.": "First paragraph.",
    "Zweiter Absatz.": "Second paragraph.",
}


def submit(editor, page, site, capture):
    with capture(execute=True):
        response = editor.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [site.en.pk]})
    assert response.status_code == 302
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=site.en)


def translate_segments(editor, translation, strings):
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        if segment.string.data in strings:
            # The translation editor sends each segment as a PUT, as its React front end does.
            response = editor.put(
                f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
                urlencode({"value": strings[segment.string.data]}),
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code in (200, 201), response.content


def english_of(page, site):
    return ArticlePage.objects.get(translation_key=page.translation_key, locale=site.en)


@pytest.mark.django_db
def test_a_new_translation_stays_a_draft_until_the_editor_publishes_it(
    editor, client, site, statement, django_capture_on_commit_callbacks
):
    translation = submit(editor, statement, site, django_capture_on_commit_callbacks)
    english = english_of(statement, site)
    assert not english.live
    translate_segments(editor, translation, ENGLISH)
    assert client.get("/en/news/relief/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    english = english_of(statement, site)
    assert english.live and english.title == "Cities demand relief"
    assert client.get("/en/news/relief/").status_code == 200


@pytest.mark.django_db
def test_an_english_translation_gets_an_english_address_unless_the_translator_set_one(
    editor, client, site, statement, django_capture_on_commit_callbacks
):
    """The slug sits on the promote tab: a translator who leaves it gets one from the English title."""
    translation = submit(editor, statement, site, django_capture_on_commit_callbacks)
    without_slug = {german: english for german, english in ENGLISH.items() if german != "entlastung"}
    translate_segments(editor, translation, without_slug)
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/pages/{english_of(statement, site).pk}/edit/", {"action": "publish"})
    english = english_of(statement, site)
    assert english.slug == "cities-demand-relief" and english.live
    assert client.get("/en/news/cities-demand-relief/").status_code == 200
    assert english_of(statement, site).url == "/en/news/cities-demand-relief/"
    # A slug the translator sets is kept, also when the page is published again.
    other = factories.make_article(statement.get_parent(), "Städte fordern Geld", slug="geld")
    translation = submit(editor, other, site, django_capture_on_commit_callbacks)
    translate_segments(editor, translation, {"Städte fordern Geld": "Cities want money", "geld": "money-now"})
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/pages/{english_of(other, site).pk}/edit/", {"action": "publish"})
    assert english_of(other, site).slug == "money-now"


@pytest.mark.django_db
def test_syncing_keeps_the_english_text_of_unchanged_segments(
    editor, client, site, statement, django_capture_on_commit_callbacks
):
    translation = submit(editor, statement, site, django_capture_on_commit_callbacks)
    translate_segments(editor, translation, ENGLISH)
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/pages/{english_of(statement, site).pk}/edit/", {"action": "publish"})
    # The German editor rewrites the second paragraph in place (the block keeps its id, as in the admin).
    second = statement.body[1]
    statement.body[1] = ("paragraph", RichText("<p>Neuer zweiter Absatz.</p>"), second.id)
    statement.save_revision().publish()
    source = TranslationSource.objects.get(object_id=statement.translation_key, locale=site.de)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert response.status_code == 302
    english = english_of(statement, site)
    texts = [block.value.source for block in english.body]
    assert texts[0] == "<p>First paragraph.</p>"  # unchanged segment keeps its translation
    assert texts[1] == "<p>Neuer zweiter Absatz.</p>"  # the new one waits for a translator
    assert english.title == "Cities demand relief"
    # ... and the editor sees exactly that one segment as untranslated
    translation = Translation.objects.get(pk=translation.pk)
    total, translated = translation.get_progress()
    assert total - translated == 1


@pytest.mark.django_db
def test_po_export_and_import_update_the_english_page(
    editor, site, statement, django_capture_on_commit_callbacks
):
    translation = submit(editor, statement, site, django_capture_on_commit_callbacks)
    exported = editor.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert exported.status_code == 200
    po = polib.pofile(exported.content.decode())
    assert {entry.msgid for entry in po} >= {"Städte fordern Entlastung", "Erster Absatz."}
    for entry in po:  # what the translation agency sends back
        entry.msgstr = ENGLISH.get(entry.msgid, "")
    upload = SimpleUploadedFile("agency.po", str(po).encode(), content_type="text/x-gettext-translation")
    response = editor.post(f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/pages/{english_of(statement, site).pk}/edit/", {"action": "publish"})
    english = english_of(statement, site)
    assert english.live and english.teaser == "The cities need relief."
    assert [block.value.source for block in english.body] == [
        "<p>First paragraph.</p>",
        "<p>Second paragraph.</p>",
    ]


@pytest.mark.django_db
def test_images_dates_and_recurrence_are_synchronised_not_translated(
    editor, site, statement, django_capture_on_commit_callbacks
):
    index = factories.make_events_index(site)
    committee = factories.make_committee(site)
    series = factories.make_series(
        index,
        committee,
        "Sitzung",
        rule=recurrence.Rule(recurrence.MONTHLY),
        start_date=datetime.date(2026, 1, 6),
    )
    for page in (statement, series):
        translation = submit(editor, page, site, django_capture_on_commit_callbacks)
        translate_segments(editor, translation, {**ENGLISH, "Sitzung": "Meeting", "sitzung": "meeting"})
        with django_capture_on_commit_callbacks(execute=True):
            editor.post(f"/admin/pages/{page.get_translation(site.en).pk}/edit/", {"action": "publish"})
    # The German editor changes what is synchronised ...
    new_image = factories.make_image("Neues Foto")
    statement.lead_image = new_image
    statement.date = datetime.date(2016, 4, 1)
    statement.save_revision().publish()
    series.recurrence = recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)])
    series.start_time = datetime.time(14, 0)
    series.end_time = datetime.time(15, 0)
    series.save_revision().publish()
    for page in (statement, series):
        source = TranslationSource.objects.get(object_id=page.translation_key, locale=site.de)
        with django_capture_on_commit_callbacks(execute=True):
            editor.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    english_statement = english_of(statement, site)
    english_series = EventPage.objects.get(translation_key=series.translation_key, locale=site.en)
    assert english_statement.lead_image == new_image and english_statement.date == datetime.date(2016, 4, 1)
    assert str(english_series.recurrence) == str(series.recurrence)
    assert english_series.start_time == datetime.time(14, 0)
    assert english_series.title == "Meeting"
    # one set of occurrences, shared by both languages
    starts = Occurrence.objects.filter(translation_key=series.translation_key).values_list("start", flat=True)
    assert {s.astimezone(datetime.UTC).hour for s in starts} <= {12, 13}


def test_machine_translation_is_off_unless_a_deepl_key_is_set():
    assert not hasattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR")
    code = (
        "import django; django.setup();"
        "from wagtail_localize.machine_translators import get_machine_translator;"
        "print(type(get_machine_translator()).__name__)"
    )
    env = {**os.environ, "DEEPL_AUTH_KEY": "test-key", "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.stdout.strip() == "DeepLTranslator", result.stderr
