"""The API's contract as an OpenAPI 3 document, served at /api/v2/openapi.json.

Written out rather than generated: Wagtail's API v2 has no schema support (Wagtail issue 6209), and
the shapes that matter to a frontend (StreamField blocks, images with credit, occurrences) are ours.
CI checks every response of a live demo server against it with schemathesis.
"""

import re

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import cache_control

from core.api import SitePagesAPIViewSet
from core.inputs import MAX_ID

from .api import api_router

DATE_PARAM = {"type": "string", "format": "date", "pattern": "^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    return {**schema, "nullable": True}


STRING = {"type": "string"}
# Query text: any string without NUL, which every route answers with a 400 (PostgreSQL cannot
# store or compare it; core.middleware). Declared, so that a client's generator knows it too.
QUERY_TEXT = {"type": "string", "pattern": "^[^\\u0000]*$"}
INTEGER = {"type": "integer"}
URL = {"type": "string", "format": "uri"}
DATETIME = {"type": "string", "format": "date-time"}

FILE_META = {
    "type": "object",
    "properties": {
        "type": STRING,
        "detail_url": URL,
        "tags": {"type": "array", "items": STRING},
        "download_url": STRING,
    },
}

SCHEMAS = {
    "Error": {"type": "object", "required": ["message"], "properties": {"message": STRING}},
    "ListingMeta": {"type": "object", "required": ["total_count"], "properties": {"total_count": INTEGER}},
    "Image": {
        "type": "object",
        "description": "A rendition ready to render, with the image's alt text and credit.",
        "required": ["id", "url", "width", "height", "alt", "credit"],
        "properties": {
            "id": INTEGER,
            "url": URL,
            "width": INTEGER,
            "height": INTEGER,
            "alt": STRING,
            "credit": STRING,
        },
    },
    "Document": {
        "type": "object",
        "required": ["id", "title", "url", "type", "size", "size_display"],
        "properties": {
            "id": INTEGER,
            "title": STRING,
            "url": URL,
            "type": {"type": "string", "example": "PDF"},
            "size": nullable(INTEGER),
            "size_display": {"type": "string", "example": "408 kB"},
        },
    },
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
    "Translation": {
        "type": "object",
        "required": ["locale", "id", "html_url"],
        "properties": {"locale": STRING, "id": INTEGER, "html_url": URL},
    },
    "PageMeta": {
        "type": "object",
        "required": ["type", "detail_url"],
        "properties": {
            "type": {"type": "string", "example": "articles.ArticlePage"},
            "detail_url": URL,
            "html_url": nullable(URL),
            "slug": STRING,
            "first_published_at": nullable(DATETIME),
            "locale": {"type": "string", "enum": ["de", "en"]},
            "show_in_menus": {"type": "boolean"},
            "seo_title": STRING,
            "search_description": STRING,
            "alias_of": nullable({"type": "object"}),
            "parent": nullable({"type": "object"}),
            "translations": {"type": "array", "items": ref("Translation")},
        },
    },
    "Page": {
        "type": "object",
        "description": "A page. Fields depend on the page type; `fields=*` lists all of a type's fields.",
        "required": ["id", "meta"],
        "properties": {
            "id": INTEGER,
            "meta": ref("PageMeta"),
            "title": STRING,
            "intro": {"anyOf": [STRING, {"type": "array", "items": ref("BodyBlock")}]},
            "kind": {
                "type": "string",
                "enum": ["statement", "press_release", "position_paper", "publication"],
            },
            "date": {"type": "string", "format": "date"},
            "topics": {"type": "array", "items": ref("TopicRef")},
            "teaser": STRING,
            "lead_image": nullable(ref("Image")),
            "body": {"type": "array", "items": ref("BodyBlock")},
            "downloads": {"type": "array", "items": ref("Document")},
            "committee": nullable({"type": "object"}),
            "start_date": {"type": "string", "format": "date"},
            "start_time": nullable(STRING),
            "end_time": nullable(STRING),
            "duration_days": INTEGER,
            "all_day": {"type": "boolean"},
            "recurrence": {"type": "string", "description": "RFC 5545 lines, DTSTART;TZID=Europe/Berlin"},
            "venue": nullable(ref("VenueRef")),
            "online_mode": nullable({"type": "string", "enum": ["video", "phone"]}),
            "join_url": nullable(URL),
            "description": {"type": "array", "items": ref("BodyBlock")},
            "next_occurrences": {"type": "array", "items": ref("Occurrence")},
            "number": {
                "type": "integer",
                "description": "Circulars (members only): the number within the year",
            },
            "summary": STRING,
            "addressees": {
                "type": "array",
                "items": STRING,
                "description": "Circulars: the functions addressed",
            },
        },
    },
    "MeetingPaper": {
        "type": "object",
        "description": "A paper of a meeting series or of one meeting (members with a token only).",
        "required": ["id", "title", "kind", "series", "committee", "meeting_date", "document"],
        "properties": {
            "id": INTEGER,
            "meta": {"type": "object"},
            "title": STRING,
            "kind": {"type": "string", "enum": ["invitation", "agenda", "proposal", "minutes", "annex"]},
            "series": {"type": "object", "properties": {"id": INTEGER, "title": STRING}},
            "committee": {"type": "object", "properties": {"name": STRING, "slug": STRING}},
            "meeting_date": nullable({"type": "string", "format": "date"}),
            "document": ref("Document"),
        },
    },
    "ImageItem": {
        "type": "object",
        "required": ["id", "meta"],
        "properties": {
            "id": INTEGER,
            "meta": FILE_META,
            "title": STRING,
            "width": INTEGER,
            "height": INTEGER,
            "alt_text": STRING,
            "credit": STRING,
        },
    },
    "DocumentItem": {
        "type": "object",
        "required": ["id", "meta"],
        "properties": {
            "id": INTEGER,
            "meta": FILE_META,
            "title": STRING,
        },
    },
    "SnippetMeta": {
        "type": "object",
        "required": ["type", "detail_url", "locale"],
        "properties": {"type": STRING, "detail_url": URL, "locale": {"type": "string", "enum": ["de", "en"]}},
    },
    "PageLink": {
        "type": "object",
        "required": ["id", "url", "locale"],
        "properties": {"id": INTEGER, "url": nullable(URL), "locale": STRING},
    },
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
    "Committee": {
        "type": "object",
        "required": ["id", "meta"],
        "properties": {
            "id": INTEGER,
            "meta": ref("SnippetMeta"),
            "name": STRING,
            "slug": STRING,
            "kind": STRING,
            "topic": nullable(ref("TopicRef")),
            "description": STRING,
            "contact_name": STRING,
            "contact_email": STRING,
            "contact_phone": STRING,
        },
    },
    "Venue": {
        "type": "object",
        "required": ["id", "meta"],
        "properties": {
            "id": INTEGER,
            "meta": ref("SnippetMeta"),
            "name": STRING,
            "short_name": STRING,
            "address": STRING,
            "city": STRING,
        },
    },
    "VenueRef": {
        "type": "object",
        "description": "A venue inside a meeting or meeting series.",
        "required": ["name", "short_name", "address", "city"],
        "properties": {
            "id": INTEGER,
            "name": STRING,
            "short_name": STRING,
            "address": STRING,
            "city": STRING,
        },
    },
    "Occurrence": {
        "type": "object",
        "description": "One meeting. Times are Europe/Berlin with their offset; all-day meetings give dates.",
        "required": [
            "id",
            "series",
            "title",
            "committee",
            "start",
            "end",
            "all_day",
            "status",
            "place",
            "note",
        ],
        "properties": {
            "id": INTEGER,
            "meta": {"type": "object"},
            "series": {
                "type": "object",
                "required": ["id", "url", "locale"],
                "properties": {"id": INTEGER, "url": URL, "locale": STRING},
            },
            "title": STRING,
            "committee": {
                "type": "object",
                "required": ["name", "slug", "kind"],
                "properties": {"name": STRING, "slug": STRING, "kind": STRING},
            },
            "start": {"type": "string", "example": "2026-05-06T10:00:00+02:00"},
            "end": STRING,
            "original_start": STRING,
            "all_day": {"type": "boolean"},
            "status": {"type": "string", "enum": ["scheduled", "cancelled", "moved"]},
            "venue": nullable(ref("VenueRef")),
            "online": nullable({"type": "string", "enum": ["video", "phone"]}),
            "join_url": nullable(URL),
            "place": STRING,
            "note": STRING,
        },
    },
}


# Items whose properties the client chooses with `fields` (any of them may be left out, even `id`).
SELECTABLE = [
    "PageMeta",
    "Page",
    "ImageItem",
    "DocumentItem",
    "SnippetMeta",
    "SiteSettings",
    "Topic",
    "Committee",
    "Venue",
]
for _name in SELECTABLE:
    SCHEMAS[_name].pop("required", None)
    SCHEMAS[_name]["description"] = (
        SCHEMAS[_name].get("description", "") + " Which properties are present depends on `fields`."
    ).strip()


def listing(item):
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {"meta": ref("ListingMeta"), "items": {"type": "array", "items": ref(item)}},
    }


