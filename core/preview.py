"""Headless preview: an editor's draft, shown by the frontend through a signed, expiring token."""

from django.conf import settings
from django.core import signing

SALT = "headless-preview"
MAX_AGE = 60 * 60  # a preview link works for one hour


class InvalidToken(Exception):
    """The token was forged, altered or has expired; the message says which."""


def make_token(page):
    """A token for the page's latest revision (the draft the editor is looking at)."""
    return signing.dumps({"page": page.pk, "revision": page.latest_revision_id}, salt=SALT)


def read_token(token):
    """(page id, revision id) from a token; InvalidToken if it is not one of ours or is too old."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise InvalidToken("token: expired, open the preview again from the admin") from error
    except signing.BadSignature as error:
        raise InvalidToken("token: invalid") from error
    return data["page"], data["revision"]


def frontend_url(page):
    """Where the configured frontend shows the preview, or None if no frontend is configured."""
    template = getattr(settings, "HEADLESS_PREVIEW_URL", "")
    return template.format(token=make_token(page), page_id=page.pk) if template else None
