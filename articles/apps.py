from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.pagecache import invalidate

        from .models import Topic

        def topic_changed(**kwargs):
            # Topic names are on article cards and in the filters of the lists and of the calendar,
            # which register "topics" where they show them.
            invalidate("topics")

        post_save.connect(topic_changed, sender=Topic, dispatch_uid="topic_cache", weak=False)
        post_delete.connect(topic_changed, sender=Topic, dispatch_uid="topic_cache_delete", weak=False)