def param(name, description, schema=None, required=False, where="query"):
    return {
        "name": name,
        "in": where,
        "required": required,
        "description": description,
        "schema": schema or QUERY_TEXT,
    }


LIMIT = param("limit", "Items per response (default 20).", {"type": "integer", "minimum": 0, "maximum": 100})
OFFSET = param("offset", "Items to skip.", {"type": "integer", "minimum": 0, "maximum": MAX_ID})
LOCALE = param("locale", "Language of the items.", {"type": "string", "enum": ["de", "en"]})


def names_pattern(names, allow_star=False):
    """A regular expression for a comma-separated list of these names (each may be negated with `-`).

    With `allow_star`, Wagtail's `fields` grammar: `*` first and then only fields to leave out, `_`
    first and then only fields to add, or any mix of both without either.
    """
    name = "(?:" + "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))) + ")"
    item = f"-?{name}"
    if allow_star:
        return f"^(?:\\*(?:,-{name})*|_(?:,{name})*|{item}(?:,{item})*)?$"
    return f"^(?:{item}(?:,{item})*)?$"  # empty: the default order


def fields_param(viewset, listing):
    names = viewset.documented_fields(listing)
    description = (
        "Comma-separated fields to add: `*` (first) for all, `_` (first) for none, `-name` to leave one "
        "out. Any field of the endpoint may be named; a field the item's type does not have"
        + (" or that only details give" if listing else "")
        + " is left out of the answer."
    )
    return param("fields", description, {"type": "string", "pattern": names_pattern(names, allow_star=True)})


