"""Wagtail's pages API as a frontend uses it: translations, language-prefixed find, no private content."""

import pytest
from wagtail.models import PageViewRestriction, Site

from core.translation import translate
from demo.site import ensure_site
from home.models import SiteSettings
from tests import factories


@pytest.fixture
def pages(site):
    index = factories.make_news_index(site)
    article = factories.make_article(index, "Integration", slug="integration")
    english = translate(
        article,
        site.en,
        {
            "Integration": "Integration",
            "integration": "integration-en",
            "Kurzfassung: Integration": "Summary",
        },
    )
    return factories.SimpleNamespace(site=site, index=index, article=article, english=english)


@pytest.mark.django_db
def test_detail_lists_the_translations(client, pages):
    data = client.get(f"/api/v2/pages/{pages.article.pk}/").json()
    assert data["meta"]["locale"] == "de"
    assert data["meta"]["translations"] == [
        {"locale": "en", "id": pages.english.pk, "html_url": "http://testserver/en/news/integration-en/"}
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "which"),
    [
        ("/de/aktuelles/integration/", "article"),
        ("/en/news/integration-en/", "english"),
        ("/en/", "home_en"),
        ("/de/gibt-es-nicht/", None),
        ("/fr/", None),
    ],
)
def test_find_resolves_language_prefixed_paths(client, pages, path, which):
    response = client.get("/api/v2/pages/find/", {"html_path": path})
    if which is None:
        assert response.status_code == 404
        return
    expected = getattr(pages, which, None) or getattr(pages.site, which)
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://testserver/api/v2/pages/{expected.pk}/")


@pytest.mark.django_db
def test_restricted_and_draft_pages_are_absent_from_list_detail_and_find(client, pages):
    draft = factories.make_article(pages.index, "Entwurf", slug="entwurf")
    draft.unpublish()
    PageViewRestriction.objects.create(page=pages.english, restriction_type="password", password="x")
    ids = {item["id"] for item in client.get("/api/v2/pages/", {"limit": 100}).json()["items"]}
    # A restriction covers every language version: the German original is restricted with it.
    assert draft.pk not in ids and pages.english.pk not in ids and pages.article.pk not in ids
    assert pages.index.pk in ids
    assert client.get(f"/api/v2/pages/{pages.english.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{pages.article.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get("/api/v2/pages/find/", {"html_path": "/en/news/integration-en/"}).status_code == 404
    found = client.get("/api/v2/pages/", {"search": "Entwurf"}).json()["items"]
    assert found == []


@pytest.mark.django_db
def test_every_demo_page_in_both_languages_is_render_ready(client, demo):
    items = client.get("/api/v2/pages/", {"limit": 100}).json()["items"]
    assert {item["meta"]["locale"] for item in items} == {"de", "en"}
    assert len(items) > 50
    for item in items:
        response = client.get(f"/api/v2/pages/{item['id']}/")
        assert response.status_code == 200
        text = response.content.decode()
        assert "linktype=" not in text and "embedtype=" not in text, item["meta"]["html_url"]
        data = response.json()
        for block in data.get("body", []):
            if block["type"] == "image":
                assert set(block["value"]["image"]) >= {"url", "width", "height", "alt", "credit"}
            if block["type"] == "documents":
                assert all(
                    doc["url"].startswith("http") and doc["type"] for doc in block["value"]["documents"]
                )
        if data["meta"]["type"] == "calendar_app.EventPage":
            assert data["recurrence"].startswith(("DTSTART;TZID=Europe/Berlin:", "DTSTART;VALUE=DATE:"))


@pytest.mark.django_db
def test_site_settings_give_page_links_with_id_url_and_locale(client, pages):
    settings_en = SiteSettings.objects.get(locale=pages.site.en)
    settings_en.footer_links = [("link", {"label": "News", "page": pages.english, "url": ""})]
    settings_en.save()
    data = client.get("/api/v2/site_settings/", {"locale": "en", "fields": "*"}).json()["items"][0]
    assert data["organisation_name"] == "Association of Cities"
    assert data["footer_links"][0]["value"]["page"] == {
        "id": pages.english.pk,
        "url": "http://testserver/en/news/integration-en/",
        "locale": "en",
    }


@pytest.mark.django_db
def test_page_urls_come_from_the_site_record_like_wagtails_own(client, pages):
    """A frontend on another host gets the public site's URLs everywhere, not the API host's."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.staedtetag.example", 443
    site.save()
    settings_en = SiteSettings.objects.get(locale=pages.site.en)
    settings_en.footer_links = [("link", {"label": "News", "page": pages.english, "url": ""})]
    settings_en.save()

    german = client.get(f"/api/v2/pages/{pages.article.pk}/").json()
    english = client.get(f"/api/v2/pages/{pages.english.pk}/").json()
    assert german["meta"]["html_url"] == "https://www.staedtetag.example/de/aktuelles/integration/"
    assert german["meta"]["translations"][0]["html_url"] == english["meta"]["html_url"]
    assert english["meta"]["html_url"] == "https://www.staedtetag.example/en/news/integration-en/"
    footer = client.get("/api/v2/site_settings/", {"locale": "en", "fields": "*"}).json()
    assert footer["items"][0]["footer_links"][0]["value"]["page"]["url"] == english["meta"]["html_url"]
    # API links stay on the API's own base URL (WAGTAILAPI_BASE_URL).
    assert german["meta"]["detail_url"] == f"http://testserver/api/v2/pages/{pages.article.pk}/"


@pytest.mark.django_db
def test_the_demo_site_record_points_at_the_configured_server(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    home, _english = ensure_site()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("127.0.0.1", 8123, home.pk)
    assert home.get_full_url() == "http://127.0.0.1:8123/de/"
