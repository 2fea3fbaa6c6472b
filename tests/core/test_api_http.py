"""HTTP behaviour of the API: validators, 304, shared caching, CORS, errors as JSON."""

import pytest
from django.test import override_settings

from tests import factories


@pytest.fixture
def article(site):
    index = factories.make_news_index(site)
    return factories.make_article(index, "Integration", slug="integration")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v2/pages/", "/api/v2/topics/", "/api/v2/occurrences/?start=2026-01-01&end=2026-12-31"]
)
def test_get_responses_carry_an_etag_and_answer_304(client, article, path):
    first = client.get(path)
    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.django_db
def test_publishing_changes_the_validators_of_detail_and_listing(client, article):
    detail = client.get(f"/api/v2/pages/{article.pk}/")["ETag"]
    listing = client.get("/api/v2/pages/")["ETag"]
    article.title = "Integration gelingt vor Ort"
    article.save_revision().publish()
    assert client.get(f"/api/v2/pages/{article.pk}/", HTTP_IF_NONE_MATCH=detail).status_code == 200
    assert client.get("/api/v2/pages/", HTTP_IF_NONE_MATCH=listing).status_code == 200


@pytest.mark.django_db
@override_settings(CORS_ALLOWED_ORIGINS=["https://partner.example"])
def test_cors_allows_configured_origins_to_read_the_api_only(client, article):
    allowed = client.get("/api/v2/pages/", HTTP_ORIGIN="https://partner.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://partner.example"
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options(
        "/api/v2/pages/", HTTP_ORIGIN="https://partner.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")
    page = client.get("/de/", HTTP_ORIGIN="https://partner.example")
    assert "Access-Control-Allow-Origin" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "named"),
    [
        ("/api/v2/pages/?fields=nope", "nope"),
        ("/api/v2/pages/?colour=red", "colour"),
        ("/api/v2/pages/?offset=-1", "offset"),
        ("/api/v2/pages/?limit=101", "limit"),
        ("/api/v2/pages/?type=articles.Nope", "type"),
        ("/api/v2/topics/?locale=fr", "locale"),
        ("/api/v2/pages/?locale=fr", "locale"),
    ],
)
def test_bad_input_is_a_json_400_naming_the_parameter(client, article, path, named):
    response = client.get(path)
    assert response.status_code == 400
    assert named in response.json()["message"]
