"""The import's queries per record do not grow with the archive (marker `typo3`: needs MariaDB)."""

import pytest
from django.db import connection

from articles.models import ArticlePage

from .archive import write_archive
from .conftest import run_import
from .mariadb import Typo3Database

pytestmark = [pytest.mark.typo3, pytest.mark.django_db]


def queries_per_record(count, tmp_path):
    database = Typo3Database(content=False)
    try:
        records = write_archive(database, tmp_path / str(count), count)
        before = ArticlePage.objects.count()
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
        ):
            status, output = run_import(
                database.url, "--source", f"archive-{count}", files=tmp_path / str(count)
            )
        assert status == 0, output
        assert ArticlePage.objects.count() - before == records
        typo3_queries = int(output.rsplit("(", 1)[1].split(" queries to TYPO3")[0])
        return len(queries) / records, typo3_queries
    finally:
        database.drop()


def test_queries_per_record_do_not_grow_with_the_archive(news_site, tmp_path):
    small, small_typo3 = queries_per_record(10, tmp_path)
    large, large_typo3 = queries_per_record(30, tmp_path)
    print(f"queries per record: {small:.1f} at 10 records, {large:.1f} at 30")
    assert large <= small * 1.05, (small, large)
    assert large_typo3 == small_typo3  # TYPO3 is read table by table, not record by record
