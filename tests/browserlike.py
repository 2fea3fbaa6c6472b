"""What a browser sends that Django's test client does not: the CSRF check with its `Origin`.

Django's test client skips the CSRF check and sends no `Origin`; Chromium sends `Origin` with every
POST, and `null` where the page's `Referrer-Policy` forbids telling the origin (the Fetch standard's
"serializing a request origin"), which Django's CSRF check refuses. `FormClient` posts a form the
way Chromium would from the page it was shown on.
"""

from urllib.parse import urlsplit

from django.test import Client

ORIGIN_HIDDEN = {"no-referrer"}
ORIGIN_HIDDEN_CROSS_SITE = {"same-origin"}


def origin_sent(page, page_url, action_url):
    """The `Origin` Chromium sends with a POST to `action_url` from `page` (a response) at `page_url`."""
    page_origin = "{0.scheme}://{0.netloc}".format(urlsplit(page_url))
    target = urlsplit(action_url)
    same = not target.netloc or f"{target.scheme}://{target.netloc}" == page_origin
    policy = (page.get("Referrer-Policy") or "strict-origin-when-cross-origin").split(",")[-1].strip()
    if policy in ORIGIN_HIDDEN or (policy in ORIGIN_HIDDEN_CROSS_SITE and not same):
        return "null"
    return page_origin


class FormClient(Client):
    """A client that enforces the CSRF check and posts with the token and the `Origin` of the page
    the form was on, as a browser does."""

    def __init__(self, **kwargs):
        super().__init__(enforce_csrf_checks=True, **kwargs)

    def submit(self, page_url, data, action=None, secure=False, **extra):
        """GET the page (its cookie and token), then POST the form to `action` (default: the page)."""
        scheme = "https" if secure else "http"
        page = self.get(page_url, secure=secure, **extra)
        assert page.status_code == 200, (page_url, page.status_code)
        token = self.cookies["csrftoken"].value if "csrftoken" in self.cookies else ""
        action = action or page_url
        host = extra.get("HTTP_HOST", "testserver")
        origin = origin_sent(page, f"{scheme}://{host}{page_url}", action)
        return self.post(
            action,
            {"csrfmiddlewaretoken": token, **data},
            secure=secure,
            HTTP_ORIGIN=origin,
            HTTP_REFERER=f"{scheme}://{host}{page_url}" if origin != "null" else "",
            **extra,
        )
