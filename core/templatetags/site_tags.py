from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, json_script
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core.cache import cached, depends_on
from core.cache.parts import part_in_template
from core.representations import document_size, document_size_display, document_type
from core.request_memo import memoized, public

register = template.Library()


def _home_for(language_code, site):
    root = site.root_page if site else None
    if root is None:
        return None
    return memoized(
        ("home", language_code, root.pk),
        lambda: (
            public(Page.objects.live())
            .filter(translation_key=root.translation_key, locale__language_code=language_code)
            .first()
        ),
    )


@register.simple_tag(takes_context=True)
def language_versions(context, page=None):
    """One entry per language: the URL of this page's translation, or that language's home.

    `exists` says whether the page itself is available in that language, so the
    switcher can tell the reader instead of silently leading somewhere else.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = translation.get_language()
    live = {}
    if page is not None and getattr(page, "pk", None):
        siblings = (
            public(Page.objects.live()).filter(translation_key=page.translation_key).select_related("locale")
        )
        live = {p.locale.language_code: p for p in siblings}
    versions = []
    for code, name in settings.LANGUAGES:
        target = live.get(code)
        exists = target is not None
        if exists:
            specific = getattr(page, "specific", page)
            if request is not None and hasattr(specific, "translated_url") and target.pk != page.pk:
                url = specific.translated_url(request, target.specific)
            else:
                url = target.get_url(request)
        elif live:
            # The page exists, just not in this language: say so there instead of leaving a 404.
            with translation.override(code):
                url = reverse("not_translated", args=[page.pk])
        else:
            home = _home_for(code, site)
            url = home.get_url(request) if home is not None else f"/{code}/"
        with translation.override(code):
            label = translation.gettext(name)  # each language named in itself: "Deutsch", "English"
        versions.append(
            {
                "code": code,
                "name": label,
                "name_here": translation.gettext(name),  # and in the reader's language, for hints
                "url": url,
                "exists": exists,
                "current": code == current,
            }
        )
    return versions


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The menu pages below the home page of the reader's language: (url, title, path) each."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    language = translation.get_language()

    def menu():
        depends_on(f"nav:{language}")
        home = _home_for(language, site)
        if home is None:
            return []
        pages = public(home.get_children().live()).in_menu().specific()
        return [{"url": page.get_url(request), "title": page.title, "path": page.path} for page in pages]

    return cached(f"nav:{language}:{site.pk if site else 0}", menu)


@register.simple_tag(takes_context=True)
def part(context, name):
    """`{% part "termine-box" %}`: a part many pages share (PAGE_CACHE_PARTS), kept on its own with
    its own tags and expiry; in a cached page a hole that is filled when the page is served."""
    return part_in_template(name, context.get("request"))


@register.filter
def document_info(document):
    """'PDF, 408 kB': what a reader needs to know before downloading."""
    size = document_size_display(document_size(document))
    return f"{document_type(document)}, {size}" if size else document_type(document)


@register.filter
def json_ld(data):
    """A schema.org script element; escaped like Django's json_script so no '</script>' breaks out."""
    inner = json_script(data)  # <script type="application/json">...</script>, safely escaped
    payload = inner[inner.index(">") + 1 : inner.rindex("</script>")]
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.filter
def nearby_pages(page_obj):
    """The page numbers a pagination shows: the first, the last, two around the current one, and
    None for each gap (10,000 articles are 1,000 pages: a link to each was most of the listing's
    rendering time, and unusable)."""
    paginator = page_obj.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current URL's query string with some parameters changed: bookmarkable pagination links."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        query[name] = value
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page=None, extra=None):
    """The way from the home page to this page (and, for a sub-route, to what it shows): title and URL each.

    Home and its ancestors come in one query; `extra` is a (title, url) pair for a sub-route, such as a
    committee's page below "Termine".
    """
    request = context.get("request")
    if page is None or not getattr(page, "pk", None) or page.depth < 2:
        return []
    ancestors = (
        page.get_ancestors().filter(depth__gte=2).only("id", "title", "path", "depth", "url_path", "locale")
    )
    crumbs = [{"title": _("Home") if a.depth == 2 else a.title, "url": a.get_url(request)} for a in ancestors]
    crumbs.append({"title": page.title, "url": page.get_url(request)})
    if extra:
        crumbs.append({"title": extra[0], "url": extra[1]})
    return crumbs if len(crumbs) > 1 else []


@register.filter
def breadcrumb_json_ld(crumbs, request):
    """schema.org BreadcrumbList of the crumbs, with absolute URLs."""
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": number,
                    "name": crumb["title"],
                    "item": request.build_absolute_uri(crumb["url"]),
                }
                for number, crumb in enumerate(crumbs, start=1)
            ],
        }
    )
