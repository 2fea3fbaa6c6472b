"""What an address made up by a client costs: the render it saves against the memory its entry takes.

Every valid query string is an entry of its own in the page cache (in Redis, shared by every worker).
For each kind of address whose parameters a client chooses freely (a synchronising OParl client's
`modified_since`, an occurrences window, a search word) and for spellings that show the same answer
(`limit=101`, `page=01`, `page=x`), this asks N distinct addresses of the kind over HTTP, once with
the page cache off (the median time of one answer: what a hit saves) and once with it on (the keys and
bytes the N answers add to Redis: `MEMORY USAGE` of each entry, and Redis's own count with the
bookkeeping of tags). Needs a corpus in PostgreSQL (`bench/scale_bench.py` leaves one, or give
--build).

    .venv/bin/python bench/cache_entries_bench.py --database bench_scale
    .venv/bin/python bench/cache_entries_bench.py --database bench_entries --build --articles 3000 --series 150
"""

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402

from tests.live.servers import Gunicorn, ThrowawayRedis, free_port, get, manage, production_env  # noqa: E402

HEADERS = {"X-Forwarded-Proto": "https"}
SEARCH_WORDS = [
    "Haushalt",
    "Kita",
    "Klimaschutz",
    "Mobilität",
    "Wohnungsbau",
    "Digitalisierung",
    "Verwaltung",
    "Feuerwehr",
    "Gesundheit",
    "Pflege",
    "Kultur",
    "Energie",
    "Radverkehr",
    "Nahverkehr",
    "Steuern",
    "Gebühren",
    "Landtag",
    "Integration",
    "Schulbau",
    "Personal",
]


