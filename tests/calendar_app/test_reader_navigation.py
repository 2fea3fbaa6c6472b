"""Finding one's way: breadcrumbs, robots.txt and favicon, the editors' search synonyms."""

import json

import pytest

from core.models import SearchSynonyms
from tests import factories
from tests.calendar_app.helpers import soup


@pytest.mark.django_db
def test_pages_below_home_have_breadcrumbs_with_schema_org(client, public):
    page = soup(client.get("/de/termine/gremium/ag-soziales/"))
    crumbs = [(a.get_text(), a["href"]) for a in page.select("nav.breadcrumbs a")]
    assert crumbs == [
        ("Startseite", "/de/"),
        ("Termine", "/de/termine/"),
        ("AG Soziales", "/de/termine/gremium/ag-soziales/"),
    ]
    data = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    trail = next(d for d in data if d.get("@type") == "BreadcrumbList")
    assert [item["name"] for item in trail["itemListElement"]] == ["Startseite", "Termine", "AG Soziales"]
    assert trail["itemListElement"][0]["item"] == "http://testserver/de/"
    assert not soup(client.get("/de/")).select("nav.breadcrumbs")


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_there_is_a_favicon(client, public):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    assert "Disallow: /admin/" in robots.content.decode()
    assert soup(client.get("/de/")).select_one('link[rel="icon"]')["href"].endswith(".svg")
    assert client.get("/favicon.ico").status_code == 301


@pytest.mark.django_db
def test_editors_synonyms_find_what_readers_call_otherwise(client, public):
    factories.make_article(
        public.news, "Mobilität in den Städten", slug="mobilitaet", teaser="Radwege und Busse."
    )
    assert "Mobilität in den Städten" not in client.get("/de/suche/?q=Verkehr").content.decode()
    SearchSynonyms.objects.create(terms="Verkehr, Mobilität, ÖPNV")
    page = soup(client.get("/de/suche/?q=Verkehr"))
    assert "Mobilität in den Städten" in [a.get_text() for a in page.select(".card h2 a")]
    assert "Gefunden über: Mobilität" in page.get_text()
    titles = [item["title"] for item in client.get("/api/v2/pages/?search=Verkehr").json()["items"]]
    assert "Mobilität in den Städten" in titles
