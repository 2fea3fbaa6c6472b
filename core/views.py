from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from .cache import depends_on
from .cache.backend import cache_status
from .request_memo import public


@never_cache
def healthz(request):
    """For a load balancer: 503 when the database does not answer, else 200.

    The cache is an accelerator: without it the site still answers correctly, so a cache outage
    is reported as "degraded" in the body and keeps the status at 200. So is a Redis without a
    memory limit or that drops no keys when full ("cache": "unbounded", with a "warning" saying
    what to set): the site works, but its cache can grow until the machine runs out of memory.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    cache_state = cache_status(cache)
    body = {"status": "ok" if cache_state == "ok" else "degraded", "database": "ok", "cache": cache_state}
    if cache_state == "unbounded":
        body["warning"] = cache.memory_problem()
    return JsonResponse(body)


def not_translated(request, page_id):
    """Tell a reader who switched language that this page exists only in other languages."""
    depends_on("pages")
    page = get_object_or_404(public(Page.objects.live()), pk=page_id)
    versions = list(
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .specific()
    )
    versions = [version for version in versions if version.get_url(request)]  # not routable: not offered
    if not versions:
        raise Http404
    target = next((v for v in versions if v.locale.language_code == translation.get_language()), None)
    if target is not None:
        return redirect(target.get_url(request))
    return TemplateResponse(
        request, "not_translated.html", {"available": versions, "original": page.specific}, status=200
    )


def robots_txt(request):
    """Crawlers may read the public site; the admin, the API's previews and documents are not for them."""
    depends_on("site")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/v2/page_preview/",
        "Disallow: /*/search/",
        "Disallow: /*/suche/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)
