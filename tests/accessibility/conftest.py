"""Fixtures of these tests."""

from tests.mailings.helpers import smtp  # noqa: F401  (a real SMTP server for the mail tests)
