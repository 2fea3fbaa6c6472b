"""/healthz tells the operator when Redis may grow without bound.

Every valid query string of a list, the occurrences API or search is an entry of its own in the page
cache; Redis bounds them with a memory limit and a policy that drops keys. A Redis without a limit,
or one that drops nothing when full, is reported on /healthz ("degraded", "cache": "unbounded", with
what to set), at 200: the site still answers correctly.

A scratch redis-server on a free port, so that the machine's shared Redis keeps its settings.
"""

import contextlib
import logging
import socket
import subprocess
import time

import pytest
import redis

from config.settings.base import cache_settings
from core.cache.backend import FailSafeRedisCache


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def scratch_redis():
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(100):
        with contextlib.suppress(redis.ConnectionError):
            client.ping()
            break
        time.sleep(0.05)
    yield port, client
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_with(scratch_redis, settings):
    """The site's cache on the scratch Redis, configured as the test says."""
    port, client = scratch_redis

    def configure(maxmemory, policy):
        client.config_set("maxmemory", maxmemory)
        client.config_set("maxmemory-policy", policy)
        settings.CACHES = cache_settings(f"redis://127.0.0.1:{port}/0")  # a new backend, asked afresh
        return client

    return configure


def health(client):
    response = client.get("/healthz")
    assert response.status_code == 200  # the site answers correctly: the load balancer keeps it
    return response.json()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("maxmemory", "policy", "setting"),
    [
        ("0", "allkeys-lru", "maxmemory"),
        ("0", "noeviction", "maxmemory"),
        ("64mb", "noeviction", "noeviction"),
    ],
)
def test_a_redis_that_can_fill_the_machine_is_reported(
    client, redis_with, caplog, maxmemory, policy, setting
):
    redis_with(maxmemory, policy)
    caplog.set_level(logging.WARNING, logger="staedtetag.cache")
    body = health(client)
    assert body["status"] == "degraded" and body["database"] == "ok" and body["cache"] == "unbounded"
    assert setting in body["warning"] and "allkeys-lru" in body["warning"]
    assert [record.getMessage() for record in caplog.records] == [body["warning"]]  # in the log too, once
    assert health(client) == body
    assert len(caplog.records) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("policy", ["allkeys-lru", "allkeys-lfu", "volatile-lru", "volatile-ttl"])
def test_a_bounded_redis_that_drops_keys_is_ok(client, redis_with, policy):
    redis_with("64mb", policy)
    assert health(client) == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_a_fixed_redis_is_ok_again_once_the_answer_is_old(client, redis_with, monkeypatch):
    # The answer is believed for a minute (a health check every few seconds costs no CONFIG); here
    # for two seconds.
    monkeypatch.setattr(FailSafeRedisCache, "memory_check_seconds", 2.0)
    server = redis_with("0", "allkeys-lru")
    assert health(client)["cache"] == "unbounded"
    server.config_set("maxmemory", "64mb")
    assert health(client)["cache"] == "unbounded"
    time.sleep(2.1)
    assert health(client) == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_a_managed_redis_that_refuses_config_is_not_reported(client, redis_with, monkeypatch):
    redis_with("0", "noeviction")

    def refused(self, *args, **kwargs):
        raise redis.ResponseError("unknown command 'CONFIG'")  # as hosted services answer

    monkeypatch.setattr(redis.Redis, "config_get", refused)
    assert health(client) == {"status": "ok", "database": "ok", "cache": "ok"}
