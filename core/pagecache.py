"""A page cache for anonymous readers with exact invalidation by tags, shared by every worker.

Why our own and not Django's cache middleware or wagtail-cache: both drop the whole cache (or
nothing) on a publish. Here every cached answer (page, feed, sitemap, API) carries the tags of
what it shows ("page:12", "articles:de", "calendar", ...), registered by the code that reads it;
a publish bumps the version of exactly the tags it touches, and answers stored under an older
version are misses from then on. The versions live in the shared cache (Redis), so two instances
agree, and the same tags go to a frontend cache (Varnish's xkey, a CDN's cache tags) as a header.

What is never cached: anything but GET/HEAD, requests with a session cookie or an Authorization
header (editors, members, API tokens), the admin, documents, previews, answers that set a cookie
or say private/no-store, and anything but 200.

An entry's key is the scheme, the host (lower case, without a default port; a port the site is
not served on is not cached) and the path with the query parameters, and an answer is stored only
if the view read every parameter the request had: a parameter no page reads (`?x=1`, a tracker's
`?utm_source=`) makes no entry, so nobody can fill the cache with random addresses.

Time-dependent content (the "Termine" box, the upcoming lists) says when it changes
(`expires_at`); the entry lives until then and not a second longer.
"""

import contextvars
import hashlib
import logging
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import Site

logger = logging.getLogger("staedtetag.pagecache")

SITE = "site"  # carried by every entry: bumping it drops everything
EPOCH = "pc:epoch"  # bumped by every invalidation: a render that overlapped one is not stored
BYPASS_PREFIXES = ("/admin/", "/documents/", "/healthz", "/static/", "/media/", "/api/v2/page_preview/")
SESSION_COOKIES = ("sessionid",)
# A tag's version lives a day, then starts anew (entries stored under the old one are misses): every
# key has an expiry, so a Redis with a memory limit never has to keep one forever.
VERSION_SECONDS = 24 * 60 * 60

_tags = contextvars.ContextVar("page_cache_tags", default=None)
_expiry = contextvars.ContextVar("page_cache_expiry", default=None)
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
    """`purger(tags)` is called after each invalidation (see core.frontend_cache)."""
    _frontend_purgers.append(purger)


def _version_key(tag):
    return f"pc:tag:{tag}"


def _bump(tags):
    for tag in {*tags, EPOCH}:
        key = EPOCH if tag == EPOCH else _version_key(tag)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, _fresh_version(), VERSION_SECONDS)


def _fresh_version():
    # Not 0: a version key that was lost (Redis restarted) must not match an old entry again.
    return int(time.time() * 1000)


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


