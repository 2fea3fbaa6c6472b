"""Statements, press releases and publications as readers, feed readers and search engines see them."""

import datetime
import json
import re

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from articles.models import TEASER_MAX_LENGTH, ArticleDownload, ArticlePage, RelatedArticle
from core.translation import translate
from tests import factories


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def news(site):
    """A news index in both languages with one translated statement shaped like the seed page."""
    social = factories.make_topic(site)
    index = factories.make_news_index(site)
    image = factories.make_image(credit="HStT")
    statement = factories.make_article(
        index,
        title="Städte fordern mehr Geld für Integration",
        slug="integration",
        topics=[social],
        date=datetime.date(2016, 3, 2),
        teaser="Der Sozialausschuss hat in Dreieich beraten.",
        lead_image=image,
        body=[("paragraph", "<p>Die Städte fordern mindestens 12 Millionen Euro.</p>")],
    )
    english = translate(
        statement,
        site.en,
        {
            "Städte fordern mehr Geld für Integration": "Cities ask for more money for integration",
            "integration": "integration",
            "Der Sozialausschuss hat in Dreieich beraten.": "The social committee met in Dreieich.",
            "Die Städte fordern mindestens 12 Millionen Euro.": "The cities ask for at least 12 million euros.",
        },
    )
    return factories.SimpleNamespace(
        site=site, index=index, social=social, statement=statement, english=english
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "date", "topic", "credit", "title"),
    [
        (
            "/de/aktuelles/integration/",
            "Mittwoch, 2. März 2016",
            "Soziales",
            "Foto: HStT",
            "Städte fordern mehr Geld für Integration",
        ),
        (
            "/en/news/integration/",
            "Wednesday, 2 March 2016",
            "Social affairs",
            "Photo: HStT",
            "Cities ask for more money for integration",
        ),
    ],
)
def test_article_page_shows_date_topic_and_credit_in_its_language(
    client, news, path, date, topic, credit, title
):
    response = client.get(path)
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == title
    assert page.find("time", datetime="2016-03-02").get_text(strip=True) == date
    label = page.find("a", class_="topic-label")
    assert label.get_text(strip=True) == topic
    assert client.get(label["href"]).status_code == 200
    assert page.find("span", class_="credit").get_text(strip=True) == credit
    assert page.find("img", alt="Ein Sitzungssaal") is not None


@pytest.mark.django_db
def test_article_page_carries_json_ld_opengraph_and_hreflang(client, news):
    page = soup(client.get("/en/news/integration/"))
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Cities ask for more money for integration"
    assert data["datePublished"] == "2016-03-02"
    assert data["inLanguage"] == "en"
    assert data["url"] == "http://testserver/en/news/integration/"
    assert page.find("meta", property="og:title")["content"] == "Cities ask for more money for integration"
    alternates = {
        link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate", hreflang=True)
    }
    assert alternates == {
        "de": "http://testserver/de/aktuelles/integration/",
        "en": "http://testserver/en/news/integration/",
    }
    assert page.find("link", rel="canonical")["href"] == "http://testserver/en/news/integration/"


@pytest.mark.django_db
def test_downloads_show_type_and_size(client, news):
    document = factories.make_document("Positionspapier Integration", lines=["x" * 80] * 30)
    news.statement.downloads.add(ArticleDownload(document=document))
    news.statement.save_revision().publish()
    page = soup(client.get("/de/aktuelles/integration/"))
    item = page.find("ul", class_="download-list").li
    assert item.a.get_text(strip=True) == "Positionspapier Integration"
    size_kb = max(1, round(document.file.size / 1000))
    assert item.find("span", class_="meta").get_text(strip=True) == f"(PDF, {size_kb} kB)"


def titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".card h2 a")]


@pytest.fixture
def listing(news):
    finance = factories.make_topic(news.site, "Finanzen", "finanzen", "Finance", "finance")
    factories.make_article(news.index, "Haushalt 2020", topics=[finance], date=datetime.date(2020, 5, 1))
    factories.make_article(
        news.index,
        "Pressemitteilung Haushalt",
        topics=[finance],
        date=datetime.date(2021, 6, 1),
        kind="press_release",
    )
    return news


