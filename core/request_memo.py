"""Values computed once per request: the active locale, the view restrictions, the index pages.

Every template tag of a page asked Wagtail for the active locale (a query each) and for the view
restrictions (`.public()` reads them all, each time): 14 and 13 queries on the home page. A value
kept for one request is as fresh as the database was when the request began, in every process.
"""

import contextvars

from django.db.models import Q
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

_memo = contextvars.ContextVar("request_memo", default=None)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def memoized(key, compute):
    """`compute()` once per request (every time outside a request, e.g. in management commands)."""
    store = _memo.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def active_locale():
    return memoized(("locale", translation.get_language()), Locale.get_active)


def default_locale():
    return memoized(("default-locale",), Locale.get_default)


def restricted_paths():
    return memoized(
        ("restricted-paths",),
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
    )


def _restricted_q():
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q


def public(queryset):
    """Wagtail's `.public()` (no view restriction on the page or above it), one query per request."""
    paths = restricted_paths()
    return queryset.exclude(_restricted_q()) if paths else queryset


def not_public(queryset):
    paths = restricted_paths()
    return queryset.filter(_restricted_q()) if paths else queryset.none()
