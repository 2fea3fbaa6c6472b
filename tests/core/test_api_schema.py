"""The OpenAPI document describes every endpoint the router serves."""

import re

import pytest

from articles.blocks import ArticleBodyBlock
from config.api import api_router


@pytest.mark.django_db
def test_openapi_document_lists_every_endpoint(client):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert spec["servers"] == [{"url": "http://testserver"}]
    served = {f"/api/v2/{name}/" for name in api_router._endpoints}
    assert served <= set(spec["paths"])
    for name in set(api_router._endpoints) - {"page_preview"}:  # a preview is addressed by its token
        assert f"/api/v2/{name}/{{id}}/" in spec["paths"]
    assert "/api/v2/pages/find/" in spec["paths"]
    blocks = spec["components"]["schemas"]["BodyBlock"]["properties"]["type"]["enum"]
    assert set(blocks) == set(ArticleBodyBlock().child_blocks)


@pytest.mark.django_db
def test_openapi_document_reads_as_openapi_3_0_tools_read_it(client):
    """Generated clients crashed on null images and null enums, and knew only one flat page type."""
    spec = client.get("/api/v2/openapi.json").json()
    assert spec["info"]["title"].isascii()
    schemas = spec["components"]["schemas"]
    article = schemas["ArticlePage"]["properties"]
    assert article["lead_image"] == {"allOf": [{"$ref": "#/components/schemas/Image"}], "nullable": True}
    assert None in schemas["EventPage"]["properties"]["online_mode"]["enum"]
    assert None in schemas["Occurrence"]["properties"]["online"]["enum"]
    for name, schema in schemas.items():
        for prop in schema.get("properties", {}).values():
            assert not ("$ref" in prop and len(prop) > 1), (name, prop)  # 3.0 ignores a $ref's siblings
    members = [member["$ref"].rsplit("/", 1)[1] for member in schemas["Page"]["anyOf"]]
    metas = {schemas[name]["properties"]["meta"]["$ref"] for name in members}
    assert schemas["ArticlePageMeta"]["properties"]["type"]["enum"] == ["articles.ArticlePage"]
    assert "body" in schemas["ArticlePage"]["properties"] and "body" not in schemas["EventPage"]["properties"]
    assert len(metas) == len(members) > 5  # each type its own meta, whose `type` names it
    order = next(p for p in spec["paths"]["/api/v2/pages/"]["get"]["parameters"] if p["name"] == "order")
    assert re.match(order["schema"]["pattern"], "-date,title")


@pytest.mark.django_db
def test_articles_are_ordered_by_their_date_as_the_document_says(client, demo):
    data = client.get(
        "/api/v2/pages/", {"type": "articles.ArticlePage", "order": "-date", "limit": 100}
    ).json()
    dates = [item["date"] for item in data["items"]]
    assert len(dates) > 2 and dates == sorted(dates, reverse=True)
    assert client.get("/api/v2/pages/", {"order": "-date"}).status_code == 400  # only with that type
