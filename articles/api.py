"""API serializer fields for articles: topics by name and slug, images and documents ready to render."""

from rest_framework import serializers

from core.representations import document_representation, image_representation


class TopicListField(serializers.Field):
    """Topics with name and slug in the page's language where translated, not bare IDs.

    All topics are read once per response (there are a few dozen), whatever the number of pages.
    """

    def to_representation(self, manager):
        from .models import Topic  # models.py imports this module for its api_fields

        cache = self.context.setdefault("topics_by_key", {})
        if not cache:
            for topic in Topic.objects.all():
                cache.setdefault(topic.translation_key, {})[topic.locale_id] = topic
        locale_id = manager.instance.locale_id
        shown = [cache.get(t.translation_key, {}).get(locale_id, t) for t in manager.all()]
        return [{"id": t.pk, "name": t.name, "slug": t.slug} for t in sorted(shown, key=lambda t: t.name)]


class ImageField(serializers.Field):
    def __init__(self, spec="width-1200", **kwargs):
        self.spec = spec
        super().__init__(**kwargs)

    def to_representation(self, image):
        return image_representation(image, self.spec)


class DownloadsField(serializers.Field):
    def to_representation(self, manager):
        return [document_representation(item.document) for item in manager.all()]  # prefetched
