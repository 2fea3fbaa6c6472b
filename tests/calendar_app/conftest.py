"""Fixtures of the calendar's tests: the public site and an editor signed in to the admin."""

import pytest

from tests import factories


@pytest.fixture
def public(site):
    return factories.make_public_site(site)


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client
