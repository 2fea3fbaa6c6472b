"""Settings shared by every environment. Secure by default: DEBUG is off and
everything that differs between machines comes from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"


def env_list(name, default=""):
    """A comma-separated environment variable as a list without empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"  # a refused form: the site's page, saying what to do

INSTALLED_APPS = [
    "core",
    "home",
    "articles",
    "calendar_app",
    "members",
    "accessibility",  # Leichte Sprache, sign language, the accessibility statement, barrier reports
    "mailings",
    "search",  # the readers' search page
    "typo3_import",  # the import_typo3 command; nothing imports it
    "demo",  # load_demo and the development logins; imported by no running app
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales (same app label)
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "rest_framework",
    "corsheaders",
    "modelcluster",
    "taggit",
    "django_filters",
    "recurrence",
    "django.contrib.admin",  # the recurrence widget needs its jQuery
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    "core.security.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "members.oparl.middleware.EveryOriginMiddleware",  # outside the page cache: its 304s too
    "core.cache.pages.PageCacheMiddleware",  # inside CORS and the security headers, which vary per request
    "core.request_memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.UnprefixedAwareLocaleMiddleware",
    "core.middleware.AdminLanguageMiddleware",
    "core.middleware.InputGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.AtomicAdminWritesMiddleware",  # a publish and the mail it queues commit together
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "typo3_import.middleware.OldNewsAddressMiddleware",  # TYPO3's ?tx_news_pi1[news]= addresses
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "accessibility.middleware.ContentChecksMiddleware",  # the editor's content checks, in previews only
    "core.middleware.CacheHeadersMiddleware",  # personal answers private; validators for the API
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site_chrome",
            ],
        },
    },
]
# Django's form renderer; a field without a label gets its name-derived label through the catalogues.
FORM_RENDERER = "core.form_rendering.SiteFormRenderer"

# Database: an SQLite file in the project unless DATABASE_URL says otherwise.
# Persistent connections with health checks, so a restarted PostgreSQL does not
# leave workers holding broken connections.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
# The embedded SQLite database serves a threaded server where the admin's live preview saves while an
# editor publishes. A transaction that read and then writes after another request wrote fails at once
# with "database is locked"; taking the write lock at BEGIN makes it wait instead. WAL lets readers go on
# during a write; a writer waits up to 20 s for another.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer (rather than refusing) must not hold a worker for long.
    DATABASES["default"]["OPTIONS"] = {"connect_timeout": 3, **DATABASES["default"].get("OPTIONS", {})}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"  # else django-recurrence raises W042

REDIS_URL = os.environ.get("REDIS_URL", "")


