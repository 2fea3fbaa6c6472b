"""Parts: what many pages share and what changes for other reasons than the page (the "Termine" box,
the latest statements and publications, the footer: PAGE_CACHE_PARTS). A cacheable page is kept
with a hole for each part, named with the page's language; the holes are filled when the page is
served (in process), or become Edge Side Includes that Varnish fills from `part_view`.
"""

import hashlib
import re

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from . import pages, store
from .recording import _composing, _Recording, _ttl, depends_on, expires_at

# A hole names its part and the language of the page it is in: the page-cache middleware runs before
# the locale middleware, so the language active when a page is served is not the page's own.
HOLE = re.compile(r"<!--pc:part:([a-z0-9-]+):([a-z]{2,3}(?:-[a-z0-9]+)?)-->")


def page_language():
    """The language of the page being rendered (the locale middleware activated it)."""
    return translation.get_language() or settings.LANGUAGE_CODE


def part_key(name, language, request):
    """The part's key, or None where it must not be kept (a host or port the site does not serve)."""
    if request is None:
        return f"{pages.PART}{name}:{language}:http://-"
    host = pages.normalised_host(request)
    return f"{pages.PART}{name}:{language}:{request.scheme}://{host}" if host else None


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
    found = store.get_many([key for key in keys.values() if key])
    shown = {}
    for hole, key in keys.items():
        entry = found.get(key) if key else None
        if entry is not None:
            shown[hole] = (entry["html"], entry["tags"], entry["expiry"], "hit")
            continue
        html, tags, expiry = render_part(*hole, request)
        if key:
            entry = {"html": html, "tags": tags, "expiry": expiry}
            store.put(key, entry, tags, _ttl(expiry), found[store.CLOCK])
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
    return bool(pages._frontend_caches()) and "ESI/1.0" in request.META.get("HTTP_SURROGATE_CAPABILITY", "")


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
    pages._shared_headers(
        response, '"' + hashlib.sha256(html.encode()).hexdigest()[:32] + '"', _ttl(expiry), tags
    )
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
