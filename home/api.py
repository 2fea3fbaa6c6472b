"""The site settings through the API: organisation, contact and footer links per language."""

from core.api import TranslatableSnippetAPIViewSet
from core.openapi import INTEGER, LOCALE, STRING, Contract, endpoint_pair, nullable, ref

from .models import SiteSettings


class SiteSettingsAPIViewSet(TranslatableSnippetAPIViewSet):
    """Organisation, contact and footer links per language: what a frontend needs around the pages."""

    model = SiteSettings
    name = "site_settings"
    cache_tags = ("settings", "pages")


def paths(router):
    return endpoint_pair(
        router, "site_settings", "SiteSettings", "Organisation, contact and footer per language", [LOCALE]
    )


OPENAPI = Contract(
    schemas={
        "SiteSettings": {
            "type": "object",
            "required": ["id", "meta"],
            "properties": {
                "id": INTEGER,
                "meta": ref("SnippetMeta"),
                "organisation_name": STRING,
                "claim": STRING,
                "address": STRING,
                "phone": STRING,
                "email": STRING,
                "footer_text": {"type": "string", "description": "HTML"},
                "footer_links": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "type": STRING,
                            "id": STRING,
                            "value": {
                                "type": "object",
                                "properties": {
                                    "label": STRING,
                                    "page": nullable(ref("PageLink")),
                                    "url": nullable(STRING),
                                },
                            },
                        },
                    },
                },
            },
        }
    },
    paths=paths,
    selectable=("SiteSettings",),
)
