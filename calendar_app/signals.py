"""Rebuild a series' occurrences whenever its page is published, unpublished, deleted or moved;
drop the cached calendar answers when a committee or venue changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.pagecache import invalidate

from .models import Committee, EventPage, Venue
from .storage import rebuild_series


def _rebuild(instance, **kwargs):
    page = instance.specific if hasattr(instance, "specific") else instance
    if isinstance(page, EventPage):
        rebuild_series(page.translation_key)


def connect():
    page_published.connect(_rebuild, sender=EventPage, dispatch_uid="calendar_published")
    page_unpublished.connect(_rebuild, sender=EventPage, dispatch_uid="calendar_unpublished")
    post_delete.connect(
        lambda instance, **kw: transaction.on_commit(lambda: rebuild_series(instance.translation_key)),
        sender=EventPage,
        dispatch_uid="calendar_deleted",
        weak=False,
    )
    post_page_move.connect(_rebuild, dispatch_uid="calendar_moved")
    for model in (Committee, Venue):
        for signal in (post_save, post_delete):
            signal.connect(_calendar_changed, sender=model, dispatch_uid=f"calendar_cache_{model.__name__}")


def _calendar_changed(**kwargs):
    invalidate("calendar", "calendar:names")
