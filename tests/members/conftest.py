"""Fixtures of these tests."""

from tests.members.helpers import world  # noqa: F401  (fixtures)
