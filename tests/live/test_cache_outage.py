"""Fault test: gunicorn with the production settings and a Redis where nothing listens.

The cache is an accelerator, never a dependency: every page, feed, sitemap and API answer is served
correctly without it, `/healthz` says "degraded" (200, so the load balancer keeps the instance), and
each worker logs the outage once, not once per request.
"""

import json
import socket
from pathlib import Path

import pytest

from tests.live.servers import Gunicorn, free_port, get, prepare_site, production_env

pytestmark = pytest.mark.live

# What readers and API clients ask for, with a word each answer must contain (the answer is right,
# not just an answer).
READS = {
    "/de/": "Termine",
    "/en/": "Events",
    "/de/aktuelles/": "Aktuelles",
    "/en/news/feed/": "<rss",
    "/de/termine/": "AG Soziales",
    "/de/termine/archiv/": "Termine",
    "/de/termine/ical/": "BEGIN:VCALENDAR",
    "/de/suche/?q=Dreieich": "Landesprogramm",
    "/sitemap.xml": "sitemapindex",
    "/sitemap-pages.xml?p=1": "hreflang",
    "/robots.txt": "Sitemap:",
    "/api/v2/pages/?limit=5": '"total_count"',
    "/api/v2/occurrences/?start=2024-01-01&end=2030-12-31&limit=5": '"total_count"',
    "/api/v2/openapi.json": '"openapi"',
}


def port_where_nothing_listens():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_site_answers_correctly_while_redis_does_not(tmp_path):
    port = free_port()
    env = production_env(
        f"sqlite:///{tmp_path}/db.sqlite3",
        tmp_path,
        port,
        REDIS_URL=f"redis://127.0.0.1:{port_where_nothing_listens()}/0",
        LOG_LEVEL="WARNING",
    )
    prepare_site(env, admin=None)
    server = Gunicorn(env, port, workers=2).start()
    try:
        for _round in range(3):  # the second and third round find the cache still away
            for path, word in READS.items():
                response = get(server.base + path, timeout=20)
                assert response.status == 200, (path, response.status)
                assert word in response.text, (path, response.text[:300])
                # Production answers name no software and carry their policies, outage or not.
                assert "server" not in response.headers, (path, response.headers["server"])
                assert "permissions-policy" in response.headers, path
        health = get(server.base + "/healthz", timeout=5)
        assert health.status == 200
        assert json.loads(health.text) == {"status": "degraded", "database": "ok", "cache": "unavailable"}
    finally:
        server.stop()
    log = Path(server.log).read_text()
    outages = log.count("Cache unavailable")
    # Once per worker process (each has its own connection), not once per request (45 requests).
    assert 1 <= outages <= 2, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
