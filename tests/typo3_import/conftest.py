import io

import pytest
from django.core.management import CommandError, call_command

from tests import factories

from .mariadb import FIXTURE, Typo3Database

OLD_URLS = ["de=/aktuelles/detail/{path_segment}/", "en=/en/news/detail/{path_segment}/"]


@pytest.fixture
def typo3():
    """The fixture's TYPO3 site in a MariaDB database of this test's own."""
    database = Typo3Database()
    yield database
    database.drop()


@pytest.fixture
def news_site(site):
    """The site the association moves into: German and English news index, the topic "Soziales"."""
    factories.make_topic(site)
    factories.make_news_index(site)
    return site


def run_import(url, *extra, files=FIXTURE):
    """Run import_typo3 as the office does; (exit status, what it printed)."""
    out = io.StringIO()
    arguments = [url, "--language", "1=en", *(f"--old-url={value}" for value in OLD_URLS), *extra]
    if files is not None:
        arguments += ["--files", str(files)]
    try:
        call_command("import_typo3", *arguments, stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()
