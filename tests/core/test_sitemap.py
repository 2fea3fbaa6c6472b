"""The sitemap page is assembled from one cached fragment per entry: the assembled page is the page
built from nothing, a publish shows at once (the entry's key changes with what it shows), and the
XML is what sitemap readers parse."""

import defusedxml.ElementTree as ET
import pytest
from django.core.cache import cache
from django.test import Client

from tests import factories

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SECTION = "/sitemap-pages.xml"


@pytest.fixture
def public(site, settings):
    settings.PART_CACHE_ENABLED = True  # the fragments are kept; the page cache stays off
    return factories.make_public_site(site)


def entries(body):
    root = ET.fromstring(body)
    return {
        url.find("s:loc", NS).text: sorted(
            (link.get("hreflang"), link.get("href")) for link in url.findall("x:link", NS)
        )
        for url in root.findall("s:url", NS)
    }


@pytest.mark.django_db
def test_fragments_assemble_the_same_sitemap_as_a_fresh_build(public, settings):
    first = Client().get(SECTION)
    assert first.status_code == 200 and first["Content-Type"] == "application/xml"
    assert first["X-Robots-Tag"].startswith("noindex") and first["Last-Modified"]
    again = Client().get(SECTION)  # every entry from its fragment
    settings.PART_CACHE_ENABLED = False
    fresh = Client().get(SECTION)
    assert first.content == again.content == fresh.content
    found = entries(first.content)
    assert found["http://testserver/de/aktuelles/integration/"] == [
        ("de", "http://testserver/de/aktuelles/integration/"),
        ("en", "http://testserver/en/news/integration-en/"),
    ]
    assert all(url.startswith("http://testserver/") for url in found)


@pytest.mark.django_db
def test_a_publish_shows_at_once_and_the_host_is_its_own(public):
    Client().get(SECTION)
    article = public.article
    article.slug = "integration-neu"
    article.save_revision().publish()
    found = entries(Client().get(SECTION).content)
    assert "http://testserver/de/aktuelles/integration-neu/" in found
    assert "http://testserver/de/aktuelles/integration/" not in found
    assert ("de", "http://testserver/de/aktuelles/integration-neu/") in found[
        "http://testserver/en/news/integration-en/"
    ]
    other_host = Client().get(SECTION, HTTP_HOST="localhost")
    assert b"http://testserver/" not in other_host.content and b"http://localhost/" in other_host.content


@pytest.mark.django_db
def test_a_missing_page_of_the_sitemap_is_a_404(public):
    assert Client().get(SECTION + "?p=99").status_code == 404
    assert Client().get(SECTION + "?p=x").status_code == 404
    assert Client().get("/sitemap-nope.xml").status_code == 404
    cache.clear()