@pytest.mark.django_db
def test_index_lists_newest_first_and_filters_by_topic_kind_and_year(client, listing):
    assert titles(client.get("/de/aktuelles/")) == [
        "Pressemitteilung Haushalt",
        "Haushalt 2020",
        "Städte fordern mehr Geld für Integration",
    ]
    assert titles(client.get("/de/aktuelles/thema/finanzen/")) == [
        "Pressemitteilung Haushalt",
        "Haushalt 2020",
    ]
    assert titles(client.get("/de/aktuelles/?kind=press_release")) == ["Pressemitteilung Haushalt"]
    assert titles(client.get("/de/aktuelles/?year=2016")) == ["Städte fordern mehr Geld für Integration"]
    assert titles(client.get("/de/aktuelles/thema/finanzen/?kind=statement&year=2020")) == ["Haushalt 2020"]
    # English listing shows only what was translated, filtered by the English topic slug
    assert titles(client.get("/en/news/")) == ["Cities ask for more money for integration"]
    assert titles(client.get("/en/news/topic/social-affairs/")) == [
        "Cities ask for more money for integration"
    ]


@pytest.mark.django_db
def test_filter_links_are_plain_bookmarkable_links(client, listing):
    page = soup(client.get("/de/aktuelles/thema/finanzen/"))
    links = {a.get_text(strip=True): a["href"] for a in page.select("nav.filters a")}
    assert links["Pressemitteilung"] == "/de/aktuelles/thema/finanzen/?kind=press_release"
    assert links["2020"] == "/de/aktuelles/thema/finanzen/?year=2020"
    assert links["Alle Themen"] == "/de/aktuelles/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["?kind=gibtsnicht", "?year=abc", "?year=99999", "?year=%C2%B2", "?year=%D9%A3"]
)
def test_invalid_filter_values_give_an_empty_state_not_an_error(client, listing, query):
    response = client.get("/de/aktuelles/" + query)
    assert response.status_code == 200
    assert titles(response) == []
    assert "Dieser Filter ist ungültig" in soup(response).find(role="status").get_text()


@pytest.mark.django_db
def test_a_nul_character_in_a_filter_is_a_bad_request_explained_in_the_readers_language(client, listing):
    response = client.get("/de/aktuelles/?kind=%00")
    assert response.status_code == 400
    assert soup(response).h1.get_text(strip=True) == "Ungültige Anfrage"
    response = client.get("/en/news/?kind=%00")
    assert response.status_code == 400
    assert soup(response).h1.get_text(strip=True) == "Bad request"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/de/aktuelles/thema/gibtsnicht/", "/de/aktuelles/?page=99", "/en/news/topic/soziales/"]
)
def test_unknown_topic_or_page_number_is_a_404(client, listing, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_index_paginates_by_page_number(client, news):
    for number in range(12):
        factories.make_article(news.index, f"Meldung {number:02d}", date=datetime.date(2020, 1, number + 1))
    first = titles(client.get("/de/aktuelles/"))
    second = titles(client.get("/de/aktuelles/?page=2"))
    assert len(first) == 10 and len(second) == 3
    assert first[0] == "Meldung 11" and second[-1] == "Städte fordern mehr Geld für Integration"
    nav = soup(client.get("/de/aktuelles/")).find("nav", class_="pagination")
    assert nav.find("a", rel="next")["href"] == "?page=2"


@pytest.mark.django_db
def test_feeds_parse_and_list_articles_in_their_language(client, listing):
    home = soup(client.get("/de/"))
    feed_link = home.find("link", type="application/rss+xml")["href"]
    assert feed_link == "/de/aktuelles/feed/"
    german = feedparser.parse(client.get(feed_link).content)
    assert not german.bozo
    assert german.feed.title == "Aktuelles"
    assert german.feed.language == "de"
    assert [entry.title for entry in german.entries] == [
        "Pressemitteilung Haushalt",
        "Haushalt 2020",
        "Städte fordern mehr Geld für Integration",
    ]
    last = german.entries[-1]
    assert last.link == "http://testserver/de/aktuelles/integration/"
    assert last.published_parsed[:3] == (2016, 3, 2)
    assert [tag.term for tag in last.tags] == ["Soziales"]

    topic_page = soup(client.get("/en/news/topic/social-affairs/"))
    topic_feed = topic_page.find("link", type="application/rss+xml", title="News: Social affairs (RSS)")[
        "href"
    ]
    english = feedparser.parse(client.get(topic_feed).content)
    assert not english.bozo
    assert english.feed.language == "en"
    assert [entry.title for entry in english.entries] == ["Cities ask for more money for integration"]
    assert english.entries[0].summary == "The social committee met in Dreieich."


@pytest.mark.django_db
def test_search_finds_statements_by_title_teaser_and_body_in_the_readers_language(client, listing):
    def found(path):
        return [a.get_text(strip=True) for a in soup(client.get(path)).select(".card h2 a")]

    assert found("/de/suche/?q=Integration") == ["Städte fordern mehr Geld für Integration"]
    assert found("/de/suche/?q=Dreieich") == ["Städte fordern mehr Geld für Integration"]
    assert found("/de/suche/?q=Millionen") == ["Städte fordern mehr Geld für Integration"]
    assert found("/en/search/?q=million") == ["Cities ask for more money for integration"]
    # A word only the German page has finds nothing on the English site. (Not "Millionen": the index
    # stems with PostgreSQL's German configuration, one per backend, and German "Millionen" and the
    # English page's "million" share the stem "million", a hit on the English page that is right.)
    assert found("/de/suche/?q=Geld") == ["Städte fordern mehr Geld für Integration"]
    assert found("/en/search/?q=Geld") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [("", "Geben Sie ein oder mehrere Wörter ein"), ("x" * 500, "Ihr Suchbegriff ist zu lang")],
)
def test_empty_or_overlong_search_gets_a_helpful_page(client, news, query, message):
    response = client.get("/de/suche/", {"q": query})
    assert response.status_code == 200
    assert message in soup(response).find("main").get_text()


