"""Speed at a real office's scale, over HTTP, against floors served in the same run.

Builds the corpus (10,000 articles, half of them translated, 50 committees, 500 series over five
years; smaller with --articles/--series) in a PostgreSQL database of its own, serves it with
gunicorn (2 workers, the production settings, Redis), and loads every row with wrk at 8
connections: once with the page cache off (every request rendered), once with it on. Each row is
a ratio to F1 (a bare Django view) or F2 (F1 plus one primary-key query), both served by the same
gunicorn in the same run. The table goes into bench/README.md with the machine and the date.

    .venv/bin/python bench/scale_bench.py                      # the real scale (about 15 minutes)
    .venv/bin/python bench/scale_bench.py --articles 1000 --series 50 --no-write
"""

import argparse
import datetime
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live.servers import Gunicorn, free_port, get, manage, production_env  # noqa: E402

ROWS = [
    # label, path (or a key filled in below), floor
    ('`/de/` (home with the "Termine" box)', "/de/", "F1"),
    ("`/de/aktuelles/`", "/de/aktuelles/", "F1"),
    ("an article", "{article}", "F1"),
    ('"Alle Termine"', "/de/termine/", "F1"),
    ("month view", "/de/termine/monat/", "F1"),
    ("a meeting page", "{meeting}", "F1"),
    ("all-meetings iCal feed", "/de/termine/ical/", "F1"),
    ("`/de/suche/?q=Stadt`", "/de/suche/?q=Stadt", "F1"),
    ("`/sitemap.xml` (index)", "/sitemap.xml", "F1"),
    ("a sitemap page (2,000 URLs)", "/sitemap-pages.xml?p={sitemap_page}", "F1"),
    (
        "`/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=20`",
        "/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=20",
        "F2",
    ),
    ("`/api/v2/occurrences/` (90 days, limit 100)", "{occurrences}", "F2"),
    ("OParl: a page of 100 meetings with their agendas", "/oparl/1.1/body/1/meeting?page=2", "F2"),
]
MARK_START, MARK_END = "<!-- scale-bench:start -->", "<!-- scale-bench:end -->"


def psql(sql, database="postgres"):
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", sql],
        check=True,
        capture_output=True,
    )


