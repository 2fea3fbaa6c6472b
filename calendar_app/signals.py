"""Rebuild a series' occurrences whenever its page is published, unpublished, deleted, moved or
restricted; drop the cached calendar answers when a committee or venue changes."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache import invalidate
from core.models import Tombstone

from .models import Committee, EventPage, Occurrence, Venue
from .occurrence_table import rebuild_series


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
        pre_delete.connect(_record_removed, sender=model, dispatch_uid=f"calendar_removed_{model.__name__}")
    for signal in (post_save, post_delete):
        signal.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="calendar_restricted")


def _calendar_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    invalidate("calendar", "calendar:names")
    if sender is Venue and kwargs.get("created") is False:
        # A meeting shows its venue's name and address: a client that copied it must hear of it.
        Occurrence.objects.filter(venue=instance).update(modified_at=timezone.now())


def _record_removed(sender, instance, **kwargs):
    """A committee or venue removed (its own language's version) is on record as removed, for the
    clients that keep a copy (OParl's deleted Organization and Location)."""
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        kind = "committee" if sender is Committee else "venue"
        Tombstone.bury(kind, str(instance.translation_key), instance.created_at, timezone.now())


def _restriction_changed(sender, instance, raw=False, **kwargs):
    """A series that readers can no longer see (or can see again) is rebuilt: its meetings leave the
    public record as removed, or come back. A restriction on a section reaches every series in it."""
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:  # deleted together with its page: the page's deletion rebuilds
        return
    keys = set(
        EventPage.objects.descendant_of(page, inclusive=True).values_list("translation_key", flat=True)
    )
    for key in keys:
        rebuild_series(key)
