"""A `Host` the site does not answer to is a 400 with the site's page (JSON under the interfaces) on
every kind of address, with the page cache on or off, and nothing is kept for it.

Django checks the host when a middleware or view first asks for it; the page cache, the 400 page's
own parts and the locale redirect all ask, so each had its own way to turn the 400 into a 500.
"""

import pytest
from django.core.cache import cache
from django.test import Client

from tests import factories

BAD_HOSTS = [
    "evil.example",
    "staedtetag.example.evil.example",
    "testserver.evil.example",
    "testserver:abc",
    "[::1",
    "a b",
    "testserver/../x",
    "x" * 300,
    "münchen.example",
    "xn--mnchen-3ya.example",
    "",
    "testserver@evil.example",
    "testserver\x00",
]

OTHER_ROUTES = [
    "/",
    "/de/gibt-es-nicht/",
    "/en/does-not-exist/",
    "/robots.txt",
    "/admin/login/",
    "/documents/1/x.pdf",
    "/_parts/footer/de/",
    "/_parts/footer/en/",
    "/oparl/1.1/system",
    "/oparl/1.1/body/1/meeting",
    "/api/v2/pages/?type=articles.ArticlePage",
    "/de/mitglieder/",
]


@pytest.fixture
def public(site):
    return factories.make_public_site(site)


def routes(public):
    return [route for route in factories.public_routes(public) if route != "/healthz"] + OTHER_ROUTES


def assert_bad_request(response, url, host):
    assert response.status_code == 400, (url, host, response.status_code)
    kind = response.get("Content-Type", "")
    if url.startswith(("/api/", "/oparl/")):
        assert kind.startswith("application/json"), (url, host, kind)
    else:
        assert kind.startswith("text/html"), (url, host, kind)
        assert "<footer" in response.content.decode(), (url, host)  # the site's own page, with its parts
    assert "X-Page-Cache" not in response, (url, host)


@pytest.mark.django_db
@pytest.mark.parametrize("cached", [True, False], ids=["page-cache-on", "page-cache-off"])
def test_every_kind_of_address_answers_400_to_a_host_the_site_does_not_serve(public, settings, cached):
    settings.PAGE_CACHE_ENABLED = settings.PART_CACHE_ENABLED = cached
    settings.ALLOWED_HOSTS = ["testserver", "staedtetag.example"]
    client = Client(raise_request_exception=False)
    for url in routes(public):
        for host in BAD_HOSTS:
            assert_bad_request(client.get(url, HTTP_HOST=host), url, host)
        assert_bad_request(client.post(url, {"q": "x"}, HTTP_HOST="evil.example"), url, "POST")
    # the good host is answered as before, from entries the bad ones did not make
    assert client.get("/de/", HTTP_HOST="testserver").status_code == 200


@pytest.mark.django_db
def test_a_bad_host_leaves_nothing_in_the_cache(public, settings):
    settings.PAGE_CACHE_ENABLED = settings.PART_CACHE_ENABLED = True
    settings.ALLOWED_HOSTS = ["testserver"]
    cache.clear()
    client = Client(raise_request_exception=False)
    for host in BAD_HOSTS:
        for url in ("/de/", "/en/", "/de/termine/"):
            client.get(url, HTTP_HOST=host)
    kept = [key for key in cache._cache if ":pc:entry:" in key or ":pc:part:" in key]  # locmem's keys
    assert kept == []
    client.get("/de/", HTTP_HOST="testserver")
    assert [key for key in cache._cache if ":pc:entry:" in key]  # the same check sees a good host's entry
