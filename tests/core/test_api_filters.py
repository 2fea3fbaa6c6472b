"""API filters as a class (issue 26, items 6 and 7).

Every query parameter of every operation that /api/v2/openapi.json documents, and every parameter of
OParl's lists, gets values it cannot read (text for ids, lists with bad members, empty, huge numbers,
other scripts' digits, NUL): the answer is a 4xx in the interface's JSON error shape naming the
parameter, never a 500 or HTML. Values the document allows are never a 500 either. The parameters are
read from the document (and from OParl's own list of its parameters), so a new filter is covered
the moment it is documented.

Each filter selects the same objects in German and English: on a fully translated site (topics,
committees, venues, articles, meetings) the value an item shows in German selects with `locale=de`
what the value its translation shows selects with `locale=en`; a filter marked `x-any-language`
(an id of a topic, committee, venue or page; a committee's slug) selects the same with the other
language's value too.

Run on SQLite and on PostgreSQL: PostgreSQL refuses values SQLite takes (an id beyond the column).
"""

import datetime
import math
import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import URLPattern
from wagtail.models import Page

from calendar_app.models import Committee
from core.preview import make_token
from core.translation import translate
from members.oparl import lists as oparl_lists
from members.oparl import urls as oparl_urls
from tests import factories
from tests.members.helpers import token_for

# Values a client may send by mistake (or on purpose), by what the parameter takes: each is checked
# against the parameter's schema; those the schema refuses must be a 4xx naming the parameter, the
# others must not fail.
COMMON = ["", "x", "\x00", "1\x00", "%00", "²", "Städtetag 😀"]
NUMBERS = [
    "soziales",
    "1,x",
    "x,1",
    ",",
    "1,,2",
    "1,",
    "-1",
    "0",
    "1",
    "+1",
    "1.5",
    "1e3",
    " 1",
    "2147483647",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "99999999999999999999",
    "1,99999999999999999999",
    "١",
    "１",
]
DATES = [
    "２０２５-01-01",
    "2025",
    "2025-13-01",
    "2025-02-30",
    "0001-01-01",
    "1900-01-01",
    "2999-12-31",
    "3000-01-01",
    "2016-03-02",
    "2025-01-01T10:00:00",
    "2025-01-01T10:00:00+01:00",
    "2025-01-01T10:00:00.123456Z",
    "0001-01-01T00:00:00Z",
    "10:00",
    "10:00:00",
    "25:00",
    "1,x",
]
WORDS = ["true", "false", "1", "0", "yes", "statement", "-1", "1,x", "99999999999999999999", "ü", "a" * 3000]


def battery(schema):
    """The values worth trying on a parameter with this schema."""
    kind = schema.get("type") or schema.get("anyOf", [{}])[0].get("type")
    if kind in ("integer", "array"):
        return COMMON + NUMBERS
    if "format" in schema or "pattern" in schema and ":" in schema["pattern"]:
        return COMMON + DATES
    if "enum" in schema or kind == "boolean" or schema.get("pattern", "^[^\\u0000]*$") != "^[^\\u0000]*$":
        return COMMON + WORDS
    return [*COMMON, "ü", "a" * 3000]  # any text without NUL


# The values a required parameter takes while another one is tried.
REQUIRED = {"start": "2026-01-01", "end": "2026-12-31", "html_path": "/de/"}
RANGE = {"start": "2026-01-01", "end": "2026-12-31"}


def valid(schema, value):
    """Whether the schema allows `value` as the query string gives it (OpenAPI style form)."""
    if "anyOf" in schema:
        return any(valid(option, value) for option in schema["anyOf"])
    kind = schema.get("type")
    if kind == "array":
        parts = value.split(",")
        return len(parts) >= schema.get("minItems", 0) and all(valid(schema["items"], p) for p in parts)
    if "enum" in schema:
        return value in [str(option) for option in schema["enum"]]
    if kind == "integer":
        if not re.fullmatch(r"-?[0-9]+", value):
            return False
        return schema.get("minimum", -math.inf) <= int(value) <= schema.get("maximum", math.inf)
    if kind == "boolean":
        return value in ("true", "false")
    if len(value) < schema.get("minLength", 0):
        return False
    if "pattern" in schema and not re.search(schema["pattern"], value):
        return False
    try:
        if schema.get("format") == "date":
            datetime.date.fromisoformat(value)
        elif schema.get("format") == "date-time":
            datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


