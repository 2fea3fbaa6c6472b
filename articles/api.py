"""How the API shows articles: topics by name and slug, images and documents ready to render."""

from rest_framework import serializers

from core.api import TranslatableSnippetAPIViewSet, serialize_fields
from core.openapi import INTEGER, LOCALE, STRING, Contract, endpoint_pair, nullable, ref
from core.representations import document_representation, image_representation

from .models import ArticlePage, Topic


class TopicListField(serializers.Field):
    """Topics with name and slug in the page's language where translated, not bare IDs.

    All topics are read once per response (there are a few dozen), whatever the number of pages.
    """

    def to_representation(self, manager):
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


serialize_fields(
    ArticlePage,
    topics=TopicListField(),
    lead_image=ImageField("width-1200"),
    downloads=DownloadsField(),
)


class TopicsAPIViewSet(TranslatableSnippetAPIViewSet):
    model = Topic
    name = "topics"
    cache_tags = ("topics",)


def paths(router):
    return endpoint_pair(router, "topics", "Topic", "Topics", [LOCALE])


OPENAPI = Contract(
    schemas={
        "TopicRef": {
            "type": "object",
            "required": ["id", "name", "slug"],
            "properties": {"id": INTEGER, "name": STRING, "slug": STRING},
        },
        "BodyBlock": {
            "type": "object",
            "description": "One block of a StreamField body. `value` depends on `type`.",
            "required": ["type", "value", "id"],
            "properties": {
                "id": STRING,
                "type": {
                    "type": "string",
                    "enum": ["paragraph", "heading", "quote", "key_demands", "image", "documents", "table"],
                },
                "value": {
                    "anyOf": [
                        {"type": "string", "description": "paragraph: HTML with real URLs"},
                        {
                            "type": "object",
                            "description": "heading",
                            "properties": {"text": STRING, "level": {"type": "string", "enum": ["h2", "h3"]}},
                        },
                        {
                            "type": "object",
                            "description": "quote",
                            "properties": {"text": STRING, "attribution": STRING},
                        },
                        {
                            "type": "object",
                            "description": "key_demands",
                            "properties": {"title": STRING, "demands": {"type": "array", "items": STRING}},
                        },
                        {
                            "type": "object",
                            "description": "image",
                            "properties": {"image": nullable(ref("Image")), "caption": STRING},
                        },
                        {
                            "type": "object",
                            "description": "documents",
                            "properties": {
                                "title": STRING,
                                "documents": {"type": "array", "items": ref("Document")},
                            },
                        },
                        {"type": "object", "description": "table (Wagtail's TableBlock data)"},
                    ]
                },
            },
        },
        "Topic": {
            "type": "object",
            "required": ["id", "meta"],
            "properties": {
                "id": INTEGER,
                "meta": ref("SnippetMeta"),
                "name": STRING,
                "slug": STRING,
                "description": STRING,
            },
        },
    },
    page_properties={
        "intro": {"anyOf": [STRING, {"type": "array", "items": ref("BodyBlock")}]},
        "kind": {
            "type": "string",
            "enum": ["statement", "press_release", "position_paper", "publication"],
        },
        "date": {"type": "string", "format": "date"},
        "topics": {"type": "array", "items": ref("TopicRef")},
        "teaser": STRING,
        "lead_image": nullable(ref("Image")),
        "author": STRING,
        "body": {"type": "array", "items": ref("BodyBlock")},
        "downloads": {"type": "array", "items": ref("Document")},
    },
    paths=paths,
    selectable=("Topic",),
)
