"""Production: refuses to start without a real secret key and allowed hosts."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, TRUSTED_PROXY_COUNT, env_bool

for _name, _value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS)):
    if not _value:
        message = f"Production settings need the environment variable {_name}; it is not set."
        print(message, file=sys.stderr)
        raise ImproperlyConfigured(message)

DEBUG = False

# TLS: X-Forwarded-Proto is believed only behind proxies (TRUSTED_PROXY_COUNT > 0), whose first one
# sets it itself (nginx: `proxy_set_header X-Forwarded-Proto $scheme;`); from anyone else it is a
# client's claim, and "https" from a client would make the site's absolute links lie. Leave the
# redirect on, or switch it off where the proxy already redirects.
if TRUSTED_PROXY_COUNT > 0 and env_bool("TRUST_X_FORWARDED_PROTO", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views set SAMEORIGIN for themselves

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
