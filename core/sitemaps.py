"""The sitemap: an index of pages of at most 2,000 URLs, every live public page in every language,
each with its translations as hreflang alternates.

Wagtail's own sitemap lists only the site root's descendants in the active language, and
/sitemap.xml sits outside the language prefix, so English pages would be missing. One sitemap of
15,000 URLs would take 15 s and a query per URL (`.specific()` drops `select_related`); each page of
this one costs a fixed number of queries and needs no specific page objects: a sitemap needs the URL and
the date of the last publication, both on the base page.

A sitemap page is assembled from one fragment per entry (`<url>` with its alternates), kept in the
cache under a key made of everything the entry shows (the host, the site roots, the page's and its
translations' paths and publication date): a publish changes the keys of the entries it changes, so
nothing needs invalidating, and a page of 2,000 entries after a publish builds the few new ones and
reads the rest in one round trip. Written without the template engine: 2,000 entries through
Django's sitemap template alone took most of a second.
"""

import hashlib
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse
from django.utils.http import http_date
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from .cache import depends_on

URLSET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
URLSET_END = "\n</urlset>\n"
FRAGMENT, ASSEMBLED = "sitemap:url:", "sitemap:page:"

PAGE_FIELDS = ("id", "path", "depth", "url_path", "translation_key", "last_published_at", "locale")


class AllLanguagesSitemap(Sitemap):
    limit = 2000  # URLs per sitemap page: each page answers in well under a second

    def location(self, obj):
        # The host the request came to, not the Site record's, which may say "localhost".
        return self.request.build_absolute_uri(obj.get_url(self.request))

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list("path", flat=True)
        in_any_tree = Q()
        for path in roots:
            in_any_tree |= Q(path__startswith=path)
        return (
            Page.objects.live()
            .public()
            .filter(in_any_tree)
            .order_by("path")
            .select_related("locale")
            .only(*PAGE_FIELDS, "locale__language_code")
        )

    def get_latest_lastmod(self):
        # Django's default asks every item; one aggregate answers the same.
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


SITEMAPS = {"pages": AllLanguagesSitemap}


def sitemap_index(request):
    depends_on("pages")
    sitemaps = {name: cls(request) for name, cls in SITEMAPS.items()}
    return sitemap_views.index(request, sitemaps, sitemap_url_name="sitemap_section")


class Row:
    """What an entry shows of a page, read as plain values (no model instances for 2,000 rows)."""

    __slots__ = ("pk", "url_path", "last_published_at", "translation_key", "language")

    def __init__(self, pk, url_path, last_published_at, translation_key, language):
        self.pk, self.url_path, self.last_published_at = pk, url_path, last_published_at
        self.translation_key, self.language = translation_key, language


ROW_FIELDS = ("pk", "url_path", "last_published_at", "translation_key", "locale__language_code")


def rows(queryset, with_date=True):
    if with_date:
        return [Row(*values) for values in queryset.values_list(*ROW_FIELDS)]
    fields = [field for field in ROW_FIELDS if field != "last_published_at"]
    return [Row(pk, path, None, key, language) for pk, path, key, language in queryset.values_list(*fields)]


def entry(sitemap, page, others):
    """One `<url>` as Django's sitemap template writes it (without the whitespace); `page` and
    `others` (its translations, itself included) are Page objects."""
    location = sitemap.location(page)
    if location is None:
        return ""
    parts = [f"<url><loc>{escape(location)}</loc>"]
    if page.last_published_at:
        parts.append(f"<lastmod>{page.last_published_at:%Y-%m-%d}</lastmod>")
    if len(others) > 1:
        for other in others:
            parts.append(
                f'<xhtml:link rel="alternate" hreflang={quoteattr(other.locale.language_code)} '
                f"href={quoteattr(sitemap.location(other))}/>"
            )
    parts.append("</url>")
    return "".join(parts)


def fragment_key(prefix, row, others):
    shown = "|".join(
        [prefix, str(row.pk), row.url_path, str(row.last_published_at), row.language]
        + [f"{o.pk} {o.url_path} {o.language}" for o in others]
    )
    return FRAGMENT + hashlib.sha1(shown.encode(), usedforsecurity=False).hexdigest()


def build_entries(sitemap, wanted):
    """The entries of these (row, translations) pairs, from Page objects read for them alone."""
    ids = {row.pk for row, _others in wanted} | {o.pk for _row, others in wanted for o in others}
    pages = (
        Page.objects.filter(pk__in=ids).select_related("locale").only(*PAGE_FIELDS, "locale__language_code")
    )
    by_id = {page.pk: page for page in pages}
    return [
        entry(sitemap, by_id[row.pk], [by_id[o.pk] for o in others if o.pk in by_id])
        if row.pk in by_id
        else ""
        for row, others in wanted
    ]


def sitemap_section(request, section):
    depends_on("pages")
    if section not in SITEMAPS:
        raise Http404(f"No sitemap available for section: {section!r}")
    sitemap = SITEMAPS[section](request)
    sitemap.request = request
    items = sitemap.items()
    totals = items.order_by().aggregate(count=Count("pk"), latest=Max("last_published_at"))
    try:
        number = Paginator(range(totals["count"]), sitemap.limit).validate_number(request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger) as problem:
        raise Http404(str(problem)) from None
    start = (number - 1) * sitemap.limit
    shown = items[start : start + sitemap.limit]
    page_rows = rows(shown)
    translations = {}
    # The translations of the pages of this sitemap page, found by the database (not 2,000 keys sent).
    of_these = Page.objects.live().public().filter(translation_key__in=shown.values("translation_key"))
    for other in rows(of_these.order_by("path"), with_date=False):
        translations.setdefault(other.translation_key, []).append(other)
    others = [translations.get(row.translation_key, []) for row in page_rows]
    roots = sorted(map(tuple, Site.get_site_root_paths()))
    prefix = repr((request.scheme, request.get_host(), roots))
    keys = [fragment_key(prefix, row, other) for row, other in zip(page_rows, others, strict=True)]
    # The assembled page under a key of its entries' keys: unchanged entries, one round trip.
    whole = ASSEMBLED + hashlib.sha1("".join(keys).encode(), usedforsecurity=False).hexdigest()
    body = cache.get(whole) if settings.PART_CACHE_ENABLED else None
    if body is None:
        body = assemble(sitemap, keys, page_rows, others)
        if settings.PART_CACHE_ENABLED:
            cache.set(whole, body, settings.PAGE_CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/xml")
    latest = totals["latest"]
    if latest is not None:
        response["Last-Modified"] = http_date(latest.timestamp())
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def assemble(sitemap, keys, page_rows, others):
    """The sitemap page from its entries' fragments, building (and keeping) the missing ones."""
    found = cache.get_many(keys) if settings.PART_CACHE_ENABLED else {}
    missing = [
        (key, row, other) for key, row, other in zip(keys, page_rows, others, strict=True) if key not in found
    ]
    if missing:
        built = dict(
            zip(
                [key for key, _row, _other in missing],
                build_entries(sitemap, [(row, other) for _key, row, other in missing]),
                strict=True,
            )
        )
        found.update(built)
        if settings.PART_CACHE_ENABLED:
            cache.set_many(built, settings.PAGE_CACHE_SECONDS)
    return URLSET_START + "".join(found[key] for key in keys) + URLSET_END
