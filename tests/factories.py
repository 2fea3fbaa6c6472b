"""Build page trees in one line. Plain functions, no fixtures dumped from a database."""

from types import SimpleNamespace

from home.demo import ensure_site, ensure_site_settings, locales


def make_site():
    de, en = locales()
    home_de, home_en = ensure_site(hostname="testserver")
    ensure_site_settings()
    return SimpleNamespace(de=de, en=en, home_de=home_de, home_en=home_en)
