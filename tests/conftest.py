import pytest

from tests import factories


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
