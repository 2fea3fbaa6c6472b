"""The site as a newcomer first sees it: home pages by language, footer, redirects, 404."""

import pytest

from tests.home.helpers import soup


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "lang", "title", "other"),
    [
        ("/de/", "de", "Willkommen beim Städtetag", "en"),
        ("/en/", "en", "Welcome to the Association of Cities", "de"),
    ],
)
def test_home_page_renders_in_its_language(client, site, path, lang, title, other):
    response = client.get(path)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == title
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert alternates == {"de": "http://testserver/de/", "en": "http://testserver/en/"}
    assert page.find("a", class_="skip-link")["href"] == "#main"
    assert page.find("main", id="main") is not None
    switch = page.find("nav", class_="language-switcher").find("a", hreflang=other)
    assert switch["href"] == f"/{other}/"


@pytest.mark.django_db
def test_footer_shows_the_settings_of_the_readers_language(client, site):
    german = soup(client.get("/de/")).find("footer").get_text(" ", strip=True)
    english = soup(client.get("/en/")).find("footer").get_text(" ", strip=True)
    assert "Impressum" in german and "Kontakt" in german
    assert "Legal notice" in english and "Contact" in english
    assert "Impressum" not in english
    assert "65189 Wiesbaden" in english  # the address is synchronised, not translated
    # ... so on English pages it is marked as German for screen readers, on German pages it needs no mark
    assert "65189 Wiesbaden" in soup(client.get("/en/")).find("address").find(lang="de").get_text()
    assert soup(client.get("/de/")).find("address").find(lang=True) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "target"), [("en-GB,en;q=0.9", "/en/"), ("de-DE", "/de/"), ("fr", "/de/")]
)
def test_root_redirects_to_the_readers_language(client, site, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.django_db
def test_unknown_url_gets_a_404_page_in_the_readers_language(client, site):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert soup(response).h1.get_text(strip=True) == "Page not found"
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    assert soup(response).h1.get_text(strip=True) == "Seite nicht gefunden"


@pytest.mark.django_db
def test_demo_footer_leads_to_the_accessibility_statement_in_each_language(client, demo):
    for home, label, heading, lang in (
        ("/de/", "Barrierefreiheit", "Erklärung zur Barrierefreiheit", "de"),
        ("/en/", "Accessibility", "Accessibility statement", "en"),
    ):
        link = soup(client.get(home)).find("footer").find("a", string=label)
        page = soup(client.get(link["href"]))
        assert page.html["lang"] == lang and page.h1.get_text(strip=True) == heading
        assert "post@staedtetag.example" in page.find("main").get_text()
        api = client.get("/api/v2/site_settings/", {"locale": lang, "fields": "footer_links"}).json()
        linked = [item["value"]["page"] for item in api["items"][0]["footer_links"]]
        assert linked[-1]["locale"] == lang and linked[-1]["url"].endswith(link["href"])
