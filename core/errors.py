"""Error answers: JSON with a `message` under /api/ and /oparl/, a page in the reader's language elsewhere.

Django's error handlers answer HTML everywhere; an API client asking /api/v2/nope/ got an HTML page
and could not read it. Every error under /api/ now has the shape the documented ones have.
A database that does not answer is a 503 with Retry-After (the load balancer and clients may
retry), not a 500, and its page needs no database.
"""

import functools
import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt, requires_csrf_token

API_PREFIX = "/api/"
# The machine interfaces, each with the fields its error object has besides `message` (OParl 2-09
# names the error's type); under them every error is JSON, whatever failed.
MACHINE_INTERFACES = {API_PREFIX: {}, "/oparl/": {"type": "https://schema.oparl.org/1.1/Error"}}
RETRY_AFTER_SECONDS = 5


def interface_of(request):
    return next((prefix for prefix in MACHINE_INTERFACES if request.path.startswith(prefix)), None)


def is_api(request):
    return interface_of(request) is not None


def api_error(status, message, request=None):
    interface = interface_of(request) if request is not None else API_PREFIX
    response = JsonResponse({**MACHINE_INTERFACES.get(interface, {}), "message": message}, status=status)
    response["Cache-Control"] = "no-store"
    if interface not in (None, API_PREFIX):  # OParl 2-06: every JSON answer, errors too
        response["Access-Control-Allow-Origin"] = "*"
    return response


@requires_csrf_token
def bad_request(request, exception=None):
    if is_api(request):
        return api_error(400, "bad request: the address or a parameter is malformed", request)
    return defaults.bad_request(request, exception, template_name="400.html")


@requires_csrf_token
def permission_denied(request, exception=None):
    if is_api(request):
        return api_error(403, "forbidden", request)
    return defaults.permission_denied(request, exception)


@requires_csrf_token
def page_not_found(request, exception=None):
    if is_api(request):
        return api_error(404, "not found", request)
    return defaults.page_not_found(request, exception)


def csrf_failure(request, reason=""):
    """A form the CSRF check refused (CSRF_FAILURE_VIEW): the site's page in the reader's language,
    saying what to do (reload the form, allow cookies), with a link back to the form. Django's own
    page is English-only technical text whose inline style the site's CSP blocks."""
    logging.getLogger("django.security.csrf").info("CSRF failure page shown: %s", reason)
    if is_api(request):
        return api_error(403, "forbidden: the CSRF check failed", request)
    response = render(request, "403_csrf.html", {"no_cookie": "cookie" in reason.lower()}, status=403)
    add_never_cache_headers(response)
    return response


READ_METHODS = ("GET", "HEAD", "OPTIONS")


def read_only(view):
    """A view of a machine interface (OParl, the API's document, health, robots, sitemaps, the
    parts Varnish includes): it only answers reads. A write method is a 405 naming what it allows,
    in the interface's format (JSON under /api/ and /oparl/), before the CSRF check: such views
    take no cookies and change nothing, so Django's CSRF page (HTML, a 403 that reads as "not
    allowed for you") would tell a client the wrong thing."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in READ_METHODS:
            if is_api(request):
                response = api_error(
                    405, f"method {request.method} not allowed: this interface only reads", request
                )
            else:
                response = HttpResponse(
                    f"{request.method} not allowed: this address only reads.\n",
                    status=405,
                    content_type="text/plain; charset=utf-8",
                )
                response["Cache-Control"] = "no-store"
            response["Allow"] = ", ".join(READ_METHODS)
            return response
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)


@read_only
def api_not_found(request, *args, **kwargs):
    return api_error(404, "not found", request)


def database_unavailable(request):
    """503 with a page that needs neither the database nor the cache."""
    if is_api(request):
        response = api_error(503, "temporarily unavailable, please retry shortly", request)
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Cache-Control"] = "no-store"
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@requires_csrf_token
def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError) or (
        isinstance(error, DatabaseError) and "connection" in str(error).lower()
    ):
        return database_unavailable(request)
    if is_api(request):
        return api_error(500, "server error", request)
    return defaults.server_error(request)
