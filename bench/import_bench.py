"""The TYPO3 import at the size of a real archive: 1,000 news records with 2,000 files.

    .venv/bin/python bench/import_bench.py [--records 1000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/import_bench.py

Generates the archive (tests/typo3_import/archive.py: every third record translated, each with a lead
image and a PDF, links between records and to files, a table) in a scratch MariaDB database and a
scratch fileadmin, imports it into a fresh test database with `import_typo3`, then imports it again
(nothing to do). Prints the wall time of both runs, records per second, and the queries per record
the import made to this site's database and to TYPO3's. Not a test: the numbers go to bench/README.md.
"""

import argparse
import io
import tempfile
import time
from pathlib import Path

from common import fresh_database  # sets Django up
from django.core.management import CommandError, call_command
from django.db import connection

from tests import factories
from tests.typo3_import.archive import write_archive
from tests.typo3_import.mariadb import Typo3Database


def run(url, files):
    out = io.StringIO()
    queries = []
    began = time.perf_counter()
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(1) or execute(sql, *args)):
        try:
            call_command(
                "import_typo3",
                url,
                "--files",
                str(files),
                "--language",
                "1=en",
                "--old-url=de=/aktuelles/detail/{path_segment}/",
                "--old-url=en=/en/news/detail/{path_segment}/",
                stdout=out,
                stderr=io.StringIO(),
            )
        except CommandError as error:
            raise SystemExit(out.getvalue() + str(error)) from error
    seconds = time.perf_counter() - began
    output = out.getvalue()
    typo3_queries = int(output.rsplit("(", 1)[1].split(" queries to TYPO3")[0])
    return seconds, len(queries), typo3_queries, output


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1000)
    count = parser.parse_args().records
    database = Typo3Database(content=False)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            began = time.perf_counter()
            records = write_archive(database, Path(scratch), count)
            print(
                f"Generated {count} German records, {records - count} translations, {2 * count} files "
                f"in {time.perf_counter() - began:.1f} s"
            )
            with fresh_database("typo3_import_bench"):
                site = factories.make_site()
                factories.make_topic(site)
                factories.make_news_index(site)
                first = run(database.url, scratch)
                again = run(database.url, scratch)
            print(first[3].split("Summary", 1)[1].split("  skipped", 1)[0].rstrip())
            print(
                f"| {connection.vendor} | {count} + {records - count} | {2 * count} | {first[0]:.0f} s "
                f"| {records / first[0]:.1f} | {first[1] / records:.0f} | {first[2]} | {again[0]:.0f} s "
                f"| {again[1] / records:.0f} |"
            )
    finally:
        database.drop()


if __name__ == "__main__":
    main()
