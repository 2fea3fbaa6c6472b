"""No 5xx, ever: every public route and every parameter, with a corpus of hostile values.

Over ten thousand requests, each answered in-process; any 5xx fails the test with the request that
caused it. Runs on SQLite and on PostgreSQL (CI runs the suite on both), where NUL characters and
out-of-range numbers used to become database errors.
"""

import itertools
from urllib.parse import quote

import pytest
from django.test import Client

from tests import factories

# Every parameter that a reader's page or an API endpoint reads, sent to every route.
PARAMETERS = [
    "page",
    "q",
    "kind",
    "year",
    "topic",
    "committee",
    "place",
    "month",
    "locale",
    "type",
    "fields",
    "limit",
    "offset",
    "order",
    "search",
    "child_of",
    "descendant_of",
    "translation_of",
    "html_path",
    "id",
    "start",
    "end",
    "status",
    "token",
]

HOSTILE = [
    "",
    " ",
    "-1",
    "0",
    "1",
    "99999999999999999999999",
    "2147483648",
    "1e400",
    "NaN",
    "²",
    "①",
    "٣",
    "１２",
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m",
    "\r\n",
    "\u202e\u200f",
    "\ufeff",
    "\udcff",
    "ä€𝄞🙂",
    "' OR '1'='1' --",
    '"; DROP TABLE wagtailcore_page; --',
    ".*+?^${}()|[]\\",
    "(((((((((a)))))))))",
    "%",
    "%%32%30",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "x" * 5000,
    "null",
    "*",
    "-title",
    "title,-title,*",
    "id,",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "2026-13",
    "-0",
    "de,en",
]

# Raw query strings that no encoder produces: broken percent-encodings, repeated and array parameters.
RAW_QUERIES = [
    "page=%",
    "q=%G1%ZZ",
    "q=%C0%AF%ED%A0%80",
    "limit=1&limit=2&limit=%C2%B2",
    "fields[]=title&fields[]=id",
    "type[]=articles.ArticlePage",
    "committee=a&committee=%00",
    "start=2026-01-01&start=x&end=2026-02-01",
    "&&&==&=",
    "a" * 3000 + "=1",
    "%00=1",
    "q=" + "%FF" * 500,
]

PATH_SUFFIXES = ["%00/", "%C2%B2/", "%E2%91%A0/", "..%2F..%2F/", "x" * 300 + "/", "null%2Cnull/", "-1/", "0/"]


VALUES_PER_PARAMETER = 11


def requests_for(routes):
    """(path, raw query string) pairs: every route x every parameter x hostile values, and more.

    Each (route, parameter) pair gets VALUES_PER_PARAMETER values of the corpus, taken in turn, so
    that across the routes every value reaches every parameter while the run stays near 10,000
    requests (each page is rendered in full).
    """
    turn = itertools.cycle(HOSTILE)
    for route in routes:
        path, _, base_query = route.partition("?")
        prefix = base_query + "&" if base_query else ""
        for name in PARAMETERS:
            for value in itertools.islice(turn, VALUES_PER_PARAMETER):
                yield path, prefix + f"{quote(name)}={quote(value, safe='', errors='surrogatepass')}"
        for raw in RAW_QUERIES:
            yield path, prefix + raw
        if not path.startswith("/healthz"):
            for suffix in PATH_SUFFIXES:
                yield path + suffix, base_query


@pytest.fixture
def public(site, settings):
    # With the page cache on, as in production: its keys and parts see the hostile input too, and
    # the parts every page shares (menu, footer, boxes) are rendered once, which keeps the run short.
    settings.PAGE_CACHE_ENABLED = settings.PART_CACHE_ENABLED = True
    return factories.make_public_site(site)


CHUNKS = 4  # the battery runs as four tests, so that parallel test workers share it


@pytest.mark.django_db
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_ten_thousand_malformed_requests_get_no_server_error(public, chunk):
    client = Client(raise_request_exception=False)
    everything = list(requests_for(factories.public_routes(public)))
    assert len(everything) >= 10_000
    requests = everything[chunk::CHUNKS]
    failures = []
    statuses = {}
    for path, query in requests:
        response = client.get(path, QUERY_STRING=query)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            failures.append((response.status_code, path, query[:120]))
        elif path.startswith("/api/") and response.status_code >= 400:
            # Every API error is JSON with a message, as documented.
            assert response["Content-Type"].startswith("application/json"), (path, query[:120])
            assert "message" in response.json(), (path, query[:120])
    assert failures == [], f"{len(failures)} server errors, e.g. {failures[:10]}"
    # The corpus reached the views: most requests were answered, many of them as bad input.
    assert statuses.get(200, 0) > 3000 / CHUNKS and statuses.get(400, 0) > 1000 / CHUNKS, statuses
