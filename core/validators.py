"""Validators shared by every app's editor forms."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def single_line(value):
    """Names and titles are one line: a line break or control character breaks feeds and headers."""
    if any(ord(c) < 32 or ord(c) == 127 for c in value or ""):
        raise ValidationError(
            _("Please enter this on one line, without line breaks or control characters."),
            code="single_line",
        )