def _versions(tags):
    keys = {_version_key(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    missing = {key: _fresh_version() for key in keys if key not in found}
    if missing:
        for key, value in missing.items():
            cache.add(key, value, VERSION_SECONDS)
        found.update(cache.get_many(list(missing)))
    return {keys[key]: value for key, value in found.items()}


DEFAULT_PORTS = {"http": "80", "https": "443"}
_known_ports = {"ports": None, "until": 0.0}


def known_ports():
    """Ports the site is served on besides the default ones: its Sites', the frontend cache's, and
    WAGTAILADMIN_BASE_URL's (read again every minute)."""
    if _known_ports["ports"] is None or _known_ports["until"] < time.monotonic():
        ports = {str(port) for port in Site.objects.values_list("port", flat=True)}
        for url in [settings.WAGTAILADMIN_BASE_URL, *(b.get("LOCATION", "") for b in _frontend_caches())]:
            port = urlsplit(url).port
            if port:
                ports.add(str(port))
        _known_ports.update(ports=ports, until=time.monotonic() + 60)
    return _known_ports["ports"]


def _frontend_caches():
    return list(getattr(settings, "WAGTAILFRONTENDCACHE", {}).values())


def normalised_host(request):
    """The host as it forms a key: lower case, no trailing dot, no default port; None for a port the
    site is not served on (`Host: localhost:1`), whose answers are not kept."""
    host = request.get_host().lower()
    name, _, port = host.rpartition(":") if host.rsplit("]", 1)[-1].count(":") else (host, "", "")
    name = name.rstrip(".")
    if not port or port == DEFAULT_PORTS.get(request.scheme):
        return name
    if port == request.META.get("SERVER_PORT") or port in known_ports():
        return f"{name}:{port}"
    return None


def _entry_key(request, host=None):
    host = host or normalised_host(request)
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    raw = f"{request.scheme}://{host}{request.path}?{query}"
    return "pc:entry:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


class ReadingQueryDict(QueryDict):
    """The query parameters of a request being rendered, noting which ones the view asked for."""

    def note(self, key):
        asked = self.__dict__.get("asked")  # a copy (for links: query_with) notes nothing
        if asked is not None:
            asked.add(key)

    def __getitem__(self, key):
        self.note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.note(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.note(key)
        return super().__contains__(key)


def watch_parameters(request):
    """Replace `request.GET` by a copy that notes what the view reads; returns the copy."""
    watched = ReadingQueryDict(mutable=True, encoding=request.GET.encoding)
    for name, values in request.GET.lists():
        watched.setlist(name, values)
    watched._mutable = False
    watched.asked = set()
    request.GET = watched
    return watched


def is_personal(request):
    """Whether the answer may depend on who asks: a session (editors, members, a page password) or an
    API token. Such answers are never kept by the page cache or any shared cache."""
    return "HTTP_AUTHORIZATION" in request.META or any(name in request.COOKIES for name in SESSION_COOKIES)


def request_is_cacheable(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    return not request.path.startswith(BYPASS_PREFIXES) and not is_personal(request)


def response_is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _shared_headers(response, etag, ttl, tags):
    response["ETag"] = etag
    # Browsers ask again every time (max-age=0) and get a 304 from the cache; shared caches keep
    # the answer until it is purged or, for time-dependent content, until it changes by itself.
    response["Cache-Control"] = f"public, max-age=0, s-maxage={ttl}, must-revalidate"
    if _frontend_caches():  # the tags are for the frontend cache, which removes them; nobody else
        response["xkey"] = " ".join(sorted(tags))
    patch_vary_headers(response, ["Cookie"])


def _from_entry(entry, request):
    if request.META.get("HTTP_IF_NONE_MATCH", "") == entry["etag"]:
        response = HttpResponseNotModified()
        response["ETag"] = entry["etag"]
        return response
    response = HttpResponse(entry["content"] if request.method == "GET" else b"", status=200)
    for name, value in entry["headers"]:
        response[name] = value
    if request.method == "HEAD":
        response["Content-Length"] = str(len(entry["content"]))
    response["X-Page-Cache"] = "hit"
    return response


def cached(key, compute):
    """`compute()`'s value, shared by every request until what it read changes.

    The tags and expiry that `compute` registers are kept with the value and passed on to the
    answer being rendered, so a page built from cached parts is still dropped when a part changes.
    For the parts every page shows (menu, footer, the "Termine" box): an uncached page then costs
    little more than the page itself.
    """
    if not settings.PART_CACHE_ENABLED:
        return compute()
    key = f"pc:part:{key}"
    entry = cache.get(key)
    if (
        entry is not None
        and entry["expires"] > time.time()
        and _versions(entry["versions"]) == entry["versions"]
    ):
        depends_on(*entry["versions"])
        if entry["expiry"] is not None:
            expires_at(entry["expiry"])
        return entry["value"]
    epoch = cache.get(EPOCH)
    outer_tags, outer_expiry = _tags.get(), _expiry.get()
    tags_token, expiry_token = _tags.set(set()), _expiry.set(None)
    try:
        value = compute()
        tags, expiry = {SITE, *_tags.get()}, _expiry.get()
    finally:
        _tags.reset(tags_token)
        _expiry.reset(expiry_token)
    if outer_tags is not None:
        outer_tags.update(tags)
        if expiry is not None and (outer_expiry is None or expiry < outer_expiry):
            _expiry.set(expiry)
    ttl = settings.PAGE_CACHE_SECONDS
    if expiry is not None:
        ttl = min(ttl, int((expiry - timezone.now()).total_seconds()))
    versions = _versions(tags)
    if ttl > 0 and cache.get(EPOCH) == epoch:
        cache.set(
            key, {"value": value, "versions": versions, "expiry": expiry, "expires": time.time() + ttl}, ttl
        )
    return value


class PageCacheMiddleware:
    """Serves and stores anonymous answers; place it before the middleware whose headers it keeps."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        host = normalised_host(request)
        if host is None:  # a port the site is not served on: answered, kept nowhere
            response = self.get_response(request)
            if response_is_cacheable(response):
                patch_cache_control(response, no_store=True)
            return response
        key = _entry_key(request, host)
        entry = cache.get(key)
        if (
            entry is not None
            and entry["expires"] > time.time()
            and _versions(entry["versions"]) == entry["versions"]
        ):
            return _from_entry(entry, request)
        epoch = cache.get(EPOCH)
        parameters = watch_parameters(request)
        tags_token, expiry_token = _tags.set(set()), _expiry.set(None)
        try:
            response = self.get_response(request)
            tags, expiry = _tags.get(), _expiry.get()
        finally:
            _tags.reset(tags_token)
            _expiry.reset(expiry_token)
        if not response_is_cacheable(response):
            return response
        if not set(parameters) <= parameters.asked:
            # A parameter the view did not read makes no entry, here or in a shared cache.
            patch_cache_control(response, no_store=True)
            return response
        tags = {SITE, *tags}
        ttl = settings.PAGE_CACHE_SECONDS
        if expiry is not None:
            ttl = min(ttl, int((expiry - timezone.now()).total_seconds()))
        if ttl <= 0:
            return response
        content = response.content
        etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
        _shared_headers(response, etag, ttl, tags)
        response["X-Page-Cache"] = "miss"
        versions = _versions(tags)
        if cache.get(EPOCH) == epoch:  # nothing was invalidated while this was rendered
            headers = [
                (k, v) for k, v in response.items() if k.lower() not in ("x-page-cache", "content-length")
            ]
            cache.set(
                key,
                {
                    "content": content,
                    "headers": headers,
                    "etag": etag,
                    "versions": versions,
                    "expires": time.time() + ttl,
                },
                ttl,
            )
        if request.META.get("HTTP_IF_NONE_MATCH", "") == etag:
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            return not_modified
        return response
