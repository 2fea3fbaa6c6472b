"""Marks the content checks' findings in a page's preview (accessibility.content_checks).

Only the preview an editor opens in the admin is touched (Wagtail runs it through the middleware
with `request.is_preview` set); the pages readers get are never changed here.
"""

from .content_checks import mark_preview


class ContentChecksMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(request, "is_preview", False)
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            charset = response.charset or "utf-8"
            marked = mark_preview(response.content.decode(charset, errors="replace"))
            if marked is not None:
                response.content = marked.encode(charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response
