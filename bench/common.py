"""What the benchmarks share: Django set up with test settings, timing as a median, a fresh database."""

import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

REPEAT = 15


def median_seconds(client, url):
    """The median of REPEAT requests after one to warm up; every answer must be a 200."""
    client.get(url)
    samples = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples)


@contextlib.contextmanager
def fresh_database(name):
    """A test database of its own for one size of data, destroyed afterwards."""
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.gettempdir()) / f"{name}.sqlite3")
    else:
        connection.settings_dict["TEST"]["NAME"] = f"test_{name}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
