"""Build page trees in one line. Plain functions, no fixtures dumped from a database."""

from types import SimpleNamespace

from django.test import TestCase

from home.demo import ensure_site, ensure_site_settings, locales
from home.translation import translate


def run_on_commit():
    """wagtail-localize publishes translations on commit; a test transaction never commits."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def make_site():
    de, en = locales()
    with run_on_commit():
        home_de, home_en = ensure_site(hostname="testserver")
        ensure_site_settings()
    home_en.refresh_from_db()
    return SimpleNamespace(de=de, en=en, home_de=home_de, home_en=home_en)


def translate_published(instance, locale, strings):
    """Translate through wagtail-localize and publish, as an editor does in the translation editor."""
    with run_on_commit():
        target = translate(instance, locale, strings)
    target.refresh_from_db()
    return target