def cache_settings(redis_url):
    """Redis when a URL is given (shared by every worker and instance), else local memory.

    Redis is an accelerator, never a dependency: the fail-safe backend answers as an empty cache
    while Redis is away, with timeouts short enough that a dead Redis does not hold a request.
    """
    if not redis_url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {
        "default": {
            "BACKEND": "core.cache.backend.FailSafeRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "staedtetag"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


CACHES = cache_settings(REDIS_URL)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out pairs before checking a password
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (django-axes): five wrong passwords for one user name from one address lock that
# pair for half an hour; an administrator can unlock earlier (Einstellungen → Gesperrte Anmeldungen).
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Password spraying: after this many different names failed from one address with one browser, that
# browser may try no other names there until the cool-off ends (core.security.SprayingAwareHandler).
AXES_HANDLER = "core.security.SprayingAwareHandler"
LOGIN_SPRAYING_LIMIT = int(os.environ.get("LOGIN_SPRAYING_LIMIT", "6"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_USERNAME_CALLABLE = "core.security.client_username"  # the name cut to its column
AXES_ENABLE_ADMIN = False  # unlocking happens in the Wagtail admin
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are not logged: only what throttling needs is stored
# How many reverse proxies (Varnish, nginx, a load balancer) append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Content-Security-Policy (django-csp). The public site: no inline script, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],  # as X-Frame-Options: DENY (the admin's previews: see core.security)
    }
}
# The Wagtail admin: its editor sets inline styles and its pages (page editor, explorer) carry inline
# scripts; still nothing from other hosts.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],  # measured: without it the page editor breaks (53 violations)
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
    }
}
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: German is the source language, English is translated from it.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# The site's own texts, then its better German for texts of the libraries the admin uses.
LOCALE_PATHS = [SITE_DIR / "locale", SITE_DIR / "locale-overrides"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Berlin"
# The time zones an editor may choose in the admin account: the association works in Central
# Europe. Wagtail otherwise offers every zone Python knows, some of which browsers' Intl does not
# (the account page's script then fails on Debian's Chromium: "Invalid time zone").
WAGTAIL_USER_TIME_ZONES = [
    "Europe/Berlin",
    "Europe/Vienna",
    "Europe/Zurich",
    "Europe/Brussels",
    "Europe/London",
    "UTC",
]
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Images from MEDIA_ROOT through Django (development and the browser tests' server; in production the
# web server serves /media/images/ and /media/original_images/, never /media/documents/).
SERVE_MEDIA_IMAGES = env_bool("SERVE_MEDIA_IMAGES", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Städtetag"
# Dates in the admin as German offices write them (ISO dates are still accepted when typed).
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"
# Wagtail's database search: on PostgreSQL its full-text index with German stemming ("Städte" finds
# "Stadt"; after changing it run `manage.py update_index`), on SQLite FTS5 without stemming.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "german"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.document_forms.SiteDocumentForm"  # real titles, no duplicates
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no requests to third-party hosts
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from gravatar.com: the admin talks to no other host

# A new English translation stays a draft until an editor publishes it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Other sites and apps may read the API (only the API, only reading) from these origins.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # A member's API token (Wagtail's APIToken) and nothing else: a browser session does not open
    # members' content to scripts of other sites.
    "DEFAULT_AUTHENTICATION_CLASSES": ["members.authentication.APITokenAuthentication"],
    "DEFAULT_THROTTLE_CLASSES": ["members.authentication.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("API_TOKEN_RATE", "2000/hour")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

# Members sign in on the site (not in the admin); restricted pages send readers there.
LOGIN_URL = "members_login"
WAGTAIL_FRONTEND_LOGIN_URL = "members_login"
PASSWORD_RESET_TIMEOUT = 7 * 24 * 60 * 60  # an invitation or a reset link works for a week
# Reset mails per hour for one address and for one account (members.views.ThrottledPasswordResetView).
PASSWORD_RESET_LIMIT = int(os.environ.get("PASSWORD_RESET_LIMIT", "3"))
# Private files: documents only through Wagtail's permission-checked view (or ours, for meeting papers);
# set SENDFILE_BACKEND to "core.sendfile_nginx" (with SENDFILE_ROOT and SENDFILE_URL)
# to let nginx send them (X-Accel-Redirect).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
SENDFILE_BACKEND = os.environ.get("SENDFILE_BACKEND", "wagtail.utils.sendfile_streaming_backend")
SENDFILE_ROOT = os.environ.get("SENDFILE_ROOT", str(MEDIA_ROOT))
SENDFILE_URL = os.environ.get("SENDFILE_URL", "/protected")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Städtetag <geschaeftsstelle@staedtetag.example>")

# Background work. Wagtail's own tasks stay immediate (as it ships them); the e-mail service queues
# in the database (django-tasks-db), in the same transaction as the publish that causes the mail,
# and `manage.py mail_worker` sends it (next to the web server; see the README's deploy section).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# The e-mail service (mailings/): the weekly digest ("Nachrichtendienst") goes out on this weekday
# (0 Monday … 4 Friday) at this hour, Berlin time, and covers the seven days before it.
MAILINGS_DIGEST_WEEKDAY = int(os.environ.get("MAILINGS_DIGEST_WEEKDAY", "4"))
MAILINGS_DIGEST_HOUR = int(os.environ.get("MAILINGS_DIGEST_HOUR", "7"))
# "Städtetag <geschaeftsstelle@…>" from DEFAULT_FROM_EMAIL; the List-Id names the lists.
MAILINGS_LIST_DOMAIN = os.environ.get("MAILINGS_LIST_DOMAIN", "staedtetag.example")
# Mails per SMTP connection, and how long a claimed mail may be in flight before another worker
# takes it over (its worker died): longer than the SMTP timeout, so a slow server is not doubled.
MAILINGS_BATCH = 100
MAILINGS_STALE_SECONDS = int(os.environ.get("MAILINGS_STALE_SECONDS", "300"))
# A temporary SMTP failure is retried after 1, 2, 4 … minutes (then hourly), for about a day, then
# recorded as failed.
MAILINGS_MAX_ATTEMPTS = 30
MAILINGS_RETRY_SECONDS = int(os.environ.get("MAILINGS_RETRY_SECONDS", "60"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Anonymous answers are cached (in Redis when REDIS_URL is set, shared by every worker and instance)
# and dropped exactly when what they show changes; this is the most any answer is kept.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
# Parts every page shares (menu, footer, the "Termine" box) are kept the same way, for every reader.
PART_CACHE_ENABLED = env_bool("PART_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(60 * 60)))
# Parts many pages share and that change for other reasons: kept on their own, with their own tags
# and expiry, and filled into the pages' holes when a page is served (`{% part "name" %}`).
PAGE_CACHE_PARTS = {
    "footer": "includes/footer.html",
    "termine-box": "components/termine_box.html",
    "publications-box": "components/publications_box.html",
    "latest-statements": "home/latest_statements.html",
}
# A frontend cache (Varnish with config/varnish/default.vcl) that the site purges by URL and by tag.
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "core.cache.frontend.XKeyVarnishBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }

# Reports of barriers ("Barriere melden") are personal data: deleted this many days after they came in.
ACCESSIBILITY_REPORT_RETENTION_DAYS = int(os.environ.get("ACCESSIBILITY_REPORT_RETENTION_DAYS", "365"))

# Occurrences of meeting series are stored this many months ahead; `extend_occurrences` runs daily.
CALENDAR_HORIZON_MONTHS = int(os.environ.get("CALENDAR_HORIZON_MONTHS", "24"))
# When the OParl interface went public (its Body's oparlSince): set once, then never changed.
OPARL_SINCE = datetime.datetime.fromisoformat(os.environ.get("OPARL_SINCE", "2026-12-01T00:00:00+01:00"))
# The address OParl's objects are named by, whatever name a request came by (one id per object):
# empty, the site's WAGTAILADMIN_BASE_URL.
OPARL_BASE_URL = os.environ.get("OPARL_BASE_URL", "")
# The Body's keys for clients that file bodies by them: the official municipality and regional keys
# (a Städtetag has none of its own, so empty by default) and the same body elsewhere (Wikidata, ...).
OPARL_AGS = os.environ.get("OPARL_AGS", "")
OPARL_RGS = os.environ.get("OPARL_RGS", "")
OPARL_EQUIVALENT = env_list("OPARL_EQUIVALENT")

# Machine translation in the translation editor: off unless a DeepL key is configured.
if os.environ.get("DEEPL_AUTH_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_AUTH_KEY"]},
    }

# Headless preview: the admin sends editors to this frontend URL with a signed token that expires
# after an hour; the frontend fetches the draft from /api/v2/page_preview/?token=... Off when empty.
HEADLESS_PREVIEW_URL = os.environ.get(
    "HEADLESS_PREVIEW_URL", ""
)  # e.g. https://www.example.org/preview?token={token}
