"""The links every page carries to Leichte Sprache, sign language, the accessibility statement and
"Barriere melden" (in the header and the footer), in the reader's language."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from core.cache import cached, depends_on
from core.request_memo import public

from ..models import CACHE_TAG, AccessibilityStatementPage, EasyLanguagePage, SignLanguagePage

register = template.Library()

KINDS = {"easy": EasyLanguagePage, "sign": SignLanguagePage, "statement": AccessibilityStatementPage}


def pages_in(language, site, request):
    """{kind: {"id", "url", "title"}} of the live public pages in this language below the site's root."""
    depends_on(CACHE_TAG, f"nav:{language}")
    root = site.root_page if site else None
    home = None
    if root is not None:
        home = Page.objects.filter(
            translation_key=root.translation_key, locale__language_code=language
        ).first()
    found = {}
    for kind, model in KINDS.items():
        pages = public(model.objects.live()).filter(locale__language_code=language)
        if home is not None:
            pages = pages.child_of(home)
        page = pages.order_by("path").first()
        if page is not None:
            found[kind] = {"id": page.pk, "url": page.get_url(request), "title": page.title}
    return found


@register.simple_tag(takes_context=True)
def accessibility_links(context, site_settings=None):
    """The pages of this language, and the report form's address; `statement_in_footer` says whether
    the editors' footer links already lead to the statement."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    language = translation.get_language()
    site_key = site.pk if site else 0
    links = dict(cached(f"accessibility:{language}:{site_key}", lambda: pages_in(language, site, request)))
    if language != settings.LANGUAGE_CODE:
        # A page not (yet) translated: the German one, marked as German, rather than none.
        source = settings.LANGUAGE_CODE
        fallback = cached(f"accessibility:{source}:{site_key}", lambda: pages_in(source, site, request))
        for kind, found in fallback.items():
            links.setdefault(kind, {**found, "lang": source})
    links["report"] = reverse("barrier_report")
    statement = links.get("statement")
    footer_pages = set()
    for block in getattr(site_settings, "footer_links", None) or []:
        page = block.value.get("page")
        if page is not None:
            footer_pages.add(page.pk)
    links["statement_in_footer"] = bool(statement and statement["id"] in footer_pages)
    return links
