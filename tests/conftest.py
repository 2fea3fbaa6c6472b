import pytest

from tests import factories


@pytest.fixture
def site(db):
    """The German and English home pages under the default site."""
    return factories.make_site()
