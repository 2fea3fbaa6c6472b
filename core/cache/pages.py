"""A page cache for anonymous readers with exact invalidation by tags, shared by every worker.

Why our own and not Django's cache middleware or wagtail-cache: both drop the whole cache (or
nothing) on a publish. Here every cached answer (page, feed, sitemap, API) carries the tags of
what it shows ("page:12", "articles:de", "calendar", ...), registered by the code that reads it;
a change deletes exactly the answers with its tags (core.cache.store), in the shared cache (Redis),
so that every worker and instance agrees, and the same tags go to a frontend cache (Varnish's xkey,
a CDN's cache tags) as a header.

A page is kept as its own content with holes for the parts many pages share and that change for
other reasons (the "Termine" box, the latest statements and publications, the footer: PAGE_CACHE_PARTS).
Each part is kept on its own, with its own tags and expiry, and the holes are filled when the page is
served, so publishing a meeting changes the box on every page without rendering a page again, and a
page does not carry the tags of its boxes. Behind Varnish the holes are Edge Side Includes, so that
Varnish keeps the page too. The navigation stays in the page: it marks the reader's section.

A lookup is one GET (the entry, with the clock for a render that must follow); answers that miss
together are rendered once (a short lock per key, the others wait for its entry).

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

import hashlib
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import Site

from . import parts, store
from .recording import _Recording, _ttl

BYPASS_PREFIXES = (
    "/admin/",
    "/documents/",
    "/healthz",
    "/static/",
    "/media/",
    "/api/v2/page_preview/",
    "/_parts/",  # kept as parts, with their own headers
)
SESSION_COOKIES = ("sessionid",)
ENTRY, PART, LOCK = "pc:entry:", "pc:part:", "pc:lock:"  # and DATA, recording.py
LOCK_SECONDS, WAIT_SECONDS = 10, 3.0  # one render per key; the others wait this long for its entry

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
    """The host as it forms a key: lower case, no trailing dot, no default port; None for a host the
    site does not answer to (ALLOWED_HOSTS: Django's own check answers it with a 400 further in) or a
    port it is not served on (`Host: localhost:1`), whose answers are not kept."""
    try:
        host = request.get_host().lower()
    except DisallowedHost:
        return None
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
    return ENTRY + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


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
    response["Cache-Control"] = f"public, max-age=0, s-maxage={max(ttl, 0)}, must-revalidate"
    if _frontend_caches():  # the tags are for the frontend cache, which removes them; nobody else
        response["xkey"] = " ".join(sorted(tags))
    patch_vary_headers(response, ["Cookie"])


class PageCacheMiddleware:
    """Serves and stores anonymous answers; place it before the middleware whose headers it keeps."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.composed(request)
        host = normalised_host(request)
        if host is None:  # a port the site is not served on: answered, kept nowhere
            response = self.composed(request)
            if response_is_cacheable(response):
                patch_cache_control(response, no_store=True)
            return response
        key = _entry_key(request, host)
        found = store.get_many([key])
        entry = found.get(key)
        if entry is None:
            lock = LOCK + key
            if not cache.add(lock, 1, LOCK_SECONDS):
                entry = self.wait_for(key)  # another request renders it right now
            if entry is None:
                try:
                    return self.render_and_store(request, key, found[store.CLOCK])
                finally:
                    cache.delete(lock)
        return self.serve(entry, request, "hit")

    def wait_for(self, key):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            entry = cache.get(key)
            if entry is not None:
                return entry
            if cache.get(LOCK + key) is None:  # the other render is done and kept nothing (or no cache)
                return None
            time.sleep(0.02)
        return None

    def composed(self, request):
        """An answer that is not kept, with its parts filled in."""
        with _Recording(composing=True):
            response = self.get_response(request)
        if not response.streaming and hasattr(response, "content"):
            parts.filled(response, request)
        return response

    def render_and_store(self, request, key, since):
        parameters = watch_parameters(request)
        with _Recording(composing=True) as recording:
            response = self.get_response(request)
        if response.streaming:
            return response
        cacheable = response_is_cacheable(response)
        if not cacheable or not set(parameters) <= parameters.asked:
            parts.filled(response, request)
            if cacheable:  # a parameter the view did not read makes no entry, here or in a shared cache
                patch_cache_control(response, no_store=True)
            return response
        ttl = _ttl(recording.expiry)
        headers = [(k, v) for k, v in response.items() if k.lower() not in ("x-page-cache", "content-length")]
        entry = {
            "content": response.content,
            "headers": headers,
            "tags": recording.tags,
            "expires": time.time() + ttl,
        }
        if ttl > 0:
            store.put(key, entry, recording.tags, ttl, since)
        return self.serve(entry, request, "miss")

    def serve(self, entry, request, state):
        content, part_tags, part_expiry, part_states = parts.fill(entry["content"], request)
        ttl = int(entry["expires"] - time.time())
        if part_expiry is not None:
            ttl = min(ttl, _ttl(part_expiry))
        etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
        if request.META.get("HTTP_IF_NONE_MATCH", "") == etag:
            response = HttpResponseNotModified()
            response["ETag"] = etag
            return response
        response = HttpResponse(content if request.method == "GET" else b"", status=200)
        for name, value in entry["headers"]:
            response[name] = value
        if request.method == "HEAD":
            response["Content-Length"] = str(len(content))
        _shared_headers(response, etag, ttl, {*entry["tags"], *part_tags})
        response["X-Page-Cache"] = state
        if part_states:
            response["X-Page-Cache-Parts"] = ", ".join(f"{n}={v}" for n, v in sorted(part_states.items()))
            if "esi" in part_states.values():
                response["Surrogate-Control"] = 'content="ESI/1.0"'
        return response
