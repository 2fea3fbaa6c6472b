"""Fixtures of the members' tests."""

import pytest

from tests.members.helpers import build_members_world


@pytest.fixture
def world(site):
    """A public site with a members' area, committee X's series and papers, four kinds of visitor."""
    return build_members_world(site)
