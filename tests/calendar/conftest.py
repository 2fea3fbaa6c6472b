"""Fixtures of these tests."""

from tests.calendar.helpers import editor, public  # noqa: F401  (fixtures)
