"""The accessibility app's German and English catalogues are complete and compiled (its texts are
kept beside the app, like the site's in site/locale)."""

from pathlib import Path

import polib
import pytest

FOLDER = Path(__file__).resolve().parent.parent.parent / "accessibility" / "locale"


@pytest.mark.parametrize("language", ["de", "en"])
def test_catalogue_is_complete_and_compiled(language):
    po = polib.pofile(str(FOLDER / language / "LC_MESSAGES" / "django.po"))
    assert len(po) > 100
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in po}
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(FOLDER / language / "LC_MESSAGES" / "django.mo"))
    }
    compiled.pop((None, ""), None)
    assert compiled == source
