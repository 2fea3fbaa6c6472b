"""Fixtures of these tests."""

from tests.mailings.helpers import smtp, world  # noqa: F401  (fixtures)
