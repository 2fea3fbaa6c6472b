"""What an answer shows and until when, and dropping every answer that shows what changed.

While an answer (a page, a part, a shared value) is rendered, the code that reads something says so:
`depends_on("page:12", "calendar")`, `expires_at(moment)`. A change calls `invalidate(tag)`, which
drops every kept answer with that tag once the transaction commits (core.cache.store), here and in a
frontend cache (core.cache.frontend). `cached()` keeps a value many answers share with the tags it
was computed from.
"""

import contextvars
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import store

logger = logging.getLogger("staedtetag.pagecache")
DATA = "pc:data:"

SITE = "site"  # carried by every entry: a change of it drops everything

_tags = contextvars.ContextVar("page_cache_tags", default=None)
_expiry = contextvars.ContextVar("page_cache_expiry", default=None)
_composing = contextvars.ContextVar("page_cache_composing", default=False)
_frontend_purgers = []


def depends_on(*tags):
    """Declare that the answer being rendered shows what these tags stand for."""
    current = _tags.get()
    if current is not None:
        current.update(tag for tag in tags if tag)


def expires_at(moment):
    """Declare that the answer being rendered changes by itself at `moment` (aware datetime)."""
    if moment is None or _tags.get() is None:
        return
    current = _expiry.get()
    if current is None or moment < current:
        _expiry.set(moment)


def register_frontend_purger(purger):
    """`purger(tags)` is called after each invalidation (see core.cache.frontend)."""
    _frontend_purgers.append(purger)


def _bump(tags):
    """Drop the answers with these tags now (invalidate() does it when the transaction commits)."""
    return store.invalidate({*tags})


def invalidate(*tags):
    """Drop every cached answer that carries one of these tags, once the transaction commits."""
    tags = {tag for tag in tags if tag}
    if not tags:
        return

    def run():
        _bump(tags)
        for purger in _frontend_purgers:
            try:
                purger(tags)
            except Exception:  # a frontend cache that is away must not break a publish
                logger.exception("Purging the frontend cache failed for %s", sorted(tags))

    transaction.on_commit(run)


def _ttl(expiry):
    ttl = settings.PAGE_CACHE_SECONDS
    if expiry is not None:
        ttl = min(ttl, int((expiry - timezone.now()).total_seconds()))
    return ttl


class _Recording:
    """Collects the tags and expiry of what is rendered inside it (a page, a part, a shared value)."""

    def __init__(self, composing=False):
        self.composing = composing
        self.tags, self.expiry = set(), None

    def __enter__(self):
        self.tokens = (_tags.set(set()), _expiry.set(None), _composing.set(self.composing))
        return self

    def __exit__(self, *exc):
        self.tags, self.expiry = {SITE, *_tags.get()}, _expiry.get()
        _tags.reset(self.tokens[0])
        _expiry.reset(self.tokens[1])
        _composing.reset(self.tokens[2])

    def pass_on(self):
        """Give the tags and expiry to the answer this was rendered for."""
        depends_on(*self.tags)
        expires_at(self.expiry)


def cached(key, compute):
    """`compute()`'s value, shared by every request until what it read changes.

    For values a page shows inside its own content (the menu, a listing's count and years, the site
    settings): the tags and expiry that `compute` registers are kept with the value and passed on to
    the answer being rendered, which is dropped when the value changes.
    """
    if not settings.PART_CACHE_ENABLED:
        return compute()
    key = f"{DATA}{key}"
    found = store.get_many([key])
    entry = found.get(key)
    if entry is not None:
        depends_on(*entry["tags"])
        expires_at(entry["expiry"])
        return entry["value"]
    with _Recording() as recording:
        value = compute()
    recording.pass_on()
    entry = {"value": value, "tags": recording.tags, "expiry": recording.expiry}
    store.put(key, entry, recording.tags, _ttl(recording.expiry), found[store.CLOCK])
    return value


def cached_many(keys, compute_missing, pass_on=True):
    """The values of many keys at once (one GET), `compute_missing(missing_keys)` giving the others as
    {key: (value, tags)}; each value is kept with its own tags, which are passed on to the answer being
    rendered unless `pass_on` is false (the answer says itself what it shows, in fewer tags). For
    answers made of many items that change one at a time (a feed's series, a sitemap's pages)."""
    if not settings.PART_CACHE_ENABLED:
        return {key: value for key, (value, _tags) in compute_missing(list(keys)).items()}
    stored = {key: f"{DATA}{key}" for key in keys}
    found = store.get_many(list(stored.values()))
    values = {}
    for key, store_key in stored.items():
        entry = found.get(store_key)
        if entry is not None:
            values[key] = entry["value"]
            if pass_on:
                depends_on(*entry["tags"])
    missing = [key for key in keys if key not in values]
    if missing:
        for key, (value, tags) in compute_missing(missing).items():
            tags = {SITE, *tags}
            store.put(
                stored[key],
                {"value": value, "tags": tags, "expiry": None},
                tags,
                settings.PAGE_CACHE_SECONDS,
                found[store.CLOCK],
            )
            values[key] = value
            if pass_on:
                depends_on(*tags)
    return values
