from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from calendar_app.admin_views import recurrence_js_catalog
from core.cache.parts import part_view
from core.errors import api_not_found, read_only
from core.security import authenticate_with_password
from core.sitemaps import sitemap_index, sitemap_section
from core.views import favicon, healthz, not_translated, robots_txt
from search.views import search

from .api import api_router, openapi

# Outside the language prefix: machines and editors. The machines' addresses only read: a write
# method is a 405 in the interface's format, not the CSRF check's 403 (core.errors.read_only; the
# API's viewsets and OParl's views answer 405 themselves).
urlpatterns = [
    path("healthz", read_only(healthz), name="healthz"),
    path("robots.txt", read_only(robots_txt), name="robots_txt"),
    path("favicon.ico", read_only(favicon)),
    # Wagtail's and django-recurrence's strings again after the recurrence widget's jquery.init.js
    # (calendar_app.widgets), in the editor's language as Wagtail's own catalogue
    path("admin/recurrence-i18n.js", recurrence_js_catalog, name="recurrence_js_catalog"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/openapi.json", read_only(openapi), name="openapi"),
    path("api/v2/", api_router.urls),
    # Anything else under /api/ is a JSON 404, also with DEBUG on (Django's debug 404 page is HTML).
    re_path(r"^api/", api_not_found),
    path("oparl/1.1/", include("members.oparl.urls")),  # OParl, the German standard interface
    path("_parts/<slug:name>/<str:language>/", read_only(part_view), name="page_cache_part"),  # Varnish's ESI
    path("sitemap.xml", read_only(sitemap_index), name="sitemap"),
    path("sitemap-<str:section>.xml", read_only(sitemap_section), name="sitemap_section"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if settings.DEBUG or settings.SERVE_MEDIA_IMAGES:
    from django.views.static import serve

    # Images and sign-language videos only: documents are served by Wagtail's permission-checked
    # view (or the members' paper view), never from their storage path.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:images|original_images|videos)/[^/]+)$",
            serve,
            {"document_root": Path(settings.MEDIA_ROOT)},
        )
    ]

# Readers: every page under /de/ or /en/; "/" redirects by the browser's language.
urlpatterns += i18n_patterns(
    path(_("search/"), search, name="search"),  # /de/suche/, /en/search/
    path("search/", RedirectView.as_view(pattern_name="search", permanent=True, query_string=True)),
    path("not-translated/<int:page_id>/", not_translated, name="not_translated"),
    # Wagtail's page-password form, throttled like a login (before Wagtail's own route of that name).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include("members.urls")),
    path("", include("accessibility.urls")),
    path("", include("mailings.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
