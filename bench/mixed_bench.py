"""What readers meet while the office works: a mixed load over HTTP while an editor publishes.

On the scale corpus (bench/scale_bench.py builds it; `--reuse` takes the one it left), gunicorn with
2 workers and the production settings, Redis with the README's memory limit: wrk sends readers over
more than 700 distinct addresses in a reader's proportions (articles, home, listings and their
pages, "Termine", month views, meeting pages, feeds, the API, search, the sitemap) while an editor
publishes an article every 30 s and changes a meeting series every 2 minutes, through the code the
admin runs (a new revision, published). After each publish the addresses that show the change are
asked at once: each must show it (0 stale). Reported: hit ratio, p50/p99, renders per publish,
errors, stale answers; and, for one article publish, which kinds of cached answers it dropped.

Then the slowest answers uncached, as ratios to a bare F1 (F1 through the page cache's middleware
printed beside it), and Redis's memory per cached page after a crawl.

    .venv/bin/python bench/mixed_bench.py --reuse                  # after bench/scale_bench.py
    .venv/bin/python bench/mixed_bench.py --articles 2000 --series 100 --minutes 2 --no-write
"""

import argparse
import datetime
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live.servers import (  # noqa: E402
    REDIS_PRODUCTION_OPTIONS,
    Gunicorn,
    ThrowawayRedis,
    free_port,
    get,
    manage,
    production_env,
)

MARK_START, MARK_END = "<!-- mixed-bench:start -->", "<!-- mixed-bench:end -->"
HEADERS = {"X-Forwarded-Proto": "https"}
# wrk: each request picks an address by weight; responses are counted by the page cache's answer.
WRK_SCRIPT = r"""
local paths = {}
for line in io.lines(os.getenv("MIXED_URLS")) do paths[#paths + 1] = line end
-- a global: done() reads each thread's counts with thread:get, which sees globals only
counts = {hit = 0, miss = 0, none = 0, errors = 0}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) math.randomseed(os.time() + math.random(1000)) end
function request()
  return wrk.format("GET", paths[math.random(#paths)], {["X-Forwarded-Proto"] = "https"})
end
function response(status, headers, body)
  if status >= 400 then counts.errors = counts.errors + 1 end
  local state = headers["X-Page-Cache"] or headers["x-page-cache"]
  if state == "hit" then counts.hit = counts.hit + 1
  elseif state == "miss" then counts.miss = counts.miss + 1
  else counts.none = counts.none + 1 end
end
function done(summary, latency, requests)
  local total = {hit = 0, miss = 0, none = 0, errors = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(total) do total[name] = total[name] + (thread:get("counts")[name] or 0) end
  end
  io.write(string.format("COUNTS %d %d %d %d\n", total.hit, total.miss, total.none, total.errors))
  for _, p in ipairs({50, 90, 99}) do io.write(string.format("P%d %d\n", p, latency:percentile(p))) end
end
"""

EDITOR_SCRIPT = r"""
import datetime, json, sys, time, uuid
import django
django.setup()
from django.db.models import F
from django.utils import timezone
from articles.models import ArticleIndexPage, ArticlePage, Topic
from calendar_app.models import EventPage
index = ArticleIndexPage.objects.get(locale__language_code="de")
topic = Topic.objects.filter(locale__language_code="de").first()
kind = sys.argv[1]
if kind == "article":
    token = uuid.uuid4().hex[:8]
    article = ArticlePage(title=f"Eilmeldung {token}", slug=f"eilmeldung-{token}", teaser=f"Kurz {token}.",
                          date=timezone.localdate() + datetime.timedelta(days=3650))
    article.topics = [topic]
    index.add_child(instance=article)
    began = time.monotonic()
    article.save_revision().publish()
    print(json.dumps({"token": token, "url": article.url, "topic": topic.slug, "seconds": time.monotonic() - began}))
else:
    # A series the admin would save (corpora built before its fix had some ending before they began).
    series = (EventPage.objects.filter(locale__language_code="de", live=True, end_time__gt=F("start_time"))
              .order_by("?").first())
    token = uuid.uuid4().hex[:8]
    series.title = f"Sitzung {token}"
    began = time.monotonic()
    series.save_revision().publish()
    print(json.dumps({"token": token, "url": series.url, "seconds": time.monotonic() - began}))
"""


def psql(sql, database="postgres"):
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", sql],
        check=True,
        capture_output=True,
    )


