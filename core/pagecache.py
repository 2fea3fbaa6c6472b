"""A page cache for anonymous readers with exact invalidation by tags, shared by every worker.

Why our own and not Django's cache middleware or wagtail-cache: both drop the whole cache (or
nothing) on a publish. Here every cached answer (page, feed, sitemap, API) carries the tags of
what it shows ("page:12", "articles:de", "calendar", ...), registered by the code that reads it;
a change deletes exactly the answers with its tags (core.cachestore), in the shared cache (Redis),
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

import contextvars
import hashlib
import logging
import re
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotModified, QueryDict
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from . import cachestore

logger = logging.getLogger("staedtetag.pagecache")

SITE = "site"  # carried by every entry: a change of it drops everything
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
ENTRY, PART, DATA, LOCK = "pc:entry:", "pc:part:", "pc:data:", "pc:lock:"
# A hole names its part and the language of the page it is in: the page-cache middleware runs before
# the locale middleware, so the language active when a page is served is not the page's own.
HOLE = re.compile(r"<!--pc:part:([a-z0-9-]+):([a-z]{2,3}(?:-[a-z0-9]+)?)-->")
LOCK_SECONDS, WAIT_SECONDS = 10, 3.0  # one render per key; the others wait this long for its entry

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
    """`purger(tags)` is called after each invalidation (see core.frontend_cache)."""
    _frontend_purgers.append(purger)


def _bump(tags):
    """Drop the answers with these tags now (invalidate() does it when the transaction commits)."""
    return cachestore.invalidate({*tags})


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


def cached(key, compute):
    """`compute()`'s value, shared by every request until what it read changes.

    For values a page shows inside its own content (the menu, a listing's count and years, the site
    settings): the tags and expiry that `compute` registers are kept with the value and passed on to
    the answer being rendered, which is dropped when the value changes.
    """
    if not settings.PART_CACHE_ENABLED:
        return compute()
    key = f"{DATA}{key}"
    found = cachestore.get_many([key])
    entry = found.get(key)
    if entry is not None:
        depends_on(*entry["tags"])
        expires_at(entry["expiry"])
        return entry["value"]
    with _Recording() as recording:
        value = compute()
    recording.pass_on()
    entry = {"value": value, "tags": recording.tags, "expiry": recording.expiry}
    cachestore.put(key, entry, recording.tags, _ttl(recording.expiry), found[cachestore.CLOCK])
    return value


def cached_many(keys, compute_missing, pass_on=True):
    """The values of many keys at once (one GET), `compute_missing(missing_keys)` giving the others as
    {key: (value, tags)}; each value is kept with its own tags, which are passed on to the answer being
    rendered unless `pass_on` is false (the answer says itself what it shows, in fewer tags). For
    answers made of many items that change one at a time (a feed's series, a sitemap's pages)."""
    if not settings.PART_CACHE_ENABLED:
        return {key: value for key, (value, _tags) in compute_missing(list(keys)).items()}
    stored = {key: f"{DATA}{key}" for key in keys}
    found = cachestore.get_many(list(stored.values()))
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
            cachestore.put(
                stored[key],
                {"value": value, "tags": tags, "expiry": None},
                tags,
                settings.PAGE_CACHE_SECONDS,
                found[cachestore.CLOCK],
            )
            values[key] = value
            if pass_on:
                depends_on(*tags)
    return values


# Parts: shared by many pages, kept on their own, filled into the pages' holes -----------------


def page_language():
    """The language of the page being rendered (the locale middleware activated it)."""
    return translation.get_language() or settings.LANGUAGE_CODE


def part_key(name, language, request):
    """The part's key, or None where it must not be kept (a host or port the site does not serve)."""
    if request is None:
        return f"{PART}{name}:{language}:http://-"
    host = normalised_host(request)
    return f"{PART}{name}:{language}:{request.scheme}://{host}" if host else None


def render_part(name, language, request):
    """A part's HTML in this language as it stands now, with its tags and expiry: (html, tags, expiry)."""
    with _Recording() as recording, translation.override(language):
        html = render_to_string(settings.PAGE_CACHE_PARTS[name], request=request)
    return html, recording.tags, recording.expiry


