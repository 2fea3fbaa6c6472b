"""Wagtail's frontend cache invalidation, extended to purge by tag.

Wagtail's HTTP backend purges single URLs (a page and its routes); a publish also changes lists,
filters, feeds and the sitemap, whose URLs no one can enumerate (every filter combination is a URL).
Every cacheable answer carries its tags in an `xkey` header (see core.cache.pages); this backend
sends one PURGE with the changed tags, and Varnish's xkey module drops exactly the answers that
carry one of them. A CDN with cache tags (Cloudflare's Cache-Tag, Fastly's Surrogate-Key) works the
same way with a backend of its own.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("staedtetag.frontend_cache")


class XKeyVarnishBackend(HTTPBackend):
    """Varnish with the xkey module (Debian's varnish-modules): purge by URL and by tag."""

    def purge_tags(self, tags):
        request = PurgeRequest(
            url=f"{self.cache_scheme}://{self.cache_netloc}/",
            headers={"xkey-purge": " ".join(sorted(tags))},
        )
        try:
            urlopen(request, timeout=5)  # noqa: S310 - the scheme comes from the configured LOCATION
        except (HTTPError, URLError, OSError) as error:
            logger.error("Could not purge the tags %s from Varnish: %s", sorted(tags), error)


def purge_tags_everywhere(tags):
    for backend in get_backends().values():
        if hasattr(backend, "purge_tags"):
            backend.purge_tags(tags)
