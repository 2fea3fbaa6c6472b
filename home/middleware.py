from django.conf import settings
from django.utils import translation


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
