"""Fixtures of the core tests that need the members' world (the forms and filters of the members' area)."""

import pytest

from tests.members.helpers import build_members_world


@pytest.fixture
def world(site):
    return build_members_world(site)