# The addresses readers ask, taken from the site itself: the corpus translates a random half of the
# articles, so English addresses cannot be guessed from the German ones.
SITE_ADDRESSES = r"""
import json
from articles.models import ArticlePage
from calendar_app.models import EventPage
def urls(queryset, limit):
    return [page.url for page in queryset.live().order_by("?")[:limit]]
print("ADDRESSES " + json.dumps({
    "de": urls(ArticlePage.objects.filter(locale__language_code="de"), 400),
    "en": urls(ArticlePage.objects.filter(locale__language_code="en"), 60),
    "series": urls(EventPage.objects.filter(locale__language_code="de"), 100),
}))
"""


def site_addresses(django_env):
    out = manage(django_env, "shell", "-c", SITE_ADDRESSES).stdout
    return json.loads(out.split("ADDRESSES ", 1)[1])


def addresses(base, site):
    """More than 700 distinct reader addresses, each as often as readers ask it (weights)."""
    today = datetime.date.today()
    weighted = []

    def add(paths, weight):
        weighted.extend((path, weight / max(len(paths), 1)) for path in paths)

    add(site["de"], 40)
    add(site["en"], 5)
    add(["/de/", "/en/"], 12)
    add(["/de/aktuelles/", "/en/news/", *[f"/de/aktuelles/?page={n}" for n in range(2, 40)]], 10)
    topics = json.loads(get(base + "/api/v2/topics/?locale=de&limit=50&fields=slug", headers=HEADERS).text)
    slugs = [topic["slug"] for topic in topics["items"]]
    add([f"/de/aktuelles/thema/{slug}/" for slug in slugs], 4)
    add(["/de/termine/", "/en/events/", *[f"/de/termine/?page={n}" for n in range(2, 12)]], 8)
    months = [
        (today.year + (today.month + k - 1) // 12, (today.month + k - 1) % 12 + 1) for k in range(-6, 7)
    ]
    add([f"/de/termine/monat/{y}/{m}/" for y, m in months], 3)
    add(site["series"], 8)
    add(
        ["/de/aktuelles/feed/", "/de/termine/ical/", *[f"/de/aktuelles/thema/{s}/feed/" for s in slugs[:5]]],
        2,
    )
    add([f"/api/v2/pages/?type=articles.ArticlePage&limit=20&offset={n * 20}" for n in range(20)], 3)
    add(
        [
            f"/api/v2/occurrences/?start={today}&end={today + datetime.timedelta(days=30 * k)}"
            for k in range(1, 7)
        ],
        2,
    )
    add(
        [
            f"/de/suche/?q={w}"
            for w in (
                "Haushalt",
                "Kita",
                "Klimaschutz",
                "Schulbau",
                "Personal",
                "Energie",
                "Radverkehr",
                "Pflege",
                "Kultur",
                "Gebühren",
            )
        ],
        2,
    )
    add(["/sitemap.xml", "/sitemap-pages.xml?p=1", "/sitemap-pages.xml?p=2"], 1)
    paths = [quote(path, safe="/?=&%") for path, _ in weighted]
    weights = [w for _, w in weighted]
    return paths, weights


def wrk_mixed(base, url_file, seconds, connections, script):
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "--latency",
            "-s",
            script,
            base,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "MIXED_URLS": str(url_file)},
    ).stdout
    counts = re.search(r"COUNTS (\d+) (\d+) (\d+) (\d+)", out)
    percentiles = {int(m[1]): int(m[2]) / 1000 for m in re.finditer(r"P(\d+) (\d+)", out)}
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return {
        "hit": int(counts[1]) if counts else 0,
        "miss": int(counts[2]) if counts else 0,
        "none": int(counts[3]) if counts else 0,
        "errors": int(counts[4]) if counts else 0,
        "p50": percentiles.get(50),
        "p99": percentiles.get(99),
        "rate": float(rate[1]) if rate else 0.0,
        "timeouts": int(timeouts[1]) if timeouts else 0,
        "raw": out,
    }


def wrk_row(url, seconds, connections, timeout):
    """Requests per second of one address, or None when the row got no answer (a loaded machine)."""
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            f"{timeout}s",
            "-H",
            "X-Forwarded-Proto: https",
            url,
        ],
        capture_output=True,
        text=True,
    ).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    value = float(rate[1]) if rate else 0.0
    return value or None


