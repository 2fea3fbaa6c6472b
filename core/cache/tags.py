"""Which cached answers a change drops: the tags of pages, images, documents and settings.

Each app says what its own changes touch: a page class may define `cache_invalidation_tags()`
(articles: "articles:<lang>", meetings: "calendar"), and the apps connect their snippets' signals
themselves (home its site settings, as "settings"). This module handles what every page has in
common, and follows Wagtail's reference index to the pages, settings and snippets that link to
what changed.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from .recording import SITE, depends_on, invalidate


def page_tags(page):
    """The tags an answer showing this page carries (registered when the page is served)."""
    return {f"page:{page.pk}", f"tk:{page.translation_key}"}


_referrer_tags = {}  # model -> the tag of every answer that shows it (see register_referrer)


def register_referrer(model, tag):
    """Answers showing `model` (a snippet that links to pages, images or documents) carry `tag`:
    a change to what it links to drops them, instead of everything."""
    _referrer_tags[model] = tag


def referrer_tags(obj):
    """Tags of everything that links to `obj`: pages by id, registered snippets by their tag, and
    anything else broadly."""
    tags = set()
    page_type = ContentType.objects.get_for_model(Page).pk
    known = {ContentType.objects.get_for_model(model).pk: tag for model, tag in _referrer_tags.items()}
    for base_type, object_id in ReferenceIndex.get_references_to(obj).values_list(
        "base_content_type_id", "object_id"
    ):
        if base_type == page_type:
            tags.add(f"page:{object_id}")
        else:
            tags.add(known.get(base_type, SITE))
    return tags


def changed_page(page):
    """Everything a published, unpublished, moved or deleted page was or will be shown in."""
    specific = page.specific_deferred if type(page) is Page else page
    tags = {"pages", *page_tags(page), *referrer_tags(page)}
    if page.depth is not None and page.depth <= 3:  # a home page or one of its children: the menu
        tags.add(f"nav:{page.locale.language_code}")
    own = getattr(specific, "cache_invalidation_tags", None)
    if own:
        tags |= set(own())
    invalidate(*tags)


def page_changed(sender, instance, **kwargs):
    changed_page(instance)


def page_moved(sender, instance, **kwargs):
    changed_page(instance)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is not Page:  # once, for the specific row
        changed_page(instance)


def synonyms_changed(sender, **kwargs):
    invalidate("pages")  # search answers (site and API) carry "pages"


def restriction_changed(sender, **kwargs):
    # Who may see a page changes every list, feed and search that could show it.
    invalidate(SITE)


def image_changed(sender, instance, **kwargs):
    invalidate("images", *referrer_tags(instance))


def document_changed(sender, instance, **kwargs):
    invalidate("documents", *referrer_tags(instance))


def served_page(page):
    """Called for every page Wagtail serves (its sub-routes too): the answer shows the page and its
    language versions. The frame (menu, footer) registers itself when a template renders it."""
    depends_on(*page_tags(page))
