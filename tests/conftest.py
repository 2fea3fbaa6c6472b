import pytest

from tests import factories


@pytest.fixture
def site(db):
    """The German and English home pages under the default site."""
    return factories.make_site()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: Wagtail caches renditions by image id, and ids repeat."""
    from django.core.cache import cache

    cache.clear()
