import hashlib
import logging

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.db import transaction
from django.http import QueryDict
from django.http.multipartparser import MultiPartParserError
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.datastructures import MultiValueDict

from . import errors
from .cache.pages import is_personal
from .inputs import MAX_ID, ascii_int, has_forbidden_characters

logger = logging.getLogger("staedtetag.requests")

# What reading a form body can raise: a charset other than UTF-8 or one Python does not know, a
# broken multipart boundary, too many fields or too much data, bytes that are no text.
UNREADABLE_BODY = (
    BadRequest,
    SuspiciousOperation,
    MultiPartParserError,
    LookupError,
    UnicodeDecodeError,
    ValueError,
)

# Paths outside the language prefix: a 404 there is an answer, not a reason to redirect.
UNPREFIXED = (
    "/api/",
    "/admin/",
    "/documents/",
    "/healthz",
    "/sitemap",
    "/static/",
    "/media/",
    "/robots.txt",
    "/favicon.ico",
    "/_parts/",
)


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


class CacheHeadersMiddleware:
    """Who may keep an answer, said in its headers.

    * An answer to someone with a session or a token is `private, no-store`, whatever the view said,
      with `Vary: Authorization, Cookie`: a shared cache (a city's intranet proxy, a CDN) must never
      keep a member's papers and hand them to the next client, and a browser keeps no copy either.
    * Anonymous API answers get validators and a short shared lifetime: the ETag is a hash of the
      body, so publishing anything a response includes changes it; `If-None-Match` with the current
      ETag answers 304. They vary by Authorization, since a token may see more at the same URL.
    * No `Content-Encoding: None`: Wagtail's sendfile writes the guessed encoding of every file it
      sends, also when there is none, and a client may then refuse to decode the body.
    """

    api_prefix = "/api/"
    max_age = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Encoding") == "None":
            del response["Content-Encoding"]
        if request.path.startswith(self.api_prefix):
            patch_vary_headers(response, ["Authorization"])
        if is_personal(request):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Authorization", "Cookie"])
            return response
        if (
            not request.path.startswith(self.api_prefix)
            or request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or response.streaming
            or response.has_header("Cache-Control")  # the view decided itself (e.g. previews: never)
        ):
            return response
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=self.max_age)
        return get_conditional_response(request, etag=etag, response=response)


class InputGuardMiddleware:
    """Input that no view can use is answered here, once for every route, before any view sees it.

    * NUL in the path or a query parameter: PostgreSQL cannot store or compare it (a DataError,
      a 500), and no reader or client means it. 400 (JSON under /api/ and /oparl/).
    * Under /api/: an id in the path written with other than ASCII digits ("²" passes Python's
      `\\d`, which Wagtail's routes use) or beyond what the database holds is a 404; an integer
      parameter that is not ASCII digits within range is a 400 naming the parameter.
    * NUL in a form's fields (a POST of a form, outside file contents) is removed: a view or a form
      that stores a field as sent (a token's name) would fail in PostgreSQL, and answering 400 would
      throw away what the person typed; without the NUL the form's own checks answer in its words.
    * A form body that cannot be read (another charset than UTF-8, an unknown one, a broken
      multipart boundary, too many fields, too much data) is a 400 with the site's error page and
      one log line, before the CSRF check or a view reads it: Django raises on every later read,
      and its error path, reading it again, turned that into a bare 500.
    """

    api_prefix = "/api/"
    # Each integer parameter with the smallest value it can take (ids start at 1).
    integer_parameters = {
        "child_of": 1,
        "descendant_of": 1,
        "ancestor_of": 1,
        "translation_of": 1,
        "id": 1,
        "offset": 0,
        "limit": 0,
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_api = request.path.startswith(self.api_prefix)
        where = self.nul_in(request)
        if where:
            if errors.is_api(request):
                return errors.api_error(
                    400, f"{where}: contains a NUL character, which is not allowed", request
                )
            return errors.bad_request(request)
        if request.method == "POST" and request.content_type in self.form_types:
            try:
                request.POST, request.FILES  # noqa: B018  (parsed here, once)
            except UNREADABLE_BODY as error:
                return self.unreadable_body(request, error, is_api)
            self.remove_nul_from_form(request)
        if is_api:
            for segment in request.path.split("/"):
                if segment.isdigit() and ascii_int(segment) is None:
                    return errors.api_error(404, "not found")
            for name, minimum in self.integer_parameters.items():
                for value in request.GET.getlist(name):
                    if ascii_int(value, minimum) is None:
                        return errors.api_error(
                            400, f"{name}: a whole number from {minimum} to {MAX_ID} (got {value!r})"
                        )
        return self.get_response(request)

    form_types = ("application/x-www-form-urlencoded", "multipart/form-data")

    @staticmethod
    def unreadable_body(request, error, is_api):
        # Nothing may read the body after this: an empty form is what the rest of the request sees.
        request._post, request._files = QueryDict(), MultiValueDict()
        logger.warning("Unreadable form body on %s (%s): %s", request.path, request.content_type, error)
        if is_api:
            return errors.api_error(400, "the request body cannot be read as a form")
        return errors.bad_request(request)

    @staticmethod
    def remove_nul_from_form(request):
        fields = request.POST
        if not any(
            has_forbidden_characters(name) or any(has_forbidden_characters(v) for v in values)
            for name, values in fields.lists()
        ):
            return
        cleaned = QueryDict(mutable=True, encoding=fields.encoding)
        for name, values in fields.lists():
            cleaned.setlist(name.replace("\x00", ""), [value.replace("\x00", "") for value in values])
        cleaned._mutable = False
        request.POST = cleaned  # what the views, the forms and the CSRF check read

    @staticmethod
    def nul_in(request):
        """Where a NUL character is ("path" or the parameter's name), or None."""
        if has_forbidden_characters(request.path):
            return "path"
        for name, values in request.GET.lists():
            if has_forbidden_characters(name) or any(has_forbidden_characters(value) for value in values):
                return name.replace("\x00", "") or "parameter"
        return None


class AtomicAdminWritesMiddleware:
    """Every change made in the admin commits whole or not at all (Django's ATOMIC_REQUESTS, for the
    admin's writes only).

    Wagtail saves a publish in several steps; wrapped in one transaction, the page, its revision and
    what reacts to the publish (the e-mail the mailings app queues, the cache purges run on commit)
    are stored together or not at all: a mail is queued if and only if the publish committed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD", "OPTIONS") or not request.path.startswith("/admin/"):
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response