ID = param(
    "id", "The item's id.", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, required=True, where="path"
)
ERRORS = {
    "400": {
        "description": "A parameter is wrong; the message names it.",
        "content": {"application/json": {"schema": ref("Error")}},
    },
    "404": {
        "description": "Not found (or not public).",
        "content": {"application/json": {"schema": ref("Error")}},
    },
}


def ok(schema_name, description="OK"):
    return {
        "200": {"description": description, "content": {"application/json": {"schema": schema_name}}},
        **ERRORS,
    }


def endpoint_pair(name, item, summary, extra_params=(), detail_params=()):
    viewset = api_router._endpoints[name]  # Wagtail's router has no public lookup by name
    return {
        f"/api/v2/{name}/": {
            "get": {
                "operationId": f"list_{name}",
                "summary": summary,
                "parameters": [LIMIT, OFFSET, fields_param(viewset, listing=True), *extra_params],
                "responses": ok(listing(item)),
            }
        },
        f"/api/v2/{name}/{{id}}/": {
            "get": {
                "operationId": f"get_{name}",
                "summary": f"One of {summary.lower()}",
                "parameters": [ID, fields_param(viewset, listing=False), *detail_params],
                "responses": ok(ref(item)),
            }
        },
    }


def document():
    paths = {}
    paths.update(
        endpoint_pair(
            "pages",
            "Page",
            "Live, public pages in both languages",
            [
                param(
                    "type",
                    "Page type; its fields become available to `fields`.",
                    {"type": "string", "enum": SitePagesAPIViewSet.page_types()},
                ),
                LOCALE,
                param(
                    "child_of", "Id of the parent page.", {"type": "integer", "minimum": 1, "maximum": MAX_ID}
                ),
                param(
                    "descendant_of",
                    "Id of an ancestor page.",
                    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                ),
                param(
                    "translation_of",
                    "Id of a page whose translations are wanted.",
                    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                ),
                param(
                    "order",
                    "Fields to order by, comma-separated, `-field` for descending (also while searching).",
                    {"type": "string", "pattern": names_pattern(SitePagesAPIViewSet.documented_order_fields)},
                ),
                param(
                    "search",
                    "Full-text search over the words of the term (a term without words finds nothing).",
                ),
            ],
        )
    )
    paths["/api/v2/pages/find/"] = {
        "get": {
            "operationId": "find_page",
            "summary": "Redirect to the page with this URL path (language prefix included)",
            "parameters": [
                param(
                    "html_path",
                    "A reader's path, e.g. `/en/news/` or `/de/termine/`.",
                    {"type": "string", "pattern": "^/*[^/ \\u0000][^\\u0000]*$"},
                    required=True,
                )
            ],
            "responses": {
                "302": {
                    "description": "Redirect to the page's detail URL.",
                    "headers": {"Location": {"schema": STRING}},
                },
                **ERRORS,
            },
        }
    }
    paths.update(endpoint_pair("images", "ImageItem", "Images (with alt text and credit)"))
    paths.update(endpoint_pair("documents", "DocumentItem", "Documents outside private collections"))
    paths.update(
        endpoint_pair(
            "site_settings", "SiteSettings", "Organisation, contact and footer per language", [LOCALE]
        )
    )
    paths.update(endpoint_pair("topics", "Topic", "Topics", [LOCALE]))
    paths.update(endpoint_pair("committees", "Committee", "Committees", [LOCALE]))
    paths.update(endpoint_pair("venues", "Venue", "Venues", [LOCALE]))
    occurrence_params = [
        param("start", "First day (YYYY-MM-DD, years 1900 to 2999).", DATE_PARAM, required=True),
        param(
            "end",
            "Last day (YYYY-MM-DD), included. A range that ends before it starts has no meetings.",
            DATE_PARAM,
            required=True,
        ),
        param("committee", "Slug of a committee (any language); an unknown slug has no meetings."),
        LOCALE,
        param(
            "status",
            "Only meetings with this status.",
            {"type": "string", "enum": ["scheduled", "cancelled", "moved"]},
        ),
        LIMIT,
        OFFSET,
    ]
    paths["/api/v2/occurrences/"] = {
        "get": {
            "operationId": "list_occurrences",
            "summary": "Meetings in a date range",
            "parameters": occurrence_params,
            "responses": ok(listing("Occurrence")),
        }
    }
    paths["/api/v2/occurrences/{id}/"] = {
        "get": {
            "operationId": "get_occurrence",
            "summary": "One meeting",
            "parameters": [ID, LOCALE],
            "responses": ok(ref("Occurrence")),
        }
    }
    unauthorized = {
        "description": "A token is missing, malformed or revoked.",
        "content": {"application/json": {"schema": ref("Error")}},
    }
    paths["/api/v2/meeting_papers/"] = {
        "get": {
            "operationId": "list_meeting_papers",
            "summary": "Papers of the token holder's committees (members only)",
            "security": [{"memberToken": []}],
            "parameters": [
                LIMIT,
                OFFSET,
                param("committee", "Slug of a committee; an unknown slug has no papers."),
            ],
            "responses": {**ok(listing("MeetingPaper")), "401": unauthorized},
        }
    }
    paths["/api/v2/meeting_papers/{id}/"] = {
        "get": {
            "operationId": "get_meeting_paper",
            "summary": "One paper (members only)",
            "security": [{"memberToken": []}],
            "parameters": [ID],
            "responses": {**ok(ref("MeetingPaper")), "401": unauthorized},
        }
    }
    paths["/api/v2/page_preview/"] = {
        "get": {
            "operationId": "preview_page",
            "summary": "The draft an editor previews (headless preview)",
            "parameters": [
                param(
                    "token",
                    "The signed token from the admin's preview link (valid for one hour).",
                    required=True,
                )
            ],
            "responses": {
                **ok(ref("Page")),
                "401": {
                    "description": "The token is missing, forged or expired.",
                    "content": {"application/json": {"schema": ref("Error")}},
                },
            },
        }
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Städtetag API",
            "version": "2",
            "description": "Read-only JSON API (Wagtail API v2 with our additions). See docs/api.md.",
        },
        "servers": [{"url": settings.WAGTAILAPI_BASE_URL}],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "memberToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A member's API token (members' area → API access). With it, the pages "
                    "endpoint also gives what that member may see (circulars, members-only meetings).",
                }
            },
        },
    }


@cache_control(public=True, max_age=300)
def openapi_view(request):
    spec = document()
    spec["servers"] = [{"url": request.build_absolute_uri("/").rstrip("/")}]
    return JsonResponse(spec, json_dumps_params={"ensure_ascii": False, "indent": 2})