@pytest.fixture
def translated(world):
    """The members' world (a public site, committee X, papers, a circular) with every public page,
    topic, committee and venue in German and English, and a second topic, committee and article."""
    public, site = world.public, world.public.site
    finance = factories.make_topic(site, "Finanzen", "finanzen", "Finance", "finance")
    image = factories.make_image("Rathaus")
    image.tags.add("rathaus", "foto")
    document = factories.make_document("Haushaltsplan")
    document.tags.add("haushalt")
    both = factories.make_article(
        public.news,
        "Kommunalfinanzen stärken",
        topics=[public.topic, finance],
        kind="position_paper",
        date=datetime.date(2020, 5, 4),
        lead_image=image,
        slug="kommunalfinanzen",
    )
    committee = factories.make_committee(site, "Finanzausschuss", "finanzausschuss", "committee", finance)
    online = factories.make_series(
        public.events,
        committee,
        "Sitzung des Finanzausschusses",
        start_date=datetime.date(2026, 6, 9),
        start_time=(14, 0),
        end_time=(16, 30),
        online_mode="video",
        slug="finanzausschuss-juni",
    )
    for page, strings in (
        (both, {"Kommunalfinanzen stärken": "Strengthen municipal finance"}),
        (Page.objects.get(slug="haushalt").specific, {"Haushalt 2026": "Budget 2026"}),
        (public.single, {"Klausurtagung": "Retreat"}),
        (online, {"Sitzung des Finanzausschusses": "Finance committee meeting"}),
    ):
        strings = {**strings, page.slug: page.slug + "-en"}
        if hasattr(page, "teaser"):
            strings[page.teaser] = "Summary: " + strings[page.title]
        translate(page, site.en, strings)
    insider = world.visitors["insider"]
    return factories.SimpleNamespace(world=world, token=token_for(insider), committee=committee)


def spec(client):
    return client.get("/api/v2/openapi.json").json()


def operations(document):
    for path, item in document["paths"].items():
        if "get" in item:
            yield path, item["get"]


def first_id(client, listing, query, headers):
    data = client.get(listing, query, **headers).json()
    return data["items"][0]["id"]


@pytest.mark.django_db
def test_every_documented_parameter_refuses_what_it_cannot_read_with_json_naming_it(translated):
    client = Client()
    document = spec(client)
    token_header = {"HTTP_AUTHORIZATION": f"Bearer {translated.token}"}
    preview = make_token(translated.world.public.article)
    tried = 0

    def required(operation):
        found = {p["name"]: REQUIRED.get(p["name"]) for p in operation["parameters"] if p["in"] == "query"}
        found = {name: value for name, value in found.items() if name in REQUIRED or name == "token"}
        names = {p["name"] for p in operation["parameters"] if p["required"] and p["in"] == "query"}
        assert names <= set(found), f"a value for the required {names - set(found)} (REQUIRED above)"
        return {name: preview if name == "token" else value for name, value in found.items() if name in names}

    for path, operation in operations(document):
        headers = token_header if operation.get("security") else {}
        base = required(operation)
        url = path
        if "{id}" in path:
            listing = path.replace("{id}/", "")
            known = first_id(client, listing, required(document["paths"][listing]["get"]), headers)
            url = path.replace("{id}", str(known))
        assert client.get(url, base, **headers).status_code in (200, 302), path
        for parameter in operation["parameters"]:
            name, schema = parameter["name"], parameter["schema"]
            for value in battery(schema):
                query = dict(base)
                if name != "limit" and "limit" in {p["name"] for p in operation["parameters"]}:
                    query["limit"] = 1  # one item to serialise: the parameter is what is tried
                if parameter["in"] == "path":
                    target = path.replace("{id}", value.replace("/", ""))
                else:
                    target = url
                    query[name] = value
                    if parameter.get("x-page-types"):
                        query["type"] = parameter["x-page-types"][0]
                response = client.get(target + "?" + urlencode(query), **headers)
                where = (path, name, value[:40])
                assert response.status_code < 500, where
                assert response["Content-Type"].startswith("application/json"), where
                if valid(schema, value):
                    continue
                assert 400 <= response.status_code < 500, where
                if parameter["in"] == "query":
                    assert name in response.json()["message"], (where, response.json())
                tried += 1
    assert tried > 1000


