"""A view restriction covers every language version of a page.

Wagtail stores a restriction on one page (and its subtree); wagtail-localize's translations are
separate pages in another tree, so a meeting restricted to logged-in users in German stayed public
in English: its page, its iCal feed, the pages API, the sitemap and English search showed it.
Instead of teaching every surface to look at other languages, the restriction itself is mirrored:
adding, changing or removing one on any language version does the same on all the others, and a
translation created later takes the restrictions of its source. Then Wagtail's own `.public()`,
its page serving and everything built on them agree in every language.
"""

import threading
from collections import Counter

from wagtail.models import Page, PageViewRestriction

_state = threading.local()


def _syncing():
    return getattr(_state, "active", False)


class _Syncing:
    def __enter__(self):
        _state.active = True

    def __exit__(self, *exc):
        _state.active = False


def _translations(page):
    return Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)


def mirror(restriction):
    """Give every other language version of the restricted page the same restriction."""
    groups = list(restriction.groups.all())
    with _Syncing():
        for other in _translations(restriction.page):
            existing = PageViewRestriction.objects.filter(page=other)
            copy = existing.first() or PageViewRestriction(page=other)
            copy.restriction_type = restriction.restriction_type
            copy.password = restriction.password
            copy.save()
            existing.exclude(pk=copy.pk).delete()
            copy.groups.set(groups)


def adopt(page):
    """A new language version takes the restriction of the versions that already exist."""
    source = (
        PageViewRestriction.objects.filter(page__translation_key=page.translation_key)
        .exclude(page=page)
        .select_related("page")
        .first()
    )
    if source is not None and not PageViewRestriction.objects.filter(page=page).exists():
        mirror(source)


def _pull(restriction, source):
    """Make a new restriction agree with the one its other language versions already have."""
    with _Syncing():
        restriction.restriction_type = source.restriction_type
        restriction.password = source.password
        restriction.save()
        restriction.groups.set(list(source.groups.all()))


def restriction_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or _syncing():
        return
    if created:
        # A page has one restriction: a second (Wagtail copies restrictions when it copies a page
        # for translation, after this module already gave the new page its source's) replaces it.
        with _Syncing():
            PageViewRestriction.objects.filter(page_id=instance.page_id).exclude(pk=instance.pk).delete()
        source = (
            PageViewRestriction.objects.filter(page__translation_key=instance.page.translation_key)
            .exclude(page_id=instance.page_id)
            .first()
        )
        if source is not None:
            _pull(instance, source)  # a copy: the existing restriction stays as the editor set it
            return
    mirror(instance)


def restriction_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not _syncing():
        mirror(instance)


def _pages_being_deleted():
    """Page ids in a deletion now, counted per row: a specific page is deleted as two rows (its own
    table and wagtailcore_page), and the id stays marked until the last of them is gone."""
    if not hasattr(_state, "deleting"):
        _state.deleting = Counter()
    return _state.deleting


def page_deleting(sender, instance, **kwargs):
    # Deleting a page deletes its restriction with it; its translations keep theirs.
    if isinstance(instance, Page):
        _pages_being_deleted()[instance.pk] += 1


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        deleting = _pages_being_deleted()
        deleting[instance.pk] -= 1
        if deleting[instance.pk] <= 0:
            del deleting[instance.pk]


def restriction_deleted(sender, instance, **kwargs):
    """An editor made a page public again: so are its other language versions."""
    if _syncing() or instance.page_id in _pages_being_deleted():
        return
    key = Page.objects.filter(pk=instance.page_id).values_list("translation_key", flat=True).first()
    if key is None:
        return
    with _Syncing():
        PageViewRestriction.objects.filter(page__translation_key=key).exclude(
            page_id=instance.page_id
        ).delete()


def page_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw and isinstance(instance, Page) and (instance.depth or 0) > 1:
        adopt(instance)
