"""The sitemap: an index of pages of at most 2,000 URLs, every live public page in every language,
each with its translations as hreflang alternates.

Wagtail's own sitemap lists only the site root's descendants in the active language, and
/sitemap.xml sits outside the language prefix, so English pages would be missing. One sitemap of
15,000 URLs would take 15 s and a query per URL (`.specific()` drops `select_related`); each page of
this one costs a fixed number of queries and needs no specific page objects: a sitemap needs the URL and
the date of the last publication, both on the base page.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .pagecache import depends_on

PAGE_FIELDS = ("id", "path", "depth", "url_path", "translation_key", "last_published_at", "locale")


class AllLanguagesSitemap(Sitemap):
    limit = 2000  # URLs per sitemap page: each page answers in well under a second

    def location(self, obj):
        # The host the request came to, not the Site record's, which may say "localhost".
        return self.request.build_absolute_uri(obj.get_url(self.request))

    def lastmod(self, obj):
        return obj.last_published_at

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list("path", flat=True)
        in_any_tree = Q()
        for path in roots:
            in_any_tree |= Q(path__startswith=path)
        return (
            Page.objects.live()
            .public()
            .filter(in_any_tree)
            .order_by("path")
            .select_related("locale")
            .only(*PAGE_FIELDS, "locale__language_code")
        )

    def get_latest_lastmod(self):
        # Django's default asks every item; one aggregate answers the same.
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        keys = {item.translation_key for item in items}
        translations = {}
        for other in (
            Page.objects.live()
            .public()
            .filter(translation_key__in=keys)
            .select_related("locale")
            .only(*PAGE_FIELDS, "locale__language_code")
        ):
            translations.setdefault(other.translation_key, []).append(other)
        urls = []
        for item in items:
            location = self.location(item)
            if location is None:
                continue
            alternates = [
                {"lang_code": other.locale.language_code, "location": self.location(other)}
                for other in translations.get(item.translation_key, [])
            ]
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": item.last_published_at,
                    "changefreq": None,
                    "priority": None,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        return urls


SITEMAPS = {"pages": AllLanguagesSitemap}


def sitemap_index(request):
    depends_on("pages")
    sitemaps = {name: cls(request) for name, cls in SITEMAPS.items()}
    return sitemap_views.index(request, sitemaps, sitemap_url_name="sitemap_section")


def sitemap_section(request, section):
    depends_on("pages")
    sitemaps = {name: cls(request) for name, cls in SITEMAPS.items()}
    return sitemap_views.sitemap(request, sitemaps, section=section)