OPARL = "/oparl/1.1/"
# What each of OParl's parameters can never read; the other values tried must not fail either.
OPARL_UNREADABLE = {
    "page": ["x", "", "0", "-1", "1.5", "+1", "²", "١", "99999999999999999999", "1,2", "\x00"],
    "limit": ["x", "", "0", "-1", "1.5", "²", "99999999999999999999", "\x00"],
    "omit_internal": ["x", "yes", "vielleicht", "2", "\x00"],
    **{
        name: ["x", "", "2025", "2025-13-01", "2025-02-30", "0001-01-01T00:00:00Z", "1,x", "²", "\x00"]
        for name in oparl_lists.FILTERS
    },
}


def oparl_addresses(committee):
    """Every address of the interface without an object's key, and a committee's meetings."""
    found = []
    for pattern in oparl_urls.urlpatterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLPattern) and "<" not in route and not route.startswith("^"):
            found.append(OPARL + route)
    return [*found, f"{OPARL}organization/{committee.translation_key}/meeting"]


@pytest.mark.django_db
def test_every_oparl_parameter_refuses_what_it_cannot_read_with_a_json_error_naming_it(translated):
    client = Client()
    assert set(OPARL_UNREADABLE) == oparl_lists.LIST_PARAMETERS  # a new parameter needs its values
    lists = 0
    for address in oparl_addresses(translated.world.committee):
        plain = client.get(address)
        assert plain.status_code == 200, address
        is_list = "pagination" in plain.json()
        lists += is_list
        names = oparl_lists.LIST_PARAMETERS if is_list else oparl_lists.OBJECT_PARAMETERS
        for name in names:
            kind = {"page": "integer", "limit": "integer", "omit_internal": "boolean"}.get(name)
            schema = {"type": kind} if kind else {"format": "date-time"}
            for value in dict.fromkeys(battery(schema) + OPARL_UNREADABLE[name]):
                query = {name: value}
                if is_list and name != "limit":
                    query["limit"] = "1"
                response = client.get(address + "?" + urlencode(query))
                where = (address, name, value[:40])
                assert response.status_code < 500, where
                assert response["Access-Control-Allow-Origin"] == "*", where
                if response.status_code == 301:  # a default written out (page=1): the list without it
                    assert response["Location"].startswith("http://testserver" + address), where
                    continue
                assert response["Content-Type"].startswith("application/json"), where
                data = response.json()
                if response.status_code >= 400:
                    assert data["type"] == "https://schema.oparl.org/1.1/Error", where
                if value in OPARL_UNREADABLE[name]:
                    assert response.status_code == 400, where
                    assert name in data["message"], (where, data)
    assert lists >= 8


# Parameters that select nothing by a value an item shows, and why they are not compared here.
NOT_SELECTIONS = {
    "limit": "paging",
    "offset": "paging",
    "fields": "chooses fields, not items",
    "order": "orders, selects nothing",
    "locale": "the language itself",
    "type": "the same value in both languages",
    "search": "words are a language's own (the search tests find each language's words)",
    "translation_of": "selects the other languages by definition",
    "ancestor_of": "selects the pages above a page, by no value those pages show",
    "alias_of": "aliases are not translated: an alias has no version in the other language",
    "start": "a range of days, the same in both languages",
    "end": "a range of days, the same in both languages",
}


def shown(name, item):
    """The value of `name` as the API shows it in a detail, written as a filter takes it."""
    if name in ("child_of", "descendant_of"):
        parent = item["meta"].get("parent")
        return str(parent["id"]) if parent else None
    value = item.get(name, item.get("meta", {}).get(name))
    if value is None or value == []:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return str(value.get("id", value.get("slug")))
    if isinstance(value, list):
        return ",".join(str(entry["id"]) for entry in value)
    return str(value)


def selected_keys(client, query):
    data = client.get("/api/v2/pages/", {**query, "limit": 100}).json()
    assert "items" in data, (query, data)
    assert data["meta"]["total_count"] <= 100
    ids = [item["id"] for item in data["items"]]
    return set(Page.objects.filter(pk__in=ids).values_list("translation_key", flat=True))


