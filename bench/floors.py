"""The floors the benchmark compares against, served by the same gunicorn in the same run:
F1 a bare Django view, F2 the same plus one primary-key query. Mounted only for benchmarks
(DJANGO_SETTINGS_MODULE=config.settings.bench)."""

from django.http import HttpResponse
from django.urls import path
from wagtail.models import Locale

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def floor_bare(request):
    response = HttpResponse("ok", content_type="text/plain")
    response["Cache-Control"] = "no-store"  # a floor is never served from a cache
    return response


def floor_one_query(request):
    locale = Locale.objects.filter(pk=1).first()
    response = HttpResponse(locale.language_code if locale else "-", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


def floor_cached(request):
    """F1 as the page cache serves it: a stored answer, one lookup (no view runs after the first)."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/f1/", floor_bare),
    path("bench/f2/", floor_one_query),
    path("bench/f1-cached/", floor_cached),
    *site_urlpatterns,
]
