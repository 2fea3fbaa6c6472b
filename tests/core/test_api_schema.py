"""The OpenAPI document describes every endpoint the router serves."""

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
