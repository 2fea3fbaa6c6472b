"""An OParl client for the tests: it follows the interface from the System object as a crawler would,
and checks every object against the specification's schemas (a copy in tests/oparl_spec/schema), including
OParl's own keywords (`references`: the URL leads to an object of that type, or to an external list;
`schema`: an embedded object of that type), and the JSON rules of 2-04 (no null, dates and times)."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema_rs
from django.test import Client

# OParl 1.1.1's schemas, kept in the repository with their licence (tests/oparl_spec/README.md).
SCHEMAS = Path(__file__).resolve().parent.parent / "oparl_spec" / "schema"
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
DATE_TIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$")
TYPE = re.compile(r"^https://schema\.oparl\.org/1\.1/([A-Za-z]+)$")


def schema(name):
    return json.loads((SCHEMAS / f"{name}.json").read_text())


class Crawler:
    def __init__(self, client=None):
        self.client = client or Client()
        self.objects = {}  # id -> object as fetched at its own URL
        self.listed = {}  # id -> object as a list showed it
        self.lists = {}  # list URL -> every entry of every page
        self.texts = []  # every answer, to search for what must not appear
        self.validators = {}

    def get(self, url):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = self.client.get(path)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        assert response["Content-Type"].startswith("application/json"), url
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert not response.cookies, url
        text = response.content.decode("utf-8")
        assert not text.startswith("\ufeff")
        self.texts.append(text)
        return json.loads(text)

    def validate(self, data, type_name, where):
        if type_name not in self.validators:
            self.validators[type_name] = jsonschema_rs.validator_for(schema(type_name))
        errors = [str(e) for e in self.validators[type_name].iter_errors(data)]
        assert not errors, (where, type_name, errors[:3], data)
        assert TYPE.match(data["type"]).group(1) == type_name, (where, data["type"])
        if data.get("deleted"):
            assert set(data) == {"id", "type", "created", "modified", "deleted"}, data
            return
        self.check_values(data, schema(type_name), where)

    def check_values(self, data, spec, where):
        for name, value in data.items():
            assert value is not None, (where, name, "null")
            if value in ("", []) and name not in spec.get("required", []) and name != "legislativeTerm":
                raise AssertionError((where, name, "empty value given"))
            prop = spec["properties"].get(name)
            assert prop is not None, (where, name, "not in the schema")
            form = prop.get("format") or prop.get("items", {}).get("format")
            if form == "date-time":
                assert DATE_TIME.match(value), (where, name, value)
            elif form == "date":
                assert DATE.match(value), (where, name, value)
            embedded = prop.get("schema") or (
                prop.get("items", {}).get("schema") if prop.get("type") == "array" else None
            )
            if embedded:
                for item in value if isinstance(value, list) else [value]:
                    self.validate(item, embedded.removesuffix(".json"), f"{where}.{name}")
            reference = prop.get("references")
            if reference == "externalList":
                self.crawl_list(value, prop["items"]["schema"].removesuffix(".json"))
            elif reference:
                for url in value if isinstance(value, list) else [value]:
                    self.fetch(url, reference)

    def fetch(self, url, type_name):
        if url not in self.objects:
            self.objects[url] = None  # being fetched (objects refer to each other)
            data = self.get(url)
            assert data["id"] == url, (url, data["id"])
            self.validate(data, type_name, url)
            self.objects[url] = data
        return self.objects[url]

    def crawl_list(self, url, type_name):
        if url in self.lists:
            return self.lists[url]
        self.lists[url] = entries = []
        page, seen_pages = url, set()
        while page:
            assert page not in seen_pages, ("the list's pages go round in a circle", page)
            seen_pages.add(page)
            data = self.get(page)
            assert set(data) >= {"data", "pagination", "links"}, page
            for entry in data["data"]:
                self.validate(entry, type_name, page)
                entries.append(entry)
                self.listed[entry["id"]] = entry
            pagination = data["pagination"]
            assert pagination["totalElements"] >= len(entries)
            page = data["links"].get("next")
            if page is None:
                assert pagination["currentPage"] == pagination["totalPages"], page
        assert len(entries) == data["pagination"]["totalElements"], url
        ids = [entry["id"] for entry in entries]
        assert len(ids) == len(set(ids)), ("an object twice in one list", url)
        for entry in entries:  # each object at its own URL is the one the list showed
            fetched = self.fetch(entry["id"], type_name)
            if fetched is not None:
                assert fetched == entry, entry["id"]
        return entries

    def crawl(self, start="/oparl/1.1/system"):
        system = self.get(start)
        self.validate(system, "System", start)
        return system
