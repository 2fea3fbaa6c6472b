"""Fixtures of the e-mail tests (the SMTP server is the suite's `smtp`)."""

import pytest

from core.loading import bulk_loading
from tests.mailings.helpers import build_world


@pytest.fixture
def world(site):
    """Member cities and their staff with their mail settings, committee members, a public site."""
    with bulk_loading():  # the site's existing content is not news
        return build_world(site)
