"""Checks of uploaded files that need no external program."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_webvtt(uploaded):
    """A captions file must be WebVTT: browsers ignore a track that does not start with "WEBVTT"."""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(position)
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="replace")
    if not head.lstrip("\ufeff").startswith("WEBVTT"):
        raise ValidationError(
            _('This is not a WebVTT file: its first line must be "WEBVTT".'), code="not_webvtt"
        )