def parts(holes, request):
    """{(name, language): (html, tags, expiry, state)} of these parts, from the cache (one GET for all
    of them) or rendered and kept; state is "hit" or "miss"."""
    if not settings.PART_CACHE_ENABLED:
        return {hole: (*render_part(*hole, request), "miss") for hole in holes}
    keys = {hole: part_key(*hole, request) for hole in holes}
    found = cachestore.get_many([key for key in keys.values() if key])
    shown = {}
    for hole, key in keys.items():
        entry = found.get(key) if key else None
        if entry is not None:
            shown[hole] = (entry["html"], entry["tags"], entry["expiry"], "hit")
            continue
        html, tags, expiry = render_part(*hole, request)
        if key:
            entry = {"html": html, "tags": tags, "expiry": expiry}
            cachestore.put(key, entry, tags, _ttl(expiry), found[cachestore.CLOCK])
        shown[hole] = (html, tags, expiry, "miss")
    return shown


def part_in_template(name, request):
    """What `{% part %}` writes: a hole while a cacheable page is composed, else the part itself;
    either way in the language of the page."""
    if name not in settings.PAGE_CACHE_PARTS:
        raise KeyError(f"no part {name!r} in PAGE_CACHE_PARTS")
    language = page_language()
    if _composing.get():
        return mark_safe(f"<!--pc:part:{name}:{language}-->")  # noqa: S308  (a fixed marker, no input)
    html, tags, expiry, _state = parts([(name, language)], request)[(name, language)]
    depends_on(*tags)
    expires_at(expiry)
    return mark_safe(html)  # noqa: S308  (our own template's output)


def esi_capable(request):
    """Whether a frontend cache in front assembles Edge Side Includes (Varnish with our VCL)."""
    return bool(_frontend_caches()) and "ESI/1.0" in request.META.get("HTTP_SURROGATE_CAPABILITY", "")


def fill(content, request):
    """The page's content with its holes filled, each in its page's language: (content, tags, expiry,
    states) of the parts."""
    if b"<!--pc:part:" not in content:
        return content, set(), None, {}
    text = content.decode("utf-8")
    holes = list(dict.fromkeys(HOLE.findall(text)))
    if not holes:
        return content, set(), None, {}
    if esi_capable(request):
        text = HOLE.sub(lambda m: format_html('<esi:include src="/_parts/{}/{}/"/>', m[1], m[2]), text)
        return text.encode("utf-8"), set(), None, {_label(hole): "esi" for hole in holes}
    shown = parts(holes, request)
    text = HOLE.sub(lambda m: shown[(m[1], m[2])][0], text)
    tags = {tag for html, part_tags, expiry, state in shown.values() for tag in part_tags}
    expiries = [expiry for html, part_tags, expiry, state in shown.values() if expiry is not None]
    return (
        text.encode("utf-8"),
        tags,
        min(expiries, default=None),
        {_label(hole): value[3] for hole, value in shown.items()},
    )


def _label(hole):
    return hole[0]  # a page is in one language: its parts are told apart by name


def part_view(request, name, language):
    """A part on its own, for Varnish's Edge Side Includes, kept by Varnish with the part's tags."""
    if name not in settings.PAGE_CACHE_PARTS or language not in dict(settings.LANGUAGES):
        raise Http404
    html, tags, expiry, state = parts([(name, language)], request)[(name, language)]
    response = HttpResponse(html)
    _shared_headers(response, '"' + hashlib.sha256(html.encode()).hexdigest()[:32] + '"', _ttl(expiry), tags)
    response["X-Page-Cache"] = state
    response["Content-Language"] = language
    return response


def filled(response, request):
    """The answer with its holes filled, and its length said again: CommonMiddleware, inside this one,
    measured it with the holes, and a client reads no more than Content-Length (a page cut off in the
    middle of a word, for members, editors and every uncached reader)."""
    response.content = fill(response.content, request)[0]
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return response


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
        found = cachestore.get_many([key])
        entry = found.get(key)
        if entry is None:
            lock = LOCK + key
            if not cache.add(lock, 1, LOCK_SECONDS):
                entry = self.wait_for(key)  # another request renders it right now
            if entry is None:
                try:
                    return self.render_and_store(request, key, found[cachestore.CLOCK])
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
            filled(response, request)
        return response

    def render_and_store(self, request, key, since):
        parameters = watch_parameters(request)
        with _Recording(composing=True) as recording:
            response = self.get_response(request)
        if response.streaming:
            return response
        cacheable = response_is_cacheable(response)
        if not cacheable or not set(parameters) <= parameters.asked:
            filled(response, request)
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
            cachestore.put(key, entry, recording.tags, ttl, since)
        return self.serve(entry, request, "miss")

    def serve(self, entry, request, state):
        content, part_tags, part_expiry, part_states = fill(entry["content"], request)
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
