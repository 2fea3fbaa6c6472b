from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    """Every live public page in every language, each with its translations as hreflang alternates.

    Wagtail's own sitemap lists only the site root's descendants in the active language, and
    /sitemap.xml sits outside the language prefix, so English pages would be missing.
    """

    def location(self, obj):
        # The host the request came to, not the Site record's, which may say "localhost".
        return self.request.build_absolute_uri(obj.get_url(self.request))

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
            .defer_streamfields()
            .select_related("locale")
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        keys = {item.translation_key for item in items}
        translations = {}
        for other in (
            Page.objects.live().public().filter(translation_key__in=keys).select_related("locale").specific()
        ):
            translations.setdefault(other.translation_key, []).append(other)
        urls = []
        for item in items:
            alternates = [
                {"lang_code": other.locale.language_code, "location": self.location(other)}
                for other in translations.get(item.translation_key, [])
            ]
            for url_info in item.get_sitemap_urls(self.request):
                url_info["location"] = self.location(item)
                if len(alternates) > 1:
                    url_info["alternates"] = alternates
                urls.append(url_info)
        return urls
