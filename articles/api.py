"""API serializer fields for articles: topics by name and slug, images and documents ready to render."""

from rest_framework import serializers

from home.representations import document_representation, image_representation


class TopicListField(serializers.Field):
    """Topics with name and slug (in the page's language where translated), not bare IDs."""

    def to_representation(self, manager):
        from .models import localized_topics  # models.py imports this module for its api_fields

        topics = list(manager.all())
        # In the page's language: the API has no language prefix to take it from.
        by_key = localized_topics([topic.pk for topic in topics], locale=manager.instance.locale)
        shown = sorted((by_key.get(topic.translation_key, topic) for topic in topics), key=lambda t: t.name)
        return [{"id": t.pk, "name": t.name, "slug": t.slug} for t in shown]


class ImageField(serializers.Field):
    def __init__(self, spec="width-1200", **kwargs):
        self.spec = spec
        super().__init__(**kwargs)

    def to_representation(self, image):
        return image_representation(image, self.spec)


class DownloadsField(serializers.Field):
    def to_representation(self, manager):
        return [document_representation(item.document) for item in manager.all()]
