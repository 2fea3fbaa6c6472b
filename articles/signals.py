"""Topic names are on article cards and in the filters of the lists and of the calendar, which
register "topics" where they show them: a changed topic drops those answers."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.cache import invalidate

from .models import Topic


@receiver(post_save, sender=Topic, dispatch_uid="topic_cache")
@receiver(post_delete, sender=Topic, dispatch_uid="topic_cache_delete")
def topic_changed(**kwargs):
    invalidate("topics")