def wrk(url, seconds, connections):
    """Requests per second and the median latency (ms), from wrk."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx[1]} error answers\n{out}")
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[median[2]]
    return rate, float(median[1]) * factor


def count_queries(env, paths):
    """Queries of one uncached request each, with the production settings (in a subprocess)."""
    script = (
        "import django, sys, json\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "settings.PAGE_CACHE_ENABLED = False\n"
        "settings.ALLOWED_HOSTS = ['*']\n"
        "from django.test import Client\n"
        "from django.db import connection\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client()\n"
        "result = {}\n"
        "for path in sys.argv[1:]:\n"
        "    client.get(path, secure=True)\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        response = client.get(path, secure=True)\n"
        "    assert response.status_code == 200, (path, response.status_code)\n"
        "    result[path] = len(queries)\n"
        "print(json.dumps(result))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *paths], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(f"counting queries failed:\n{out.stderr[-3000:]}")
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--series", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=8, help="load per row and mode")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--database", default="bench_scale")
    parser.add_argument("--reuse", action="store_true", help="keep the corpus of an earlier run")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave bench/README.md")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="scale-bench-"))
    database_url = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    port = free_port()
    base_env = production_env(
        database_url,
        work,
        port,
        REDIS_URL="redis://127.0.0.1:6379/0",
        CACHE_KEY_PREFIX=f"bench-{os.getpid()}",
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        CONN_MAX_AGE=600,
    )
    began = time.monotonic()
    if not args.reuse:
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-c",
                f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)",
            ],
            check=True,
            capture_output=True,
        )
        psql(f"CREATE DATABASE {args.database}")
        manage(base_env, "migrate", "--no-input", "-v", "0")
        manage(base_env, "load_demo")
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
            env={**base_env, "DJANGO_SETTINGS_MODULE": "config.settings.production"},
            check=True,
        )
    # Statistics as autovacuum keeps them on a live site: right after a bulk load the planner
    # believes the page table has a handful of rows and picks plans 2-4 times slower.
    psql("ANALYZE", args.database)
    manage(base_env, "collectstatic", "--no-input", "-v", "0")
    print(f"corpus ready in {time.monotonic() - began:.0f} s")

    today = datetime.date.today()
    fill = {
        "article": f"/de/aktuelles/artikel-{args.articles // 2}/",
        "meeting": "/de/termine/sitzung-1/",
        "sitemap_page": 3 if args.articles >= 5000 else 1,
        "occurrences": f"/api/v2/occurrences/?start={today}&end={today + datetime.timedelta(days=90)}&limit=100",
    }
    rows = [(label, path.format(**fill), floor) for label, path, floor in ROWS]
    queries = count_queries(
        {**base_env, "DJANGO_SETTINGS_MODULE": "config.settings.production"}, [p for _l, p, _f in rows]
    )

    results = {}
    for mode, page_cache in (("uncached", "0"), ("cached", "1")):
        server = Gunicorn({**base_env, "PAGE_CACHE": page_cache}, port, workers=2).start()
        try:
            base = server.base
            for path in ("/bench/f1/", "/bench/f2/", *[p for _l, p, _f in rows]):
                response = get(base + path, headers={"X-Forwarded-Proto": "https"}, timeout=60)
                assert response.status == 200, (path, response.status)
                get(base + path, headers={"X-Forwarded-Proto": "https"}, timeout=60)
            floors = {
                name: wrk(base + path, args.seconds, args.connections)[0]
                for name, path in (("F1", "/bench/f1/"), ("F2", "/bench/f2/"))
            }
            results[mode] = {"floors": floors, "rows": {}}
            for _label, path, _floor in rows:
                results[mode]["rows"][path] = wrk(base + path, args.seconds, args.connections)
                print(f"{mode:8} {results[mode]['rows'][path][0]:9.1f} req/s  {path}")
        finally:
            server.stop()

    lines = [
        f"Measured {datetime.date.today():%Y-%m-%d} on {platform.node() or 'the development machine'} "
        f"({os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}), PostgreSQL, Redis, "
        f"gunicorn with 2 workers and the production settings, wrk with {args.connections} connections for "
        f"{args.seconds} s per row; {args.articles:,} German articles ({args.articles // 2:,} in English), {args.series} "
        f"series over five years. Floors in this run: F1 {results['uncached']['floors']['F1']:,.0f} req/s "
        f"uncached / {results['cached']['floors']['F1']:,.0f} cached, F2 {results['uncached']['floors']['F2']:,.0f} / "
        f"{results['cached']['floors']['F2']:,.0f}.",
        "",
        "| request | floor | uncached req/s | uncached x floor | cached req/s | cached % of F1 | queries (uncached) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, path, floor in rows:
        unc, cac = results["uncached"], results["cached"]
        rate_u, rate_c = unc["rows"][path][0], cac["rows"][path][0]
        ratio_u = unc["floors"][floor] / rate_u
        share_c = 100 * rate_c / cac["floors"]["F1"]
        lines.append(
            f"| {label} | {floor} | {rate_u:,.1f} | {ratio_u:,.1f} | {rate_c:,.1f} | {share_c:,.0f} % | {queries[path]} |"
        )
    table = "\n".join(lines)
    print("\n" + table)
    if not args.no_write:
        readme = ROOT / "bench" / "README.md"
        text = readme.read_text()
        block = f"{MARK_START}\n{table}\n{MARK_END}"
        if MARK_START in text:
            text = re.sub(re.escape(MARK_START) + ".*?" + re.escape(MARK_END), block, text, flags=re.S)
        else:
            text += "\n" + block + "\n"
        readme.write_text(text)


if __name__ == "__main__":
    main()
