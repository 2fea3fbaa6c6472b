"""Security headers and login throttling shared by every part of the site.

* Content-Security-Policy through django-csp: the public site runs no inline script and loads
  nothing from other hosts; the Wagtail admin gets the policy Wagtail's own editor needs.
* Permissions-Policy: the site uses no camera, microphone, location or payment API.
* Login throttling through django-axes for every form that checks a password with Django's
  `authenticate()` (the admin's login, later the members' login), and for Wagtail's page-password
  form, which checks the password itself.
"""

import hashlib

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_user_agent
from axes.models import AccessAttempt
from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from wagtail import views as wagtail_views

ADMIN_PREFIX = "/admin/"
USERNAME_COLUMN = 255  # axes.models.AccessAttempt.username (and AccessFailureLog) max_length


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with a second policy for the Wagtail admin (ADMIN_CONTENT_SECURITY_POLICY).

    Framing has one policy, said twice: no page may be framed, except the admin's previews by the
    admin itself. CSP's frame-ancestors follows the answer's X-Frame-Options (DENY everywhere,
    SAMEORIGIN where Wagtail's preview views ask for it), so the two headers never disagree.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path.startswith(ADMIN_PREFIX):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        # A preview is rendered by Wagtail through this middleware as a request of its own (whose policy
        # the admin's answer keeps), to be shown in the admin's preview panel.
        framed = getattr(request, "is_preview", False)
        framed = framed or response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
        parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF if framed else NONE]}
        return parts


class PermissionsPolicyMiddleware:
    """Turns off browser features the site never uses, for the site and anything it might embed."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.value)
        return response


def client_ip(request):
    """The client's address; behind TRUSTED_PROXY_COUNT proxies, the one they saw.

    Without this every visitor behind a reverse proxy has the proxy's address, and one attacker's
    failed logins would lock the account for everyone. X-Forwarded-For is read from the right,
    skipping the addresses our own proxies appended, so a client cannot forge its way in.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_username(request, credentials=None):
    """The user name django-axes records for a failed login, cut to what its column holds.

    django-axes stores the name as typed; Django's login form does not limit its length, so a
    5,000-character name would be a database error on PostgreSQL (a 500) instead of a wrong password.
    Same sources as django-axes' own lookup (the credentials, else the form), without NUL."""
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    if credentials:
        value = credentials.get(field)
    elif request is not None:
        value = (request.data if hasattr(request, "data") else request.POST).get(field)
    else:
        value = None
    if value is None:
        return None
    return str(value).replace("\x00", "")[:USERNAME_COLUMN]


class SprayingAwareHandler(AxesDatabaseHandler):
    """django-axes' lock per user name and address, and a lock against password spraying.

    Spraying tries one password on many names from one place: each pair stays below its limit. Once
    LOGIN_SPRAYING_LIMIT different names failed from one address with one browser (user agent) within
    the cool-off, that browser at that address may try no further names until it ends. The names it
    already tried keep their own count, and other browsers at the same address go on: a city's staff
    behind one NAT are not locked out by one machine there. Lifted like any lock, under
    Einstellungen → Gesperrte Anmeldungen.
    """

    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or self.is_spraying(request, credentials)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if self.is_spraying(request, credentials):
            # Refused, and not counted as tried: the name stays refused for this browser here.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            return None
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def is_spraying(self, request, credentials=None):
        if request is None:
            return False
        username = client_username(request, credentials)
        since = timezone.now() - settings.AXES_COOLOFF_TIME
        address = getattr(request, "axes_ip_address", None) or client_ip(request)
        agent = getattr(request, "axes_user_agent", None) or get_client_user_agent(request)
        tried = AccessAttempt.objects.filter(ip_address=address, user_agent=agent, attempt_time__gte=since)
        names = set(tried.values_list("username", flat=True).distinct()[: settings.LOGIN_SPRAYING_LIMIT + 1])
        return len(names) >= settings.LOGIN_SPRAYING_LIMIT and username not in names


def lockout_response(request, original_response=None, credentials=None):
    """429 with a page in the reader's (or, in the admin, the editor's) language."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "lockout.html", {"minutes": minutes}, status=429)


def page_password_credentials(restriction_id):
    # One "user name" per protected page: locks the pair (page, address) like a user account.
    return {"username": f"page-password:{restriction_id}"}


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password view, throttled like a login: after AXES_FAILURE_LIMIT wrong
    passwords from one address the form answers with the lockout page until the cool-off ends."""
    credentials = page_password_credentials(page_view_restriction_id)
    if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
        return lockout_response(request, credentials=credentials)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST" and response.status_code == 200:  # the form again: wrong password
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return lockout_response(request, credentials=credentials)
    return response


def within_limit(name, limit, seconds):
    """Count one more event of `name` (a string naming who does what) and say whether it stays within
    `limit` events per `seconds`; in the shared cache, so every worker and instance counts together.
    With the cache away, events are let through: a throttle must not lock everyone out."""
    key = "limit:" + hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between the two calls, or no cache at the moment
        return True
