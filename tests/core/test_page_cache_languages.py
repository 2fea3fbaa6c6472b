"""Languages alternating with the page cache and the parts cache on: every public page, German and
English in turn (as real traffic comes), carries the shared parts (footer, "Termine" box, latest
statements, publications) in its own language only.

The parts are filled in when a page is served; the page-cache middleware runs before the locale
middleware, so the language active at that moment is the previous request's. Django's test client
activates no language between requests either, which is why this must be asked in alternation.
"""

import itertools

import pytest
from django.conf import settings
from django.test import Client

from core.cache import parts
from tests import factories

LANGUAGES = ("de", "en")


def page_pairs(public):
    """The German and English address of every public page type built by make_public_site."""
    today = public.today
    return [
        ("/de/", "/en/"),
        ("/de/aktuelles/", "/en/news/"),
        ("/de/aktuelles/integration/", "/en/news/integration-en/"),
        ("/de/termine/", "/en/events/"),
        ("/de/termine/archiv/", "/en/events/archive/"),
        ("/de/termine/monat/", "/en/events/month/"),
        (f"/de/termine/monat/{today.year}/{today.month}/", f"/en/events/month/{today.year}/{today.month}/"),
        ("/de/termine/sitzung-ag-soziales/", "/en/events/social-affairs-meeting/"),
        ("/de/suche/", "/en/search/"),
        ("/de/suche/?q=Integration", "/en/search/?q=integration"),
    ]


def part_versions(request):
    """Each part as it reads in each language, rendered fresh for this request's host."""
    return {
        (name, language): parts.render_part(name, language, request)[0]
        for name in settings.PAGE_CACHE_PARTS
        for language in LANGUAGES
    }


def assert_parts_in_language(response, language, url):
    html = response.content.decode()
    assert "<!--pc:part:" not in html, url
    versions = part_versions(response.wsgi_request)
    found = 0
    for name in settings.PAGE_CACHE_PARTS:
        own, other = versions[(name, language)], versions[(name, "en" if language == "de" else "de")]
        if own == other:
            continue
        assert other not in html, f"{url} carries the {name} part in the other language"
        found += own in html
    assert found, f"{url} shows no part in its own language"


@pytest.fixture
def public(site, settings):
    settings.PAGE_CACHE_ENABLED = settings.PART_CACHE_ENABLED = True
    return factories.make_public_site(site)


@pytest.mark.django_db
@pytest.mark.parametrize("german_first", [True, False], ids=["de-first", "en-first"])
def test_pages_in_alternating_languages_carry_their_own_languages_parts(public, german_first):
    client = Client()
    for german, english in page_pairs(public):
        pair = [(german, "de"), (english, "en")]
        order = pair if german_first else pair[::-1]
        states = []
        for url, language in itertools.islice(itertools.cycle(order), 4):  # de, en, de, en
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Language"] == language, url
            assert_parts_in_language(response, language, url)
            states.append(response.get("X-Page-Cache"))
        assert states[2:] == ["hit", "hit"], (german, english, states)  # the second round is served stored


@pytest.mark.django_db
def test_a_part_kept_for_one_language_is_never_given_to_the_other(public):
    """Both languages' parts come from the parts cache once warm, each under its own key."""
    client = Client()
    client.get("/de/")
    client.get("/en/")
    german = client.get("/de/")
    english = client.get("/en/")
    assert "footer=hit" in german["X-Page-Cache-Parts"] and "footer=hit" in english["X-Page-Cache-Parts"]
    assert_parts_in_language(german, "de", "/de/")
    assert_parts_in_language(english, "en", "/en/")


@pytest.mark.django_db
def test_behind_a_frontend_cache_each_page_includes_its_own_languages_parts(public, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "core.cache.frontend.XKeyVarnishBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    client = Client(HTTP_SURROGATE_CAPABILITY='varnish="ESI/1.0"')
    for url, language in [("/de/", "de"), ("/en/", "en"), ("/de/", "de"), ("/en/", "en")]:
        html = client.get(url).content.decode()
        other = "en" if language == "de" else "de"
        assert f'<esi:include src="/_parts/footer/{language}/"/>' in html, url
        assert f"/_parts/footer/{other}/" not in html, url
    for language in LANGUAGES:
        part = client.get(f"/_parts/footer/{language}/")
        assert part.status_code == 200 and part["Content-Language"] == language
        assert part.content.decode() == parts.render_part("footer", language, part.wsgi_request)[0]
