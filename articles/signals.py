"""Topic names are on article cards and in the filters of the lists and of the calendar, which
register "topics" where they show them: a changed topic drops those answers. They are also part of
what an article is found by (ArticlePage.topic_names): a topic named anew, or translated, indexes
its articles again."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.search.backends import get_search_backends

from core.cache import invalidate

from .models import ArticlePage, Topic

REINDEX_BATCH = 500


@receiver(pre_save, sender=Topic, dispatch_uid="topic_name_before")
def remember_name(sender, instance, raw=False, **kwargs):
    if not raw:
        instance._name_before = (
            Topic.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
            if instance.pk
            else None
        )


@receiver(post_save, sender=Topic, dispatch_uid="topic_reindex")
def reindex_articles(sender, instance, raw=False, **kwargs):
    if raw or getattr(instance, "_name_before", None) == instance.name:
        return
    key = instance.translation_key
    transaction.on_commit(lambda: index_articles_of(key))


def index_articles_of(translation_key):
    """Index again every article filed under the topic (in any language), in batches: the names are
    fetched for a batch at once (ArticlePage.with_topic_names), as the backend adds them."""
    articles = ArticlePage.objects.filter(topics__translation_key=translation_key).distinct().order_by("pk")
    ids = list(articles.values_list("pk", flat=True))
    for start in range(0, len(ids), REINDEX_BATCH):
        batch = list(ArticlePage.objects.filter(pk__in=ids[start : start + REINDEX_BATCH]))
        ArticlePage.with_topic_names(batch)
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ArticlePage, batch)


@receiver(post_save, sender=Topic, dispatch_uid="topic_cache")
@receiver(post_delete, sender=Topic, dispatch_uid="topic_cache_delete")
def topic_changed(**kwargs):
    invalidate("topics")
