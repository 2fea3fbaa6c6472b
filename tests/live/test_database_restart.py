"""Fault test: the database restarts under load, and the site fails fast and recovers by itself.

A PostgreSQL cluster of the test's own (never the machine's shared one) serves gunicorn with the
production settings. Readers and an editor keep working while the cluster stops for three seconds
and starts again.
"""

import threading
import time

import pytest

from tests.live.servers import (
    Gunicorn,
    Session,
    ThrowawayPostgres,
    free_port,
    get,
    prepare_site,
    production_env,
)

EDITOR = ("redaktion", "live-test-password-2026")
READS = ["/de/", "/api/v2/pages/?limit=5", "/de/termine/", "/healthz"]


@pytest.mark.live
def test_a_database_restart_fails_fast_loses_nothing_and_heals_without_restarting_workers(tmp_path):
    database = ThrowawayPostgres().create()
    server = None
    try:
        port = free_port()
        env = production_env(database.url, tmp_path, port)
        prepare_site(env, admin=EDITOR)
        server = Gunicorn(env, port, workers=2).start()
        workers = server.worker_pids()
        assert len(workers) == 2
        editor = Session(server.base)
        editor.login(*EDITOR)

        results, acknowledged, stop = [], [], threading.Event()
        started = time.monotonic()

        def read_loop():
            while not stop.is_set():
                for url in READS:
                    begin = time.monotonic()
                    try:
                        response = get(server.base + url, timeout=20)
                        # An answer from the page cache needs no database: still served in an outage.
                        status = "cached" if response.header("x-page-cache") == "hit" else response.status
                    except OSError as error:
                        status = type(error).__name__
                    results.append((begin - started, time.monotonic() - started, url, status))
                    time.sleep(0.02)  # a bounded load: three readers at about 40 requests a second

        def write_loop():
            number = 0
            while not stop.is_set():
                number += 1
                try:
                    token = editor.csrf("/admin/snippets/articles/topic/add/?locale=de")
                    response = editor.request(
                        "POST",
                        "/admin/snippets/articles/topic/add/?locale=de",
                        {
                            "csrfmiddlewaretoken": token,
                            "name": f"Ausfall {number}",
                            "slug": f"ausfall-{number}",
                        },
                        timeout=20,
                    )
                    if response.status == 302:  # saved: the editor was told so
                        acknowledged.append(f"ausfall-{number}")
                except OSError:
                    pass
                time.sleep(0.1)

        threads = [threading.Thread(target=read_loop) for _ in range(3)] + [
            threading.Thread(target=write_loop)
        ]
        for thread in threads:
            thread.start()
        time.sleep(4)
        database.stop("fast")
        down = time.monotonic() - started  # the cluster is stopped from here ...
        time.sleep(3)
        restarting = time.monotonic() - started  # ... to here
        database.start()
        back = time.monotonic() - started
        time.sleep(8)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

        # Fail fast: no request waited long, nothing hung.
        durations = [end - begin for begin, end, _url, _status in results]
        assert max(durations) < 5, max(durations)
        during = [(url, status) for begin, end, url, status in results if begin > down and end < restarting]
        # While it is down, what the page cache holds is served, everything else fails fast with 503.
        assert during and {status for _url, status in during} <= {503, "cached"}, during[:10]
        assert {status for url, status in during if url == "/healthz"} == {503}
        # Recovery within 5 s of the database being back, by the same workers.
        late = [(url, status) for begin, _end, url, status in results if begin > back + 5]
        assert late and {status for _url, status in late} <= {200, "cached"}, late[:10]
        first_ok = min(
            begin
            for begin, _end, url, status in results
            if begin > back and status == 200 and url == "/healthz"
        )
        assert first_ok - back < 5
        assert server.worker_pids() == workers
        # Nothing acknowledged is lost.
        stored = set(database.query("SELECT slug FROM articles_topic"))
        assert len(acknowledged) > 10
        assert set(acknowledged) <= stored
        print(
            f"\nrestart: {len(results)} reads, {len(during)} while it was down "
            f"({sum(1 for _u, st in during if st == 503)} answered 503, the rest from the page cache; slowest "
            f"{max(durations):.2f} s), first 200 after {first_ok - back:.2f} s, "
            f"{len(acknowledged)} acknowledged writes all stored"
        )
    finally:
        if server:
            server.stop()
        database.destroy()
