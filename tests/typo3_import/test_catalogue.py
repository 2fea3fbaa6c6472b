"""The import's texts for the admin (its model's names) have German and are compiled."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

from typo3_import.models import ImportedRecord

LOCALE_DIR = Path(__file__).resolve().parents[2] / "typo3_import" / "locale"


@pytest.mark.parametrize("language", ["de", "en"])
def test_catalogue_is_complete_and_compiled(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    source = polib.pofile(str(folder / "django.po"))
    assert len(source) >= 10 and not source.untranslated_entries() and not source.fuzzy_entries()
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(folder / "django.mo")) if entry.msgid}
    assert compiled == {entry.msgid: entry.msgstr for entry in source}


def test_the_admin_speaks_german():
    with translation.override("de"):
        assert str(ImportedRecord._meta.verbose_name_plural) == "importierte TYPO3-Datensätze"