@pytest.mark.django_db
def test_each_filter_selects_the_same_in_german_and_english(translated):
    client = Client()
    document = spec(client)
    pages = {p["name"]: p for p in document["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    german = client.get("/api/v2/pages/", {"locale": "de", "limit": 100}).json()["items"]
    checked, types = set(), set()
    for item in german:
        detail = client.get(f"/api/v2/pages/{item['id']}/").json()
        page_type = detail["meta"]["type"]
        english_id = {t["locale"]: t["id"] for t in detail["meta"]["translations"]}.get("en")
        assert english_id, f"the fixture translates every page: {detail['meta']['html_url']}"
        english = client.get(f"/api/v2/pages/{english_id}/").json()
        types.add(page_type)
        for name, parameter in pages.items():
            if name in NOT_SELECTIONS or page_type not in parameter.get("x-page-types", [page_type]):
                continue
            value_de, value_en = shown(name, detail), shown(name, english)
            if value_de is None or value_en is None:
                continue
            base = {"type": page_type}
            in_german = selected_keys(client, {**base, "locale": "de", name: value_de})
            in_english = selected_keys(client, {**base, "locale": "en", name: value_en})
            where = (page_type, name, value_de, value_en)
            assert Page.objects.get(pk=item["id"]).translation_key in in_german, where
            assert in_german == in_english, where
            if parameter.get("x-any-language"):
                assert selected_keys(client, {**base, "locale": "en", name: value_de}) == in_german, where
                assert selected_keys(client, {**base, "locale": "de", name: value_en}) == in_german, where
            checked.add((page_type, name))
    assert {"articles.ArticlePage", "calendar_app.EventPage", "home.HomePage"} <= types
    # Every filter of every page type of the site was compared (or is listed above with its reason);
    # child_of and descendant_of only where the page's parent is a page of the API (not the root).
    for page_type in types:
        wanted = {
            name
            for name, parameter in pages.items()
            if name not in NOT_SELECTIONS and page_type in parameter.get("x-page-types", [page_type])
        }
        compared = {name for kind, name in checked if kind == page_type} | {"child_of", "descendant_of"}
        assert wanted <= compared, (page_type, wanted - compared)
    assert {"topics", "committee", "venue", "lead_image", "child_of"} <= {name for _kind, name in checked}


def occurrence_ids(client, query):
    data = client.get("/api/v2/occurrences/", {**RANGE, **query, "limit": 100}).json()
    assert data["meta"]["total_count"] <= 100
    return {item["id"] for item in data["items"]}


@pytest.mark.django_db
def test_occurrences_and_papers_select_the_same_in_german_and_english(translated):
    client = Client()
    document = spec(client)
    parameters = document["paths"]["/api/v2/occurrences/"]["get"]["parameters"]
    filters = [p for p in parameters if p["name"] not in NOT_SELECTIONS]
    assert {p["name"] for p in filters} == {"committee", "status"}
    german = client.get("/api/v2/occurrences/", {**RANGE, "locale": "de", "limit": 100}).json()["items"]
    assert german
    for item in german:
        english = client.get(f"/api/v2/occurrences/{item['id']}/", {"locale": "en"}).json()
        for parameter in filters:
            name = parameter["name"]
            value_de, value_en = shown(name, item), shown(name, english)
            in_german = occurrence_ids(client, {"locale": "de", name: value_de})
            assert item["id"] in in_german
            assert occurrence_ids(client, {"locale": "en", name: value_en}) == in_german, (name, value_en)
            if parameter.get("x-any-language"):
                assert value_de != value_en
                assert occurrence_ids(client, {"locale": "en", name: value_de}) == in_german
                assert occurrence_ids(client, {"locale": "de", name: value_en}) == in_german
    # The members' papers: a committee's slug in either language selects the same papers.
    headers = {"HTTP_AUTHORIZATION": f"Bearer {translated.token}"}
    committee = translated.world.committee
    english_slug = Committee.objects.get(
        translation_key=committee.translation_key, locale__language_code="en"
    ).slug
    papers = [
        {
            item["id"]
            for item in client.get("/api/v2/meeting_papers/", {"committee": slug}, **headers).json()["items"]
        }
        for slug in (committee.slug, english_slug)
    ]
    assert papers[0] and papers[0] == papers[1]


@pytest.mark.django_db
def test_a_filter_of_another_page_type_selects_nothing_and_its_value_is_still_read(demo):
    client = Client()
    series = client.get("/api/v2/pages/?type=calendar_app.EventPage")
    assert series.status_code == 200 and series.json()["meta"]["total_count"] > 0
    none = client.get("/api/v2/pages/?type=calendar_app.EventPage&kind=statement")
    assert none.status_code == 200 and none.json() == {"meta": {"total_count": 0}, "items": []}
    bad = client.get("/api/v2/pages/?type=calendar_app.EventPage&kind=soziales")
    assert bad.status_code == 400 and bad.json()["message"].startswith("kind:")
    unknown = client.get("/api/v2/pages/?type=calendar_app.EventPage&colour=blue")
    assert unknown.status_code == 400 and "colour" in unknown.json()["message"]
