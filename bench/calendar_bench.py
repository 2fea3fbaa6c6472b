"""Calendar speed as ratios against a floor measured in the same run (never absolute seconds).

    .venv/bin/python bench/calendar_bench.py            # SQLite in a temporary test database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/calendar_bench.py

For two sizes of data (few young series, many series with years of weekly history) it times the
reader's views and the occurrences API, each as the median of several requests divided by the median
of /healthz (one database round trip, the floor). Flat ratios between the sizes show that the views do
not get slower as series age or multiply: occurrences are stored, not expanded per request.
"""

import datetime
import time

import recurrence
from common import REPEAT, fresh_database, median_seconds  # sets Django up
from django.test import Client
from django.test.utils import setup_test_environment

PATHS = [
    "/de/",
    "/de/termine/",
    "/de/termine/month/",
    "/de/termine/ical/",
    "/api/v2/occurrences/?start={start}&end={end}&limit=100",
]


def add_series(index, committee, series_count, years, offset=0):
    """Weekly series that began `years` ago; returns the seconds per publish (with its rebuild)."""
    from tests import factories

    start = datetime.date.today() - datetime.timedelta(days=365 * years)
    began = time.perf_counter()
    for number in range(series_count):
        factories.make_series(
            index,
            committee,
            f"Serie {offset + number}",
            rule=recurrence.Rule(recurrence.WEEKLY),
            start_date=start + datetime.timedelta(days=number % 7),
        )
    return (time.perf_counter() - began) / series_count


def measure(client):
    floor = median_seconds(client, "/healthz")
    today = datetime.date.today()
    rows = []
    for template in PATHS:
        path = template.format(start=today.isoformat(), end=(today + datetime.timedelta(days=90)).isoformat())
        rows.append((template.split("?")[0], median_seconds(client, path) / floor))
    return floor, rows


SCENARIOS = [
    # label, series, years of weekly history each
    ("50 series, 1 y", 50, 1),
    ("50 series, 10 y", 50, 10),
    ("200 series, 1 y", 200, 1),
]


def scenario(number, count, years):
    """One size of data in its own fresh test database."""
    from calendar_app.models import Occurrence
    from tests import factories

    with fresh_database(f"bench_{number}"):
        site = factories.make_site()
        index = factories.make_events_index(site, translate_to_english=False)
        committee = factories.make_committee(site, translate_to_english=False)
        client = Client()
        floor = median_seconds(client, "/healthz")
        per_series = add_series(index, committee, count, years)
        _floor, rows = measure(client)
        return Occurrence.objects.count(), per_series / floor, rows


def main():
    setup_test_environment()
    results = [(label, *scenario(n, count, years)) for n, (label, count, years) in enumerate(SCENARIOS)]
    print(
        f"{'ratio to /healthz (median of ' + str(REPEAT) + ')':34} "
        + " ".join(f"{label:>16}" for label, *_ in results)
    )
    for number in range(len(PATHS)):
        name = results[0][3][number][0]
        print(f"{name:34} " + " ".join(f"{rows[number][1]:16.1f}" for _label, _occ, _per, rows in results))
    print(f"{'occurrences stored':34} " + " ".join(f"{occ:16d}" for _label, occ, _per, _rows in results))
    print(
        f"{'publish + rebuild of one series':34} "
        + " ".join(f"{per:16.1f}" for _label, _occ, per, _rows in results)
    )


if __name__ == "__main__":
    main()
