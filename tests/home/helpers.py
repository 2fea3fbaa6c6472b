"""Helpers of the site's first tests."""

import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent.parent


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def run_manage(*args, env_overrides=(), drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(dict(env_overrides))
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def run_overlapping_writers(path, options):
    """Request A reads, then writes after request B has written meanwhile (an admin preview save while
    an editor publishes). Opens connections as Django's SQLite backend does with these OPTIONS."""
    import sqlite3
    import threading
    import time

    def connect():
        conn = sqlite3.connect(path, timeout=options.get("timeout", 5), isolation_level=None)
        for command in options.get("init_command", "").split(";"):
            if command.strip():
                conn.execute(command)
        return conn

    setup = connect()
    setup.execute("CREATE TABLE IF NOT EXISTS page (title TEXT)")
    setup.close()
    mode = options.get("transaction_mode", "")
    errors = []

    def request(delay_before, hold):
        conn = connect()
        try:
            time.sleep(delay_before)
            conn.execute(f"BEGIN {mode}")
            conn.execute("SELECT count(*) FROM page").fetchone()
            time.sleep(hold)
            conn.execute("INSERT INTO page VALUES ('x')")
            conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            errors.append(str(error))
        finally:
            conn.close()

    threads = [threading.Thread(target=request, args=args) for args in ((0, 0.5), (0.1, 0))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