def editor(env, kind):
    out = subprocess.run(
        [sys.executable, "-c", EDITOR_SCRIPT, kind], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh(base, change, kind):
    """Whether the addresses that show the change show it right after the publish."""
    token = change["token"]
    checks = [change["url"]]
    if kind == "article":
        checks += ["/de/aktuelles/", f"/de/aktuelles/thema/{change['topic']}/", "/de/"]
    stale = []
    for path in checks:
        answer = get(base + path, headers=HEADERS, timeout=60)
        if answer.status != 200 or token not in answer.text:
            stale.append(path)
    return stale


def dropped_by_one_publish(base, env, probes):
    """{kind of answer: (kept, dropped)} for one article publish, each kind's addresses warmed before."""
    for paths in probes.values():
        for path in paths:
            get(base + path, headers=HEADERS, timeout=60)
            get(base + path, headers=HEADERS, timeout=60)
    editor(env, "article")
    table = {}
    for kind, paths in probes.items():
        states = [get(base + path, headers=HEADERS, timeout=60).header("x-page-cache") for path in paths]
        table[kind] = (states.count("hit"), states.count("miss"))
    return table


def ms(value):
    return "no answer" if value is None else f"{value:.1f} ms"


def redis_memory(port):
    import redis

    client = redis.Redis(port=port)
    return client.info("memory")["used_memory"], client.dbsize()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--series", type=int, default=500)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--database", default="bench_scale")
    parser.add_argument("--reuse", action="store_true", help="the corpus of an earlier scale_bench run")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    rng = random.Random(20261202)
    work = Path(tempfile.mkdtemp(prefix="mixed-bench-"))
    redis_server = ThrowawayRedis().start()
    port = free_port()
    env = production_env(
        f"postgres://postgres@127.0.0.1:5432/{args.database}",
        work,
        port,
        REDIS_URL=redis_server.url,
        CACHE_KEY_PREFIX="mixed",
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        CONN_MAX_AGE=600,
    )
    django_env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
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
            env=django_env,
            check=True,
        )
        psql("ANALYZE", args.database)
    manage(env, "collectstatic", "--no-input", "-v", "0")
    server = Gunicorn(env, port, workers=2).start()
    base = server.base
    try:
        paths, weights = addresses(base, site_addresses(django_env))
        url_file = work / "urls.txt"
        url_file.write_text("\n".join(rng.choices(paths, weights, k=20_000)) + "\n")
        script = work / "mixed.lua"
        script.write_text(WRK_SCRIPT)
        unanswered = []
        for path in paths:  # a warm site, as an office's site is between publishes
            status = get(base + path, headers=HEADERS, timeout=120).status
            if status != 200:
                unanswered.append((status, path))
        if unanswered:  # every address must answer, or the load's error count means nothing
            print(f"{len(unanswered)} addresses do not answer 200:", unanswered[:20])
        publishes, stale, publish_seconds, failed_publishes = [], [], [], []
        stop = threading.Event()

        def office():
            started, last_series = time.monotonic(), time.monotonic()
            while not stop.wait(30 - (time.monotonic() - started) % 30):
                kinds = ["article"]
                if time.monotonic() - last_series >= 120:
                    kinds.append("series")
                    last_series = time.monotonic()
                for kind in kinds:
                    try:
                        change = editor(django_env, kind)
                    except RuntimeError as problem:  # counted and shown; the office goes on working
                        failed_publishes.append(f"{kind}: {str(problem).strip().splitlines()[-1]}")
                        continue
                    publishes.append(kind)
                    publish_seconds.append(change["seconds"])
                    stale.extend(fresh(base, change, kind))

        worker = threading.Thread(target=office, daemon=True)
        worker.start()
        load = wrk_mixed(base, url_file, int(args.minutes * 60), args.connections, script)
        stop.set()
        worker.join(timeout=120)
        cached_p50 = wrk_mixed(base, url_file, 10, args.connections, script)["p50"]  # quiet: no publishes
        probes = {
            "another article's page": [f"/de/aktuelles/artikel-{n}/" for n in range(1, 6)],
            "the home page (its boxes are parts)": ["/de/", "/en/"],
            "news listing and its pages": ["/de/aktuelles/", "/de/aktuelles/?page=2"],
            "the article's topic listing": [f"/de/aktuelles/thema/{s}/" for s in ("soziales",)],
            "other languages' listing": ["/en/news/"],
            "Termine, month, meeting pages": [
                "/de/termine/",
                f"/de/termine/monat/{datetime.date.today():%Y/%-m}/",
                "/de/termine/sitzung-1/",
            ],
            "all-meetings iCal": ["/de/termine/ical/"],
            "search": ["/de/suche/?q=Haushalt"],
            "sitemap page": ["/sitemap-pages.xml?p=1"],
            "pages API listing": ["/api/v2/pages/?type=articles.ArticlePage&limit=20"],
            "occurrences API": [
                f"/api/v2/occurrences/?start={datetime.date.today()}&end={datetime.date.today() + datetime.timedelta(days=30)}"
            ],
        }
        dropped = dropped_by_one_publish(base, django_env, probes)
        memory, keys = redis_memory(redis_server.port)
    finally:
        server.stop()
    # Uncached: the page cache off, the parts and per-item fragments kept (as right after a publish).
    uncached_server = Gunicorn({**env, "PAGE_CACHE": "0"}, port, workers=2).start()
    slow = {}
    try:
        base = uncached_server.base
        today = datetime.date.today()
        for label, path in (
            ("month view", f"/de/termine/monat/{today:%Y/%-m}/"),
            ("all-meetings iCal", "/de/termine/ical/"),
            ("a sitemap page (2,000 URLs)", "/sitemap-pages.xml?p=1"),
            ("F1 (bare)", "/bench/f1/"),
        ):
            for _ in range(2):
                get(base + path, headers=HEADERS, timeout=120)
            slow[label] = wrk_row(base + path, 10, args.connections, timeout=60)
    finally:
        uncached_server.stop()
    cached_f1 = Gunicorn(env, port, workers=2).start()
    try:
        get(cached_f1.base + "/bench/f1-cached/", headers=HEADERS)
        f1_through_cache = wrk_row(cached_f1.base + "/bench/f1-cached/", 10, args.connections, timeout=30)
    finally:
        cached_f1.stop()
        redis_server.stop()

    answered = load["hit"] + load["miss"]
    hit_ratio = 100 * load["hit"] / answered if answered else 0
    renders = load["miss"] / max(len(publishes), 1)
    f1 = slow["F1 (bare)"]
    lines = [
        f"Measured {datetime.date.today():%Y-%m-%d} on {platform.node() or 'the development machine'} "
        f"({os.cpu_count()} cores), PostgreSQL, Redis ({' '.join(REDIS_PRODUCTION_OPTIONS)}), gunicorn with 2 "
        f"workers and the production settings; {args.articles:,} articles, {args.series} series; wrk with "
        f"{args.connections} connections for {args.minutes:g} minutes over {len(paths)} addresses while an editor "
        f"published {publishes.count('article')} articles (every 30 s) and {publishes.count('series')} series "
        f"changes (every 2 minutes).",
        "",
        "| mixed load | value | target |",
        "| --- | ---: | --- |",
        f"| requests per second | {load['rate']:,.0f} | |",
        f"| hit ratio (page cache) | {hit_ratio:.1f} % | >= 95 % |",
        f"| p50 / p99 | {ms(load['p50'])} / {ms(load['p99'])} | p99 < 10 x cached p50 ({ms(cached_p50)}) |",
        f"| renders per publish | {renders:.0f} | |",
        f"| errors (4xx/5xx), timeouts | {load['errors']}, {load['timeouts']} | 0 |",
        f"| stale answers right after a publish | {len(stale)} of {len(publishes)} publishes | 0 |",
        f"| publishes that failed | {len(failed_publishes)} | 0 |",
        f"| publish (the editor's save) | median {sorted(publish_seconds)[len(publish_seconds) // 2] if publish_seconds else 0:.2f} s | |",
        f"| Redis after the run | {memory / 1024 / 1024:.1f} MB for {keys:,} keys ({memory / max(keys, 1) / 1024:.1f} kB a key) | |",
        "",
        "| one article publish: cached answers of this kind | kept | dropped |",
        "| --- | ---: | ---: |",
        *[f"| {kind} | {kept} | {gone} |" for kind, (kept, gone) in dropped.items()],
        "",
        "| uncached (parts and per-series blocks kept) | req/s | x bare F1 | target |",
        "| --- | ---: | ---: | --- |",
    ]
    targets = {"month view": 100, "all-meetings iCal": 150, "a sitemap page (2,000 URLs)": 100}
    for label, target in targets.items():
        rate = slow.get(label)
        lines.append(
            f"| {label} | {rate or 0:,.1f} | {(f1 / rate) if rate and f1 else float('nan'):,.1f} | <= {target} x |"
            if rate
            else f"| {label} | no answer in time | - | <= {target} x |"
        )
    lines.append(
        f"| F1 bare / F1 through the page cache | {f1 or 0:,.0f} / {f1_through_cache or 0:,.0f} | | |"
    )
    table = "\n".join(lines)
    print("\n" + table)
    if stale:
        print("stale:", stale)
    if failed_publishes:
        print("failed publishes:", failed_publishes)
    if not args.no_write:
        readme = ROOT / "bench" / "README.md"
        text = readme.read_text()
        block = f"{MARK_START}\n{table}\n{MARK_END}"
        text = (
            re.sub(re.escape(MARK_START) + ".*?" + re.escape(MARK_END), block, text, flags=re.S)
            if MARK_START in text
            else text + "\n## `mixed_bench.py`\n\n" + block + "\n"
        )
        readme.write_text(text)


if __name__ == "__main__":
    main()
