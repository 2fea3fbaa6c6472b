"""The machine interfaces only read (issue 26, item 8): a write method on any of their addresses is a
405 that says which methods it takes, in the interface's format, never the CSRF check's HTML 403.

Sent as a client from another site sends it: with the CSRF check enforced (Django's test client skips
it unless asked) and a foreign `Origin`. The addresses are read from the URL configuration and the
OpenAPI document, so a new endpoint is covered the moment it is added.
"""

import pytest
from django.test import Client
from django.urls import URLPattern

from config import urls as site_urls
from members.oparl import urls as oparl_urls

WRITES = ("post", "put", "patch", "delete")
# Top-level addresses that are no machine interface: the editors' admin, documents (a password
# form), static files in development.
NOT_INTERFACES = ("admin/", "documents/", "static/", "media/", "^static", "^media")


def machine_addresses():
    found = []
    for pattern in site_urls.urlpatterns:
        if not isinstance(pattern, URLPattern):
            continue  # includes: OParl below, the API from its document, the readers' pages
        route = str(pattern.pattern)
        if route.startswith(NOT_INTERFACES):
            continue
        if route.startswith("^api/"):
            found.append("/api/nothing/")
        else:
            found.append(
                "/"
                + route.replace("<slug:name>/<str:language>", "footer/de").replace("<str:section>", "pages")
            )
    for pattern in oparl_urls.urlpatterns:
        route = str(pattern.pattern)
        if route.startswith("^"):
            route = "nothing/here"
        for part, value in (("<str:key>", "1"), ("<str:pk>", "1"), ("<str:stamp>", "2026-01-01")):
            route = route.replace(part, value)
        found.append("/oparl/1.1/" + route)
    return found


@pytest.mark.django_db
def test_every_machine_address_answers_a_write_with_405_in_its_own_format(demo):
    client = Client(enforce_csrf_checks=True)
    paths = [path for path in client.get("/api/v2/openapi.json").json()["paths"] if "{" not in path]
    addresses = machine_addresses() + paths
    assert "/oparl/1.1/system" in addresses and "/api/v2/pages/" in addresses and "/healthz" in addresses
    for address in addresses:
        for method in WRITES:
            response = getattr(client, method)(
                address, data="{}", content_type="application/json", HTTP_ORIGIN="https://other.example"
            )
            where = f"{method.upper()} {address}"
            assert response.status_code == 405, where
            assert "GET" in response["Allow"], where
            if address.startswith(("/api/", "/oparl/")):
                assert response["Content-Type"].startswith("application/json"), where
                body = response.json()
                assert body.get("message") or body.get("detail"), where
            if address.startswith("/oparl/"):
                assert response["Access-Control-Allow-Origin"] == "*", where
                assert body["type"] == "https://schema.oparl.org/1.1/Error", where
