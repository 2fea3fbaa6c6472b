"""A synchronising OParl client for the tests, as the importers that mirror a body's data work
(meine-stadt-transparent's `import_update`): a full import from the System object, then, on every
later run, only what the Body's lists give with `modified_since` the start of the last run.

It keeps every object by its id, those in lists and those embedded in others (a meeting's agenda
items, location and files; a person's memberships; a paper's main file). An object that a list gives
as deleted is dropped, and with it what it embedded, each asked for again at its own URL; an object
that its parent no longer embeds is asked for at its URL too, and is dropped if it answers as
deleted. Every one of those must answer 200: a 404 is where real importers crashed.

Two imports of the same state are equal, so a mirror kept up to date must equal a fresh full import.
"""

import datetime
import json
from urllib.parse import quote, urlsplit

from django.test import Client
from django.utils import timezone

from tests.members.oparl_client import schema

SYSTEM = "/oparl/1.1/system"
TYPE_PREFIX = "https://schema.oparl.org/1.1/"


def embedded_properties(type_name, cache={}):  # noqa: B006  (the schemas do not change)
    """The properties of a type whose values are objects (not URLs of objects)."""
    if type_name not in cache:
        properties = schema(type_name)["properties"]
        cache[type_name] = {
            name: (spec.get("schema") or spec.get("items", {}).get("schema", "")).removesuffix(".json")
            for name, spec in properties.items()
            if spec.get("schema") or (spec.get("type") == "array" and spec.get("items", {}).get("schema"))
            if spec.get("references") != "externalList"
        }
    return cache[type_name]


def embedded(data):
    """The objects embedded in an object, at any depth below it."""
    found = []
    for name in embedded_properties(data["type"].removeprefix(TYPE_PREFIX)):
        value = data.get(name)
        for child in value if isinstance(value, list) else [value] if value else []:
            found.append(child)
            found += embedded(child)
    return found


class Mirror:
    def __init__(self, client=None):
        self.client = client or Client()
        self.objects = {}  # id -> the object as last received, live objects only
        self.since = None  # the start of the last run, as the next run asks for what changed since
        self.requests = 0
        self.run = {}  # id -> object, received in this run: twice received, it must be the same

    def get(self, url):
        parts = urlsplit(url)
        response = self.client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        self.requests += 1
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return json.loads(response.content)

    def store(self, data):
        """Keep an object and what it embeds; what it embedded before and no longer does is asked
        for at its own URL (it may be deleted, or live elsewhere)."""
        if data["id"] in self.run:
            assert self.run[data["id"]] == data, ("one object, two answers in one run", data["id"])
        self.run[data["id"]] = data
        before = self.objects.get(data["id"])
        self.objects[data["id"]] = data
        children = embedded(data)
        for child in children:
            self.run.setdefault(child["id"], child)
            assert self.run[child["id"]] == child, ("one object, two answers in one run", child["id"])
            self.objects[child["id"]] = child
        if before is not None:
            now = {child["id"] for child in children}
            for url in sorted({child["id"] for child in embedded(before)} - now):
                self.refetch(url)

    def remove(self, url):
        """A deleted object goes, and what it embedded is asked for at its own URL."""
        before = self.objects.pop(url, None)
        for child in embedded(before) if before else []:
            self.refetch(child["id"])

    def refetch(self, url):
        if url in self.run and self.run[url] is not None:
            return
        data = self.get(url)
        assert data["id"] == url, (url, data["id"])
        if data.get("deleted"):
            self.run[url] = None
            self.remove(url)
        else:
            self.store(data)

    def walk(self, url, since=None):
        """Every entry of an external list, page after page."""
        if since is not None:
            url += ("&" if "?" in url else "?") + "modified_since=" + quote(since.isoformat())
        entries = []
        while url:
            page = self.get(url)
            entries += page["data"]
            url = page["links"].get("next")
        return entries

    def sync(self, since=None):
        start = timezone.localtime().replace(microsecond=0)
        self.run = {}
        system = self.get(SYSTEM)
        self.store(system)
        for body in self.walk(system["body"], since):
            if body.get("deleted"):
                self.remove(body["id"])
                continue
            self.store(body)
        for body in [o for o in self.objects.values() if o["type"] == TYPE_PREFIX + "Body"]:
            lists = [value for name, value in body.items() if name in BODY_LISTS]
            for url in lists:
                for entry in self.walk(url, since):
                    if entry.get("deleted"):
                        self.run[entry["id"]] = None
                        self.remove(entry["id"])
                    else:
                        self.store(entry)
        self.since = start
        return self

    def full_import(self):
        return self.sync()

    def update(self):
        # A client's clock and the server's agree to the second; it asks from a second before.
        return self.sync(self.since - datetime.timedelta(seconds=1))


BODY_LISTS = {
    name for name, spec in schema("Body")["properties"].items() if spec.get("references") == "externalList"
}


def differences(mirror, fresh):
    """What the mirror holds otherwise than a fresh import, readable in a failed assertion."""
    found = []
    for url in sorted(set(mirror.objects) | set(fresh.objects)):
        ours, theirs = mirror.objects.get(url), fresh.objects.get(url)
        if ours is None:
            found.append(("missing in the mirror", url))
        elif theirs is None:
            found.append(("still in the mirror", url))
        elif ours != theirs:
            changed = sorted(k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k))
            found.append(("differs", url, {k: (ours.get(k), theirs.get(k)) for k in changed}))
    return found
