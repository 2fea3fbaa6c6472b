import hashlib

from django.conf import settings
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control

# Paths outside the language prefix: a 404 there is an answer, not a reason to redirect.
UNPREFIXED = ("/api/", "/admin/", "/documents/", "/healthz", "/sitemap.xml", "/static/", "/media/")


class UnprefixedAwareLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that it never redirects a 404 from /api/ and the like.

    Otherwise /api/v2/pages/999/ would redirect to /de/api/v2/pages/999/, which Wagtail's
    catch-all page route accepts as a path: an API client would get HTML instead of a JSON 404.
    """

    def process_response(self, request, response):
        if request.path.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)


class AdminLanguageMiddleware:
    """The admin speaks German unless an editor chose another language in their profile.

    LocaleMiddleware would follow the browser's Accept-Language outside the language prefix,
    giving an English admin to editors whose browser is English. Wagtail applies an editor's
    own profile choice after this, so the choice still wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/admin/"

    def __call__(self, request):
        if request.path.startswith(self.prefix):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)


class APICacheHeadersMiddleware:
    """Validators and a short shared-cache lifetime for API GET responses.

    The ETag is a hash of the body, so publishing anything a response includes (a page, a
    listing, an occurrence) changes it; `If-None-Match` with the current ETag answers 304.
    """

    prefix = "/api/"
    max_age = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not request.path.startswith(self.prefix)
            or request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or response.streaming
            or response.has_header("Cache-Control")  # the view decided itself (e.g. previews: never)
        ):
            return response
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=self.max_age)
        conditional = get_conditional_response(request, etag=etag, response=response)
        return conditional


class APIInputGuardMiddleware:
    """Ids beyond what the database can hold answer 404 (in the path) or 400 (in a filter).

    Otherwise SQLite raises OverflowError and PostgreSQL a DataError: a 500 for a typo.
    """

    prefix = "/api/"
    max_id = 2_147_483_647
    id_parameters = ("child_of", "descendant_of", "ancestor_of", "translation_of", "id", "offset", "limit")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.prefix):
            for segment in request.path.split("/"):
                if segment.isdigit() and int(segment) > self.max_id:
                    return JsonResponse({"message": "not found"}, status=404)
            for name in self.id_parameters:
                value = request.GET.get(name, "")
                if value.isdigit() and int(value) > self.max_id:
                    return JsonResponse({"message": f"{name}: at most {self.max_id}"}, status=400)
        return self.get_response(request)
