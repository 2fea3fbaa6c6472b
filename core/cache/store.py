"""Where the page cache keeps its entries, and how a change removes exactly the entries that show it.

Every entry is stored with its tags, and each tag keeps the set of entries that carry it. A change
deletes the entries of its tags at once, so a lookup is one GET: there is no version to compare and
no global epoch, and a change anywhere else leaves an entry alone.

A render that overlapped a change must not be stored: every change takes the next number of a
clock and writes it as the version of its tags; a render notes the clock before it starts (in the
same GET as its lookup) and, after storing its entry, reads its tags' versions back: a version above
the noted clock means a change came in between, and the entry is deleted again. A change writes the
versions before it collects the entries, so whichever comes first, a stale entry does not survive.

With Redis the sets live in Redis, shared by every worker and instance; with the local-memory cache
(development, tests) in this process. Every key has an expiry.
"""

import threading

from django.core.cache import cache

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a pinned requirement
    RedisError = OSError

CLOCK = "pc:clock"
VERSION = "pc:version:"
MEMBERS = "pc:members:"
# A tag's version, the clock and the sets outlive the longest entry; after a day without a change
# they start anew, which every entry of that time has outlived.
BOOKKEEPING_SECONDS = 24 * 60 * 60


def _redis_client():
    """The raw Redis client behind Django's cache, or None for a cache that is not Redis."""
    backend = getattr(cache, "_cache", None)
    get_client = getattr(backend, "get_client", None)
    return get_client(write=True) if get_client else None


def _safely(default, function):
    """Run a raw Redis call as the fail-safe backend runs its own: Redis away is an empty cache."""
    call = getattr(cache, "_call", None)
    if call is not None:
        return call(default, function)
    try:
        return function()
    except (RedisError, OSError):
        return default


class LocalMembers:
    """The tags' entry sets in this process (the local-memory cache has no sets)."""

    def __init__(self):
        self.sets = {}
        self.lock = threading.Lock()

    def add(self, tags, key):
        with self.lock:
            for tag in tags:
                self.sets.setdefault(tag, set()).add(key)

    def pop(self, tags):
        with self.lock:
            return {key for tag in tags for key in self.sets.pop(tag, ())}


_local = LocalMembers()


def get_many(keys):
    """{key: value} of the keys found, and the clock under CLOCK (0 before the first change)."""
    found = cache.get_many([*keys, CLOCK])
    found.setdefault(CLOCK, 0)
    return found


def clock():
    return cache.get(CLOCK) or 0


def put(key, value, tags, ttl, since):
    """Store `value` under `key` for `ttl` seconds with its tags, unless one of them changed after
    the clock read `since`; returns whether it was kept."""
    if ttl <= 0:
        return False
    cache.set(key, value, ttl)
    client = _redis_client()
    if client is not None:
        made = cache.make_and_validate_key(key)

        def register():
            pipe = client.pipeline(transaction=False)
            for tag in tags:
                pipe.sadd(cache.make_and_validate_key(MEMBERS + tag), made)
                pipe.expire(cache.make_and_validate_key(MEMBERS + tag), BOOKKEEPING_SECONDS)
            pipe.execute()

        _safely(None, register)
    else:
        _local.add(tags, key)
    versions = cache.get_many([VERSION + tag for tag in tags])
    if any(version > since for version in versions.values()):
        cache.delete(key)  # a change came while this was rendered
        return False
    return True


def invalidate(tags):
    """Delete every entry that carries one of the tags; returns how many entries went."""
    tags = {tag for tag in tags if tag}
    if not tags:
        return 0
    try:
        number = cache.incr(CLOCK)
    except ValueError:  # no clock yet, or Redis away (then nothing is stored either)
        number = 1
        cache.add(CLOCK, number, BOOKKEEPING_SECONDS)
        number = cache.get(CLOCK) or number
    cache.touch(CLOCK, BOOKKEEPING_SECONDS)
    cache.set_many({VERSION + tag: number for tag in tags}, BOOKKEEPING_SECONDS)  # first the versions
    client = _redis_client()
    if client is None:
        keys = _local.pop(tags)
        cache.delete_many(list(keys))
        return len(keys)

    def collect_and_delete():
        made = [cache.make_and_validate_key(MEMBERS + tag) for tag in tags]
        pipe = client.pipeline(transaction=True)
        for key in made:
            pipe.smembers(key)
        pipe.delete(*made)
        *members, _deleted = pipe.execute()
        keys = {key for group in members for key in group}
        if keys:
            client.delete(*keys)
        return len(keys)

    return _safely(0, collect_and_delete)
