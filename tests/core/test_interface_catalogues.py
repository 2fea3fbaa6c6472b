"""The interface's German and English catalogues are complete and compiled."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parent.parent.parent / "site" / "locale"


@pytest.mark.parametrize("language", ["de", "en"])
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert len(po) > 20
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(folder / "django.po"))
    }
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(folder / "django.mo"))
    }
    compiled.pop((None, ""), None)  # the header
    assert compiled == {key: value for key, value in source.items() if value}


def test_german_catalogue_is_used_by_django():

    with translation.override("de"):
        assert translation.gettext("Skip to main content") == "Zum Hauptinhalt springen"


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_catalogue_of_library_texts_is_complete_and_compiled(language, domain):
    folder = LOCALE_DIR.parent / "locale-overrides" / language / "LC_MESSAGES"
    source = polib.pofile(str(folder / f"{domain}.po"))
    assert len(source) >= 5 and not source.untranslated_entries() and not source.fuzzy_entries()
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(folder / f"{domain}.mo")) if e.msgid}
    assert compiled == {e.msgid: e.msgstr for e in source}
