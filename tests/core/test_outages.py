"""The site stays up when the cache is away, and says so; a database outage is a 503, not a 500."""

import logging
import socket

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.test import Client

from config.settings.base import cache_settings
from core.api import SitePagesAPIViewSet
from home.models import HomePage
from tests import factories


def port_where_nothing_listens():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends: nobody listens there


@pytest.fixture
def public(site):
    return factories.make_public_site(site)


@pytest.fixture
def redis_down(settings):
    """The production cache configuration, pointed at a Redis that does not answer."""
    settings.CACHES = cache_settings(f"redis://127.0.0.1:{port_where_nothing_listens()}/0")

    return caches["default"]


@pytest.mark.django_db
def test_every_page_feed_and_api_call_answers_while_redis_is_down(client, public, redis_down, caplog):
    caplog.set_level(logging.WARNING, logger="staedtetag.cache")
    for url in factories.public_routes(public):
        response = client.get(url)
        expected = 401 if url.startswith("/api/v2/page_preview/") else 302 if "/find/" in url else 200
        assert response.status_code == expected, (url, response.status_code)
    # What readers see is right, not just an answer: the page and the meeting are there.
    assert "Mehr Geld für Integration" in client.get("/de/aktuelles/").content.decode()
    assert "Social affairs group meeting" in client.get("/en/events/").content.decode()
    # The outage is logged once, not once per request.
    messages = [r.getMessage() for r in caplog.records if r.name == "staedtetag.cache"]
    assert len([m for m in messages if m.startswith("Cache unavailable")]) == 1


@pytest.mark.django_db
def test_healthz_reports_the_cache_as_degraded_but_stays_200(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


class Untouchable:
    def __getattr__(self, name):
        raise AssertionError(f"Redis was asked ({name}) during the pause after a failure")


@pytest.mark.django_db
def test_a_failed_cache_is_not_asked_again_for_a_few_seconds(redis_down, monkeypatch):
    assert redis_down.get("x", "default") == "default"  # fails, and starts the pause
    monkeypatch.setattr(redis_down, "_cache", Untouchable())
    for _ in range(100):
        assert redis_down.get("x", "default") == "default"
        redis_down.set("x", 1)
        assert redis_down.get_many(["x", "y"]) == {}
    assert redis_down.available is False


@pytest.mark.django_db
def test_the_cache_is_used_again_when_redis_is_back(settings, caplog):
    settings.CACHES = cache_settings("redis://127.0.0.1:6379/15")

    cache = caches["default"]
    caplog.set_level(logging.WARNING, logger="staedtetag.cache")
    if not cache.available:
        pytest.fail("The machine's Redis (127.0.0.1:6379) must run for this test, see docs/development.md.")
    cache._failed(ConnectionError("simulated outage"))
    cache._down_until = 0  # the few seconds are over
    cache.set("back", "yes")
    assert cache.get("back") == "yes"
    assert [r.getMessage() for r in caplog.records][-1] == "Cache available again."
    cache.delete("back")


def refuse(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


@pytest.mark.django_db
def test_a_database_outage_is_a_503_with_retry_after_not_a_500(site, monkeypatch):

    reader = Client(raise_request_exception=False)
    monkeypatch.setattr(HomePage, "get_context", refuse)
    response = reader.get("/de/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Vorübergehend nicht erreichbar" in response.content.decode()
    monkeypatch.setattr(SitePagesAPIViewSet, "get_queryset", refuse)
    response = reader.get("/api/v2/pages/")
    assert response.status_code == 503
    assert response.json() == {"message": "temporarily unavailable, please retry shortly"}


@pytest.mark.django_db
def test_other_server_errors_stay_500_and_are_json_under_the_api(site, monkeypatch):

    reader = Client(raise_request_exception=False)
    monkeypatch.setattr(SitePagesAPIViewSet, "get_queryset", lambda self: 1 / 0)
    response = reader.get("/api/v2/pages/")
    assert response.status_code == 500
    assert response.json() == {"message": "server error"}
