"""Redis as an accelerator, never a dependency.

Django's RedisCache raises when Redis does not answer, and Wagtail looks up the site's root paths
through the cache on every request: without this, a stopped Redis is a 500 on every page. This backend answers
as an empty cache while Redis is away (reads miss, writes are dropped), stops asking it for a few
seconds after a failure (so a dead Redis costs no connect timeout per request), logs the outage
once when it starts and once when it ends, and tells /healthz how it is, including whether Redis
is allowed to grow without bound (see `memory_problem`).

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
    from redis.exceptions import RedisError, ResponseError
except ImportError:  # pragma: no cover - redis is a pinned requirement
    RedisError = ResponseError = OSError

FAILURES = (RedisError, OSError)


class FailSafeRedisCache(RedisCache):
    """Django's Redis cache that degrades to "no cache" while Redis is unreachable."""

    retry_after = 5.0  # seconds without asking Redis after a failure
    memory_check_seconds = 60.0  # how long the answer about Redis's memory settings is believed

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()
        self._memory_checked_until = 0.0
        self._memory_problem = ""

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

    def memory_problem(self):
        """Why this Redis can fill the machine's memory, or "" when it cannot (or cannot be asked).

        The page cache keeps an entry per address it may answer from the cache, and every valid
        query string of a list, the occurrences API or search is an address of its own: the entries
        have expiries, but their number grows with the addresses clients make up. Bounding that is
        Redis's job: `maxmemory` and a policy that drops keys to make room (the README's
        `allkeys-lru`; a `volatile-*` policy works too, since every key the site writes expires).
        Without a limit Redis grows until the machine runs out of memory; with `noeviction` a full
        Redis refuses every write, and the cache stops keeping anything new.

        Asked at most once a minute. A managed Redis that refuses CONFIG (some hosted services
        rename or forbid it) sets these limits itself: that counts as no problem.
        """
        now = time.monotonic()
        if now < self._memory_checked_until or self._skipping():
            return self._memory_problem
        try:
            settings = self._cache.get_client(write=True).config_get("maxmemory*")
        except ResponseError:  # CONFIG is not allowed here: the service manages memory itself
            settings = {}
        except FAILURES as error:
            self._failed(error)
            return self._memory_problem
        settings = {_text(key): _text(value) for key, value in settings.items()}
        problem = ""
        if settings.get("maxmemory") == "0":
            problem = (
                "Redis has no memory limit (maxmemory 0): cached answers can fill the machine's memory. "
                "Set maxmemory and maxmemory-policy allkeys-lru."
            )
        elif settings.get("maxmemory-policy") == "noeviction":
            problem = (
                "Redis drops no keys when it is full (maxmemory-policy noeviction): once full, the cache "
                "keeps nothing new. Set maxmemory-policy allkeys-lru."
            )
        if problem and problem != self._memory_problem:
            logger.warning("%s", problem)
        self._memory_problem = problem
        self._memory_checked_until = now + self.memory_check_seconds
        return problem

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


def _text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def cache_status(cache):
    """'ok'; 'unavailable' when a cache that can fail does not answer; 'unbounded' when it answers
    but may grow beyond the machine's memory (the reason is the cache's `memory_problem()`).

    Django's local-memory cache, the default without REDIS_URL, is bounded by its MAX_ENTRIES."""
    if not getattr(cache, "available", True):
        return "unavailable"
    memory_problem = getattr(cache, "memory_problem", None)
    return "unbounded" if memory_problem and memory_problem() else "ok"
