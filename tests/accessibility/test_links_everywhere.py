"""Every page links Leichte Sprache and sign language in its header, and the accessibility statement
and "Barriere melden" in its footer, in the page's language: with the page cache off and on, and with
German and English pages asked in turn (as real traffic comes)."""

import itertools

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from home.models import SiteSettings
from tests import factories

from .helpers import make_accessibility_pages

LABELS = {
    "de": {
        "easy": "Leichte Sprache",
        "sign": "Gebärdensprache",
        "statement": "Barrierefreiheit",
        "report": "Barriere melden",
    },
    "en": {
        "easy": "Easy Read",
        "sign": "Sign language",
        "statement": "Accessibility",
        "report": "Report a barrier",
    },
}
TARGETS = {
    "de": {
        "easy": "/de/leichte-sprache/",
        "sign": "/de/gebaerdensprache/",
        "statement": "/de/barrierefreiheit/",
        "report": "/de/barriere-melden/",
    },
    "en": {
        "easy": "/en/easy-read/",
        "sign": "/en/sign-language/",
        "statement": "/en/accessibility/",
        "report": "/en/report-a-barrier/",
    },
}
PAIRS = [
    ("/de/", "/en/"),
    ("/de/aktuelles/integration/", "/en/news/integration-en/"),
    ("/de/termine/", "/en/events/"),
    ("/de/termine/sitzung-ag-soziales/", "/en/events/social-affairs-meeting/"),
    ("/de/suche/?q=Integration", "/en/search/?q=integration"),
    ("/de/leichte-sprache/", "/en/easy-read/"),
    ("/de/barrierefreiheit/", "/en/accessibility/"),
    ("/de/barriere-melden/", "/en/report-a-barrier/"),
]


@pytest.fixture(params=["cache off", "cache on"])
def world(request, site, settings):
    on = request.param == "cache on"
    settings.PAGE_CACHE_ENABLED = settings.PART_CACHE_ENABLED = on
    public = factories.make_public_site(site)
    pages = make_accessibility_pages(site)
    # The demo's way: the editors' footer links lead to the statement (in each language).

    for language, statement in (("de", pages.statement), ("en", pages.english["statement"])):
        site_settings = SiteSettings.objects.get(locale__language_code=language)
        site_settings.footer_links = [
            ("link", {"label": LABELS[language]["statement"], "page": statement, "url": ""})
        ]
        site_settings.save()
    return public, pages


def links(response):
    page = BeautifulSoup(response.content, "html.parser")
    header = page.find("header")
    footer = page.find("footer")
    return {
        "easy": [
            a["href"] for a in header.find_all("a") if a.get_text(strip=True) == LABELS_OF(response)["easy"]
        ],
        "sign": [
            a["href"] for a in header.find_all("a") if a.get_text(strip=True) == LABELS_OF(response)["sign"]
        ],
        "statement": [
            a["href"]
            for a in footer.find_all("a")
            if a.get_text(strip=True) == LABELS_OF(response)["statement"]
        ],
        "report": [
            a["href"] for a in footer.find_all("a") if a.get_text(strip=True) == LABELS_OF(response)["report"]
        ],
    }


def LABELS_OF(response):  # noqa: N802
    return LABELS[response["Content-Language"]]


@pytest.mark.django_db
def test_every_page_links_the_four_in_its_own_language(world):
    client = Client()
    for german, english in PAIRS:
        for url, language in itertools.islice(itertools.cycle([(german, "de"), (english, "en")]), 4):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Language"] == language
            found = links(response)
            for kind, target in TARGETS[language].items():
                assert found[kind] == [target], (url, kind, found[kind])
            other = "en" if language == "de" else "de"
            html = response.content.decode()
            assert f'href="{TARGETS[other]["report"]}"' not in html, url


@pytest.mark.django_db
def test_the_header_carries_the_pictograms_from_this_site(world):
    page = BeautifulSoup(Client().get("/de/").content, "html.parser")
    pictures = [img["src"] for img in page.select(".access-nav img")]
    assert pictures == [
        "/static/accessibility/leichte-sprache.svg",
        "/static/accessibility/gebaerdensprache.svg",
    ]
    # And the start page shows them large, in its own box.
    assert [a.get_text(strip=True) for a in page.select(".access-box a")] == [
        "Informationen in Leichter Sprache",
        "Informationen in Deutscher Gebärdensprache",
    ]


@pytest.mark.django_db
def test_without_editors_footer_link_the_statement_is_linked_all_the_same(site, settings):
    settings.PAGE_CACHE_ENABLED = settings.PART_CACHE_ENABLED = True
    make_accessibility_pages(site)
    footer = BeautifulSoup(Client().get("/en/").content, "html.parser").find("footer")
    assert [
        a["href"] for a in footer.find_all("a") if a.get_text(strip=True) == "Accessibility statement"
    ] == ["/en/accessibility/"]


@pytest.mark.django_db
def test_unpublishing_the_easy_read_page_drops_its_link_from_cached_pages(
    site, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = settings.PART_CACHE_ENABLED = True
    factories.make_public_site(site)
    pages = make_accessibility_pages(site)
    client = Client()
    client.get("/de/aktuelles/integration/")
    assert client.get("/de/aktuelles/integration/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        pages.easy.unpublish()
        pages.english["easy"].unpublish()
    response = client.get("/de/aktuelles/integration/")
    header = BeautifulSoup(response.content, "html.parser").find("header")
    assert "Leichte Sprache" not in header.get_text()
    assert "Gebärdensprache" in header.get_text()


@pytest.mark.django_db
def test_an_untranslated_page_is_offered_in_german_to_english_readers(site):
    pages = make_accessibility_pages(site)
    pages.english["sign"].unpublish()
    header = BeautifulSoup(Client().get("/en/").content, "html.parser").find("header")
    link = [a for a in header.find_all("a") if a.get_text(strip=True) == "Sign language"][0]
    assert link["href"] == "/de/gebaerdensprache/" and link["hreflang"] == "de"