def kinds(count, today):
    """{label: [count addresses]}: each kind's addresses are distinct and valid (answered 200)."""

    def moment(i):
        # A synchronising client's last run: a different second for every client and run.
        value = datetime.datetime(today.year, today.month, today.day, 3, 0) - datetime.timedelta(
            minutes=17 * i
        )
        return urllib.parse.quote(value.strftime("%Y-%m-%dT%H:%M:%S") + "+01:00")

    words = [f"{a} {b}" for a in SEARCH_WORDS for b in SEARCH_WORDS if a != b]
    return {
        "OParl meetings, `page=N` (every page of the list)": [
            f"/oparl/1.1/body/1/meeting?page={i + 1}" for i in range(count)
        ],
        "OParl meetings, `modified_since=<a client's last sync>`": [
            f"/oparl/1.1/body/1/meeting?modified_since={moment(i)}" for i in range(count)
        ],
        "OParl meetings, `limit=101…` (the same page as without)": [
            f"/oparl/1.1/body/1/meeting?limit={101 + i}" for i in range(count)
        ],
        "OParl meetings, `page=01`, `page=001` … (page 1)": [
            f"/oparl/1.1/body/1/meeting?page={'0' * (i % 18 + 1)}1"
            + ["", "&omit_internal=false", "&omit_internal=0"][i // 18]
            for i in range(count)
        ],
        "occurrences API, a 90-day window from day N": [
            f"/api/v2/occurrences/?start={today + datetime.timedelta(days=i)}"
            f"&end={today + datetime.timedelta(days=i + 90)}&limit=100"
            for i in range(count)
        ],
        "occurrences API, `offset=N` beyond the end (empty)": [
            f"/api/v2/occurrences/?start={today}&end={today + datetime.timedelta(days=90)}&offset={100000 + i}"
            for i in range(count)
        ],
        "search, `q=<one word>`": [f"/de/suche/?q={urllib.parse.quote(w)}" for w in SEARCH_WORDS[:count]],
        "search, `q=<two words>`": [f"/de/suche/?q={urllib.parse.quote(w)}" for w in words[: min(count, 8)]],
        "search, `q=Haushalt&page=x1…` (page 1)": [f"/de/suche/?q=Haushalt&page=x{i}" for i in range(count)],
        "news, `page=x1…` (page 1)": [f"/de/aktuelles/?page=x{i}" for i in range(count)],
        "news, `year=x1…` (no such year: an empty list)": [f"/de/aktuelles/?year=x{i}" for i in range(count)],
        "pages API, `search=<one word>`": [
            f"/api/v2/pages/?search={urllib.parse.quote(w.lower())}" for w in SEARCH_WORDS[:count]
        ],
    }


def entry_keys(client, prefix):
    return set(client.scan_iter(match=f"{prefix}*pc:entry:*", count=1000))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="bench_scale")
    parser.add_argument("--build", action="store_true", help="build the corpus into the database first")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--series", type=int, default=150)
    parser.add_argument("--count", type=int, default=40, help="addresses per kind")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="entries-bench-"))
    database_url = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    port = free_port()
    redis_server = ThrowawayRedis().start()
    prefix = f"entries-{os.getpid()}"
    env = production_env(
        database_url,
        work,
        port,
        REDIS_URL=redis_server.url,
        CACHE_KEY_PREFIX=prefix,
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        CONN_MAX_AGE=600,
    )
    if args.build:
        for sql in (
            f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)",
            f"CREATE DATABASE {args.database}",
        ):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], check=True, capture_output=True
            )
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_demo")
        subprocess.run(
            [
                sys.executable,
                "bench/corpus.py",
                "--articles",
                str(args.articles),
                "--series",
                str(args.series),
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", args.database, "-c", "ANALYZE"], check=True
        )
    manage(env, "migrate", "--no-input", "-v", "0")  # a corpus of an earlier version of the site
    manage(env, "collectstatic", "--no-input", "-v", "0")
    today = datetime.date.today()
    addresses = kinds(args.count, today)
    client = redis.Redis.from_url(redis_server.url)

    rendered = {}
    server = Gunicorn({**env, "PAGE_CACHE": "0"}, port, workers=2).start()
    try:
        floor = []
        for _ in range(50):
            begin = time.perf_counter()
            get(server.base + "/bench/f1/", headers=HEADERS)
            floor.append(time.perf_counter() - begin)
        for label, urls in addresses.items():
            for url in urls[:2]:  # warm: the parts, the per-series blocks, the database's buffers
                get(server.base + url, headers=HEADERS, timeout=120)
            times, lengths = [], []
            for url in urls:
                begin = time.perf_counter()
                response = get(server.base + url, headers=HEADERS, timeout=120)
                times.append(time.perf_counter() - begin)
                lengths.append(len(response.body))
                assert response.status == 200, (url, response.status, response.text[:300])
            rendered[label] = (statistics.median(times), statistics.median(lengths))
            print(f"uncached {1000 * rendered[label][0]:7.1f} ms  {label}")
    finally:
        server.stop()
    f1 = statistics.median(floor)

    stored = {}
    server = Gunicorn({**env, "PAGE_CACHE": "1"}, port, workers=2).start()
    try:
        for url in ("/de/", "/de/aktuelles/", "/de/suche/?q=Stadt"):  # the parts and shared values first
            get(server.base + url, headers=HEADERS)
        for label, urls in addresses.items():
            keys_before, memory_before = entry_keys(client, prefix), client.info("memory")["used_memory"]
            dbsize_before = client.dbsize()
            for url in urls:
                response = get(server.base + url, headers=HEADERS, timeout=120)
                assert response.status == 200 and response.header("x-page-cache") == "miss", (
                    url,
                    response.status,
                )
            new = entry_keys(client, prefix) - keys_before
            sizes = [client.memory_usage(key) or 0 for key in new]
            grown = client.info("memory")["used_memory"] - memory_before
            stored[label] = (
                len(new),
                statistics.median(sizes) if sizes else 0,
                grown,
                client.dbsize() - dbsize_before,
            )
            print(f"cached   {len(new):3d} entries, {stored[label][1] / 1024:6.1f} kB each  {label}")
    finally:
        server.stop()
        redis_server.stop()

    print(
        f"\nMeasured {today:%Y-%m-%d} on {platform.node()} ({os.cpu_count()} cores), PostgreSQL database "
        f"{args.database}, gunicorn with 2 workers and the production settings, Redis with the README's "
        f"settings; {args.count} distinct addresses per kind, one request at a time. F1 (a bare view) "
        f"{1000 * f1:.1f} ms.\n"
    )
    print(
        "| addresses of this kind | uncached answer, ms (x F1) | answer, kB | entries for N addresses | one entry in Redis, kB | Redis grew by, kB per address |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label in addresses:
        seconds, length = rendered[label]
        entries, size, grown, _keys = stored[label]
        print(
            f"| {label} | {1000 * seconds:.1f} ({seconds / f1:.0f} x) | {length / 1024:.1f} | {entries} of {len(addresses[label])} "
            f"| {size / 1024:.1f} | {grown / 1024 / len(addresses[label]):.1f} |"
        )


if __name__ == "__main__":
    main()
