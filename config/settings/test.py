"""Tests: fast password hashing, in-memory cache, media in a temporary folder."""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
# Fast hashing for test users; PBKDF2 still verifies passwords set with the other settings (the demo
# member logins, set by `dev_members`, for the browser tests' server).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests publish and read in one transaction, where the page cache's on-commit invalidation would
# come late; the page cache's own tests switch it on and run the on-commit callbacks.
PAGE_CACHE_ENABLED = PART_CACHE_ENABLED = False
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="staedtetag-test-media-")
# The browser tests' live server says where it is (TEST_BASE_URL), so that the links in its mails lead
# back to it; in process, the test client's host.
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = os.environ.get("TEST_BASE_URL", "http://testserver")
