"""The API's contract as an OpenAPI 3 document, served at /api/v2/openapi.json.

Written out rather than generated: Wagtail's API v2 has no schema support (Wagtail issue 6209), and
the shapes that matter to a frontend (StreamField blocks, images with credit, occurrences) are ours.
Each app describes its own endpoints and shapes beside its serializers (an `OPENAPI` contribution
in its api.py); this module has the building blocks, what every endpoint shares (pages, images,
documents, errors) and the assembly. CI checks every response of a live demo server against it with
schemathesis.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from wagtail.models import Page

from .inputs import MAX_ID

DATE_PARAM = {"type": "string", "format": "date", "pattern": "^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    """`schema` or null, written as OpenAPI 3.0 tools read it.

    3.0 ignores every keyword beside a `$ref`, so a nullable reference is `allOf: [$ref]` with
    `nullable`; an enum lists null too, because the enum is checked after `nullable` admits it.
    """
    if "$ref" in schema:
        return {"allOf": [schema], "nullable": True}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None], "nullable": True}
    return {**schema, "nullable": True}


STRING = {"type": "string"}
# Query text: any string without NUL, which every route answers with a 400 (PostgreSQL cannot
# store or compare it; core.middleware). Declared, so that a client's generator knows it too.
QUERY_TEXT = {"type": "string", "pattern": "^[^\\u0000]*$"}
INTEGER = {"type": "integer"}
URL = {"type": "string", "format": "uri"}
DATETIME = {"type": "string", "format": "date-time"}
LANGUAGE = {"type": "string", "enum": ["de", "en"]}

FILE_META = {
    "type": "object",
    "properties": {
        "type": STRING,
        "detail_url": URL,
        "tags": {"type": "array", "items": STRING},
        "download_url": STRING,
    },
}


@dataclass
class Contract:
    """What one app adds to the document: its shapes, the fields its page types add to `Page`, its
    endpoints (`paths(router)` -> {path: operations}), and the security schemes they use."""

    schemas: dict = field(default_factory=dict)
    page_properties: dict = field(default_factory=dict)
    # Where one name means different things on different page types: {"app.Model": {name: schema}}.
    page_type_properties: dict = field(default_factory=dict)
    paths: object = None
    security_schemes: dict = field(default_factory=dict)
    # Items whose properties the client chooses with `fields` (any may be left out, even `id`).
    selectable: tuple = ()


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
            "locale": LANGUAGE,
            "show_in_menus": {"type": "boolean"},
            "seo_title": STRING,
            "search_description": STRING,
            "alias_of": nullable(ref("PageRef")),
            "parent": nullable(ref("PageRef")),
            "translations": {"type": "array", "items": ref("Translation")},
        },
    },
    "PageRef": {
        "type": "object",
        "description": "Another page: its parent, or the page it is an alias of.",
        "required": ["id", "meta", "title"],
        "properties": {
            "id": INTEGER,
            "meta": {
                "type": "object",
                "required": ["type", "detail_url"],
                "properties": {"type": STRING, "detail_url": URL, "html_url": nullable(URL)},
            },
            "title": STRING,
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
        "properties": {"id": INTEGER, "meta": FILE_META, "title": STRING},
    },
    "SnippetMeta": {
        "type": "object",
        "required": ["type", "detail_url", "locale"],
        "properties": {"type": STRING, "detail_url": URL, "locale": LANGUAGE},
    },
    "PageLink": {
        "type": "object",
        "required": ["id", "url", "locale"],
        "properties": {"id": INTEGER, "url": nullable(URL), "locale": STRING},
    },
}
SELECTABLE = ("PageMeta", "ImageItem", "DocumentItem", "SnippetMeta")


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
LOCALE = param("locale", "Language of the items.", LANGUAGE)
PAGE_ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


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


def filter_params(viewset):
    """The listing's field filters, as core.api_filters reads them: one parameter per name. On the
    pages endpoint a filter of some page types only says which (`x-page-types`: give one of them as
    `type`); the others (`title`, `slug`, ...) work with any `type` or none."""
    filters_of = getattr(viewset, "field_filters", None)
    if filters_of is None:
        return []
    served = viewset.served_models() if hasattr(viewset, "served_models") else [viewset.model]
    everywhere = set(filters_of(viewset.model))
    by_name = {}
    for model in served:
        for name, found in filters_of(model).items():
            by_name.setdefault(name, []).append((model, found))
    params = []
    for name in sorted(by_name):
        entries = by_name[name]
        schemas = []
        for _model, found in entries:
            if found.schema() not in schemas:
                schemas.append(found.schema())
        if len(schemas) == 1:
            schema = schemas[0]
        elif all("enum" in s for s in schemas):
            schema = {"type": "string", "enum": sorted({value for s in schemas for value in s["enum"]})}
        else:
            schema = {"anyOf": schemas}
        descriptions = list(dict.fromkeys(found.description() for _model, found in entries))
        entry = param(name, " ".join(descriptions), schema)
        if entries[0][1].many:
            entry.update(style="form", explode=False)
        if all(found.any_language for _model, found in entries):
            entry["x-any-language"] = True  # German and English ids (or slugs) select the same
        if name not in everywhere:
            types = sorted({f"{m._meta.app_label}.{m.__name__}" for m, _found in entries})
            entry["description"] = f"With `type` {' or '.join(types)}: {entry['description']}"
            entry["x-page-types"] = types
        params.append(entry)
    return params


ID = param("id", "The item's id.", PAGE_ID, required=True, where="path")
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
UNAUTHORIZED = {
    "description": "A token is missing, malformed or revoked.",
    "content": {"application/json": {"schema": ref("Error")}},
}


def ok(schema_name, description="OK"):
    return {
        "200": {"description": description, "content": {"application/json": {"schema": schema_name}}},
        **ERRORS,
    }


def endpoint_pair(router, name, item, summary, extra_params=(), detail_params=()):
    """A listing and its detail, as Wagtail's router serves every endpoint."""
    viewset = router._endpoints[name]  # Wagtail's router has no public lookup by name
    return {
        f"/api/v2/{name}/": {
            "get": {
                "operationId": f"list_{name}",
                "summary": summary,
                "parameters": [
                    LIMIT,
                    OFFSET,
                    fields_param(viewset, listing=True),
                    *extra_params,
                    *filter_params(viewset),
                ],
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


def order_names(pages):
    names = set()
    for model in pages.served_models():
        names.update(pages.order_fields(model))
    return names


def page_paths(router):
    """The pages endpoint, find, images, documents and the headless preview."""
    pages = router._endpoints["pages"]
    paths = endpoint_pair(
        router,
        "pages",
        "Page",
        "Live, public pages in both languages",
        [
            param(
                "type",
                "Page type; its fields become available to `fields`.",
                {"type": "string", "enum": pages.page_types()},
            ),
            LOCALE,
            param("child_of", "Id of the parent page.", PAGE_ID),
            param("descendant_of", "Id of an ancestor page.", PAGE_ID),
            param("ancestor_of", "Id of a page whose ancestors are wanted (a breadcrumb).", PAGE_ID),
            param("translation_of", "Id of a page whose translations are wanted.", PAGE_ID),
            param(
                "order",
                "Fields to order by, comma-separated, `-field` for descending: "
                + ", ".join(f"`{name}`" for name in pages.documented_order_fields)
                + " for any type (also while searching); with `type`, that type's fields too, e.g. "
                "`type=articles.ArticlePage&order=-date`.",
                {"type": "string", "pattern": names_pattern(order_names(pages))},
            ),
            param(
                "search", "Full-text search over the words of the term (a term without words finds nothing)."
            ),
        ],
    )
    paths["/api/v2/pages/find/"] = {
        "get": {
            "operationId": "find_page",
            "summary": "Redirect to the page with this URL path (language prefix included)",
            "parameters": [
                param(
                    "html_path",
                    "A reader's path, e.g. `/en/news/` or `/de/termine/`.",
                    {
                        "type": "string",
                        "pattern": "^[/ ]*[^/ \\u0000][^\\u0000]*$",
                    },  # not only slashes and blanks
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
    paths.update(endpoint_pair(router, "images", "ImageItem", "Images (with alt text and credit)"))
    paths.update(endpoint_pair(router, "documents", "DocumentItem", "Documents outside private collections"))
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
    return paths


PAGES = Contract(paths=page_paths, selectable=SELECTABLE)


def page_type_schemas(pages, properties, type_properties):
    """One schema per page type (with its own meta, whose `type` names it) and `Page`, any of them.

    A page's fields depend on its type, so that one flat type with every field optional tells a
    client nothing. OpenAPI 3.0's discriminator can only name a property of the item itself, and the
    type is in `meta`; but since each type's `meta.type` has a single value, an answer matches the
    schema of its own type, and generated clients pick that one (they try the members in order).
    """
    schemas, members = {}, []
    for model in sorted(set(pages.served_models()), key=lambda m: (m is not Page, m._meta.label)):
        label = f"{model._meta.app_label}.{model.__name__}"
        name = "GenericPage" if model is Page else model.__name__
        if name in schemas:
            raise ValueError(f"two page types would both be described as {name}")
        own = type_properties.get(label, {})
        meta = dict(SCHEMAS["PageMeta"]["properties"])
        meta["type"] = {"type": "string", "enum": [label]}
        schemas[f"{name}Meta"] = {"type": "object", "properties": meta}
        schemas[name] = {
            "type": "object",
            "description": f"A page of type {label}.",
            "properties": {
                "id": INTEGER,
                "meta": ref(f"{name}Meta"),
                **{
                    field_name: own.get(field_name, properties.get(field_name, {}))
                    for field_name in pages.get_body_fields_names(model)
                    if field_name != "id"
                },
            },
        }
        members.append(ref(name))
    schemas["Page"] = {
        "description": "A page of any type; its `meta.type` says which (`fields=*` lists all of a type's fields).",
        "anyOf": members,
    }
    return schemas, [name for name in schemas if name != "Page"]


def document(router, contracts):
    """The whole document from what core and each app contribute."""
    schemas = {name: {**schema, "properties": dict(schema["properties"])} for name, schema in SCHEMAS.items()}
    paths, security, selectable = {}, {}, []
    page_properties = {"title": STRING}
    type_properties = {}
    for contract in [PAGES, *contracts]:
        schemas.update(contract.schemas)
        page_properties.update(contract.page_properties)
        for label, found in contract.page_type_properties.items():
            type_properties.setdefault(label, {}).update(found)
        if contract.paths is not None:
            paths.update(contract.paths(router))
        security.update(contract.security_schemes)
        selectable.extend(contract.selectable)
    page_schemas, page_selectable = page_type_schemas(
        router._endpoints["pages"], page_properties, type_properties
    )
    schemas.update(page_schemas)
    selectable.extend(page_selectable)
    for name in selectable:
        schemas[name] = {key: value for key, value in schemas[name].items() if key != "required"}
        schemas[name]["description"] = (
            schemas[name].get("description", "") + " Which properties are present depends on `fields`."
        ).strip()
    return {
        "openapi": "3.0.3",
        "info": {
            # Generators name the client package after the title: ASCII, so that it is importable.
            "title": "Staedtetag API",
            "version": "2",
            "description": "Read-only JSON API of the Städtetag site (Wagtail API v2 with our additions). "
            "See docs/api.md.",
            "x-package-name": "staedtetag_api_client",
        },
        "servers": [{"url": settings.WAGTAILAPI_BASE_URL}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": security},
    }


def openapi_view(router, contracts):
    """The view that serves the document, with the host the client asked as its server."""

    @cache_control(public=True, max_age=300)
    def view(request):
        spec = document(router, contracts)
        spec["servers"] = [{"url": request.build_absolute_uri("/").rstrip("/")}]
        return JsonResponse(spec, json_dumps_params={"ensure_ascii": False, "indent": 2})

    return view
