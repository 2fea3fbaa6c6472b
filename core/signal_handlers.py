"""Core's receivers, connected in CoreConfig.ready() (as Wagtail's apps do): the page cache drops
the answers that show what changed (core.cache.tags), and a view restriction covers every language
version of a page (core.restrictions)."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import restrictions
from .cache import tags
from .models import SearchSynonyms


def connect():
    """Connect the receivers (once: each has a dispatch_uid)."""
    page_published.connect(tags.page_changed, dispatch_uid="core.tags.page_changed.page_published")
    page_unpublished.connect(tags.page_changed, dispatch_uid="core.tags.page_changed.page_unpublished")
    post_page_move.connect(tags.page_moved, dispatch_uid="core.tags.page_moved.post_page_move")
    post_delete.connect(tags.page_deleted, dispatch_uid="core.tags.page_deleted.post_delete")
    post_save.connect(
        tags.synonyms_changed, sender=SearchSynonyms, dispatch_uid="core.tags.synonyms_changed.post_save"
    )
    post_delete.connect(
        tags.synonyms_changed, sender=SearchSynonyms, dispatch_uid="core.tags.synonyms_changed.post_delete"
    )
    post_save.connect(
        tags.restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="core.tags.restriction_changed.post_save",
    )
    post_delete.connect(
        tags.restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="core.tags.restriction_changed.post_delete",
    )
    post_save.connect(
        tags.image_changed, sender=get_image_model(), dispatch_uid="core.tags.image_changed.post_save"
    )
    post_delete.connect(
        tags.image_changed, sender=get_image_model(), dispatch_uid="core.tags.image_changed.post_delete"
    )
    post_save.connect(
        tags.document_changed,
        sender=get_document_model(),
        dispatch_uid="core.tags.document_changed.post_save",
    )
    post_delete.connect(
        tags.document_changed,
        sender=get_document_model(),
        dispatch_uid="core.tags.document_changed.post_delete",
    )
    post_save.connect(
        restrictions.restriction_saved,
        sender=PageViewRestriction,
        dispatch_uid="core.restrictions.restriction_saved.post_save",
    )
    m2m_changed.connect(
        restrictions.restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="core.restrictions.restriction_groups_changed.m2m_changed",
    )
    pre_delete.connect(restrictions.page_deleting, dispatch_uid="core.restrictions.page_deleting.pre_delete")
    post_delete.connect(restrictions.page_deleted, dispatch_uid="core.restrictions.page_deleted.post_delete")
    post_delete.connect(
        restrictions.restriction_deleted,
        sender=PageViewRestriction,
        dispatch_uid="core.restrictions.restriction_deleted.post_delete",
    )
    post_save.connect(restrictions.page_created, dispatch_uid="core.restrictions.page_created.post_save")
