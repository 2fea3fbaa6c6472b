"""Old TYPO3 addresses of news in their plain form, `…?tx_news_pi1[news]=7`, whatever else they carry.

TYPO3 wrote these links with more parameters (`tx_news_pi1[action]`, `[controller]`, a `cHash`) and
with the brackets percent-encoded; Wagtail's redirects match a path and its whole query exactly. On a
404 whose query names a news record, this looks the redirect up by the path with that parameter
alone (the import stores them so), then by the parameter on any path (`/index.php?id=12&…`).
Placed before Wagtail's RedirectMiddleware, it sees only what that did not redirect.
"""

import re
from urllib.parse import unquote

from django import http
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

NEWS_PARAMETER = re.compile(r"(?:^|&)tx_news_pi1(?:\[|%5B)news(?:\]|%5D)=(\d+)(?:&|$)", re.IGNORECASE)


class OldNewsAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        match = NEWS_PARAMETER.search(request.META.get("QUERY_STRING", ""))
        if not match:
            return response
        query = f"?tx_news_pi1[news]={match.group(1)}"
        site = Site.find_for_request(request)
        redirects = Redirect.get_for_site(site)
        path = Redirect.normalise_path(unquote(request.path) + query)
        redirect = redirects.filter(old_path=path).first()
        if redirect is None:
            redirect = redirects.filter(old_path__endswith=query).order_by("pk").first()
        if redirect is None or redirect.link is None:
            return response
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(redirect.link)
        return http.HttpResponseRedirect(redirect.link)
