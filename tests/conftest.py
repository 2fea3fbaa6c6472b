import io

import pytest
from django.core.management import call_command

from tests import factories
from tests.mail import SMTPServer

DEMO = "demo"  # the fixture of tests that read the demo content


def pytest_collection_modifyitems(session, config, items):
    """The tests that read the demo run last in every process: the demo is loaded once per process and
    kept (see `demo`), so the tests before them see only what they build themselves. A test that
    commits (django_db with transaction=True, e.g. a migration test) runs after all of them: the
    database is emptied after it, the site and the demo with it."""

    def commits(item):
        marker = item.get_closest_marker("django_db")
        return bool(marker and marker.kwargs.get("transaction"))

    items.sort(key=lambda item: (commits(item), DEMO in getattr(item, "fixturenames", ())))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The German and English home pages and the site settings, built once per test database: each
    test starts from them and its own changes are rolled back, instead of building them again."""
    with django_db_blocker.unblock():
        factories.make_site()


@pytest.fixture
def site(db):
    """The German and English home pages under the default site (built once, see django_db_setup)."""
    return factories.make_site()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: Wagtail caches renditions by image id, and ids repeat."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language: a request to an English page activates English in the
    test's thread (LocaleMiddleware does not switch back), and reverse() would then build English URLs."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo content (`load_demo`, then the search index), loaded once per test process and kept:
    loading it takes longer than most tests, and a dozen tests only read it."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def demo(demo_loaded, db):
    """The demo content for a test that reads it; what the test changes is rolled back as usual. Such
    tests run after all others of their process (pytest_collection_modifyitems)."""


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd) that the site sends to; its inbox is read back in the test."""
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()
