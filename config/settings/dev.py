"""Local development: debug on, a fixed throwaway secret, any local host."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
SECRET_KEY = "dev-only-not-secret"  # noqa: S105  (development settings are never deployed)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
# Links in the admin, API and demo site record lead to the server `make run` starts (PORT overrides).
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