@pytest.mark.django_db
def test_sitemap_lists_live_articles_in_both_languages_with_alternates(client, listing):
    draft = factories.make_article(listing.index, "Entwurf")
    draft.unpublish()
    body = client.get("/sitemap-pages.xml").content.decode()
    assert "http://testserver/de/aktuelles/integration/" in body
    assert "http://testserver/en/news/integration/" in body
    assert "http://testserver/de/aktuelles/haushalt-2020/" in body
    assert "entwurf" not in body
    assert 'hreflang="en" href="http://testserver/en/news/integration/"' in body


@pytest.mark.django_db
def test_teaser_longer_than_allowed_is_rejected_with_a_clear_message(news):
    news.statement.teaser = "x" * (TEASER_MAX_LENGTH + 1)
    with pytest.raises(ValidationError) as error:
        news.statement.full_clean()
    assert "teaser" in error.value.message_dict


@pytest.mark.django_db
def test_api_returns_articles_ready_to_render(client, news):
    document = factories.make_document("Papier")
    news.english.downloads.add(ArticleDownload(document=document))
    news.english.body = [
        ("paragraph", f'<p>See <a linktype="page" id="{news.index.pk}">the news</a>.</p>'),
        ("image", {"image": news.statement.lead_image, "caption": "Caption"}),
        ("documents", {"title": "Papers", "documents": [document]}),
    ]
    news.english.save_revision().publish()
    response = client.get(f"/api/v2/pages/{news.english.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert "linktype=" not in response.content.decode()
    assert data["kind"] == "statement"
    assert data["date"] == "2016-03-02"
    assert data["topics"] == [
        {"id": data["topics"][0]["id"], "name": "Social affairs", "slug": "social-affairs"}
    ]
    image = data["lead_image"]
    assert image["credit"] == "HStT" and image["alt"] == "Ein Sitzungssaal"
    assert image["url"].startswith("http://testserver/media/") and image["width"] == 400
    assert data["body"][0]["value"] == '<p>See <a href="/de/aktuelles/">the news</a>.</p>'
    assert data["body"][1]["value"]["image"]["credit"] == "HStT"
    assert data["body"][2]["value"]["documents"][0]["type"] == "PDF"
    download = data["downloads"][0]
    assert download["title"] == "Papier" and download["type"] == "PDF"
    assert download["size"] == document.file.size
    assert download["url"].startswith("http://testserver/documents/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/de/",
        "/de/aktuelles/",
        "/de/aktuelles/thema/soziales/",
        "/de/aktuelles/feed/",
        "/de/aktuelles/integration/",
    ],
)
def test_page_queries_do_not_grow_with_the_number_of_articles(client, news, path):
    finance = factories.make_topic(news.site, "Finanzen", "finanzen", "Finance", "finance")
    image = factories.make_image()

    def add(count):
        for number in range(count):
            article = factories.make_article(
                news.index,
                f"Artikel {ArticlePage.objects.count()} {number}",
                topics=[news.social, finance],
                lead_image=image,
                kind="publication" if number % 2 else "statement",
            )
            news.statement.related_links.add(RelatedArticle(related=article))
        news.statement.save_revision().publish()

    add(2)  # 3 articles, one of them a publication
    client.get(path)  # warm caches (renditions, site root paths)
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    add(18)  # 20 articles
    client.get(path)
    with CaptureQueriesContext(connection) as large:
        assert client.get(path).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


@pytest.mark.django_db
def test_statement_links_the_committee_that_adopted_it(client, news):
    factories.make_events_index(news.site)
    committee = factories.make_committee(news.site, "Ausschuss für Soziales", "ausschuss-soziales")
    news.statement.committee = committee
    news.statement.save_revision().publish()
    link = soup(client.get("/de/aktuelles/integration/")).find(
        "a", href="/de/termine/gremium/ausschuss-soziales/"
    )
    assert link.get_text(strip=True) == "Ausschuss für Soziales"
    assert client.get(link["href"]).status_code == 200


