"""Redis as an accelerator, never a dependency.

Django's RedisCache raises when Redis does not answer, and Wagtail looks up the site's root paths
through the cache on every request: without this, a stopped Redis is a 500 on every page. This backend answers
as an empty cache while Redis is away (reads miss, writes are dropped), stops asking it for a few
seconds after a failure (so a dead Redis costs no connect timeout per request), logs the outage
once when it starts and once when it ends, and tells /healthz how it is.

A subclass of Django's own backend rather than django-redis: its IGNORE_EXCEPTIONS logs every
failed call and keeps trying on every request.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("staedtetag.cache")

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a pinned requirement
    RedisError = OSError

FAILURES = (RedisError, OSError)


class FailSafeRedisCache(RedisCache):
    """Django's Redis cache that degrades to "no cache" while Redis is unreachable."""

    retry_after = 5.0  # seconds without asking Redis after a failure

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    # State ------------------------------------------------------------------------------------

    def _skipping(self):
        return self._down and time.monotonic() < self._down_until

    def _failed(self, error):
        with self._lock:
            if not self._down:
                logger.error("Cache unavailable, serving without it: %s", error)
            self._down = True
            self._down_until = time.monotonic() + self.retry_after

    def _succeeded(self):
        if self._down:
            with self._lock:
                if self._down:
                    logger.warning("Cache available again.")
                self._down = False

    def _call(self, default, method, *args, **kwargs):
        if self._skipping():
            return default
        try:
            result = method(*args, **kwargs)
        except FAILURES as error:
            self._failed(error)
            return default
        self._succeeded()
        return result

    @property
    def available(self):
        """Whether Redis answers now (asks it, unless it failed within the last few seconds)."""
        if self._skipping():
            return False
        try:
            self._cache.get_client(write=False).ping()
        except FAILURES as error:
            self._failed(error)
            return False
        self._succeeded()
        return True

    # Django's cache API -----------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # Django raises ValueError for a missing key; with Redis away every key is missing.
        if self._skipping():
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        try:
            result = super().incr(key, delta, version)
        except FAILURES as error:
            self._failed(error)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from error
        self._succeeded()
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(False, super().clear)


def cache_status(cache):
    """'ok', or 'unavailable' when a cache that can fail does not answer."""
    available = getattr(cache, "available", True)
    return "ok" if available else "unavailable"
