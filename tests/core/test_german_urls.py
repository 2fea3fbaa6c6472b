"""German addresses in German words: every reader's route under /de/, and the English words there
lead to them by a permanent redirect with the query kept (old links, bookmarks, feed readers)."""

import pytest
from bs4 import BeautifulSoup

from tests import factories

ENGLISH_WORDS = {
    "topic",
    "search",
    "committee",
    "month",
    "archive",
    "members",
    "login",
    "password",
    "news",
    "events",
}


@pytest.fixture
def public(site):
    return factories.make_public_site(site)


@pytest.mark.django_db
def test_every_german_route_of_the_site_is_in_german_words(client, public):
    german = [url for url in factories.public_routes(public) if url.startswith("/de/")]
    assert len(german) > 10
    for url in german:
        words = {part for part in url.split("?")[0].split("/") if part}
        assert not words & ENGLISH_WORDS, url
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/de/search/?q=Haushalt", "/de/suche/?q=Haushalt"),
        ("/de/aktuelles/topic/soziales/", "/de/aktuelles/thema/soziales/"),
        (
            "/de/aktuelles/topic/soziales/?kind=statement&year=2016",
            "/de/aktuelles/thema/soziales/?kind=statement&year=2016",
        ),
        ("/de/aktuelles/topic/soziales/feed/", "/de/aktuelles/thema/soziales/feed/"),
        ("/de/termine/committee/ag-soziales/?page=1", "/de/termine/gremium/ag-soziales/?page=1"),
        ("/en/news/thema/social-affairs/", "/en/news/topic/social-affairs/"),
    ],
)
def test_the_other_languages_words_redirect_permanently(client, public, old, new):
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new
    assert client.get(new).status_code == 200


@pytest.mark.django_db
def test_links_and_the_language_switcher_use_each_languages_words(client, public):

    page = BeautifulSoup(client.get("/de/aktuelles/integration/").content, "html.parser")
    assert page.find("a", href="/de/aktuelles/thema/soziales/")
    listing = BeautifulSoup(client.get("/de/aktuelles/thema/soziales/").content, "html.parser")
    assert listing.select_one('.language-switcher a[lang="en"]')["href"] == "/en/news/topic/social-affairs/"
    assert BeautifulSoup(client.get("/de/").content, "html.parser").find("form", action="/de/suche/")