@pytest.mark.django_db
def test_language_switcher_leads_to_the_translation_or_says_there_is_none(client, news):
    switch = (
        soup(client.get("/de/aktuelles/integration/"))
        .find("nav", class_="language-switcher")
        .find("a", hreflang="en")
    )
    assert switch["href"] == "/en/news/integration/"
    factories.make_article(news.index, "Nur auf Deutsch", slug="nur-deutsch")
    switch = (
        soup(client.get("/de/aktuelles/nur-deutsch/"))
        .find("nav", class_="language-switcher")
        .find("a", hreflang="en")
    )
    assert "nicht auf Englisch" in switch["title"]
    landing = client.get(switch["href"])
    assert landing.status_code == 200
    page = soup(landing)
    assert page.html["lang"] == "en" and page.h1.get_text(strip=True) == "Not available in this language"
    offered = page.find("main").find("a", hreflang="de")
    assert offered["href"] == "/de/aktuelles/nur-deutsch/" and offered["lang"] == "de"
    # once translated, the same link leads straight to the translation
    translate(
        ArticlePage.objects.get(slug="nur-deutsch"),
        news.site.en,
        {
            "Nur auf Deutsch": "German only",
            "nur-deutsch": "german-only",
            "Kurzfassung: Nur auf Deutsch": "Summary",
        },
    )
    assert client.get(switch["href"])["Location"] == "/en/news/german-only/"
    # a page readers cannot reach (the tree's root) has no language versions to offer
    root = Page.get_first_root_node()
    assert client.get(f"/de/not-translated/{root.pk}/").status_code == 404
    assert client.get(f"/en/not-translated/{root.pk}/").status_code == 404


@pytest.mark.django_db
def test_every_page_has_a_search_form_in_the_readers_language(client, news):
    form = soup(client.get("/en/news/integration/")).find("form", class_="header-search")
    assert form["action"] == "/en/search/"
    assert client.get(form["action"], {"q": "integration"}).status_code == 200


@pytest.mark.django_db
def test_switching_language_on_a_topic_listing_keeps_topic_and_filters(client, listing):
    switch = (
        soup(client.get("/de/aktuelles/thema/soziales/?kind=statement&year=2016"))
        .find("nav", class_="language-switcher")
        .find("a", hreflang="en")
    )
    assert switch["href"] == "/en/news/topic/social-affairs/?kind=statement&year=2016"
    assert titles(client.get(switch["href"])) == ["Cities ask for more money for integration"]


@pytest.mark.django_db
def test_a_lost_image_file_does_not_break_the_page_or_the_api(client, news):
    image = news.statement.lead_image
    image.file.storage.delete(image.file.name)
    image.renditions.all().delete()
    assert client.get("/de/aktuelles/integration/").status_code == 200
    assert client.get(f"/api/v2/pages/{news.statement.pk}/").json()["lead_image"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"', 'Integration"', "a AND (", "* OR", "'; DROP", 'ü"ö'])
def test_search_syntax_characters_are_words_not_errors(client, news, query):
    assert client.get("/de/suche/", {"q": query}).status_code == 200
    assert client.get("/api/v2/pages/", {"search": query}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["--", "' OR '1'='1' --", '"; DROP TABLE wagtailcore_page; --', "- - -", "a--", "-x-", "_"]
)
def test_search_terms_of_syntax_alone_answer_normally(client, listing, query):
    """Every database's full-text engine gets words only: PostgreSQL failed on a "word" of hyphens."""
    for path in ("/de/suche/", "/en/search/"):
        assert client.get(path, {"q": query}).status_code == 200
    assert client.get("/api/v2/pages/", {"search": query}).status_code == 200


def test_a_long_listing_links_the_first_last_and_nearby_pages_only(rf):

    page_obj = Paginator(range(10_000), 10).page(500)  # 1,000 pages, as 10,000 articles give
    html = render_to_string(
        "components/pagination.html", {"page_obj": page_obj, "request": rf.get("/?topic=x")}
    )
    links = re.findall(r'href="\?([^"]+)"', html)
    assert links == [
        "topic=x&amp;page=499",  # previous
        "topic=x&amp;page=1",
        "topic=x&amp;page=498",
        "topic=x&amp;page=499",
        "topic=x&amp;page=501",
        "topic=x&amp;page=502",
        "topic=x&amp;page=1000",
        "topic=x&amp;page=501",  # next
    ]
    assert '<span aria-current="page">500</span>' in html
    assert html.count("…") == 2
