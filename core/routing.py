"""Routable pages across languages: sub-routes in each language's words, and their views.

A page's routes call view functions that the app's views module registers on the page's
`RouteViews` (the views import the models; the models never import the views back), and the
language switcher leads to the same sub-route in the other language.
"""

from django.shortcuts import redirect


class RouteViews:
    """The view functions of a routable page's routes, registered by the app's views module.

    `@route_views.register` (or `.register(name="ical")`) decorates a function; `route_views.name(page,
    request, ...)` calls it. The app's AppConfig imports its views module, so every route has its view
    before the first request.
    """

    def __init__(self, owner):
        self._owner = owner
        self._views = {}

    def register(self, function=None, *, name=None):
        if function is None:
            return lambda function: self.register(function, name=name)
        self._views[name or function.__name__] = function
        return function

    def __getattr__(self, name):
        try:
            return self.__dict__["_views"][name]
        except KeyError:
            raise AttributeError(f"{self.__dict__.get('_owner')} has no view {name!r}") from None


class TranslatedRoutesMixin:
    """For routable pages: the language switcher keeps the reader on the same sub-route and filters.

    Sub-routes and query parameters that carry slugs of translatable snippets (topics, committees)
    are given the slug of the target language's translation.
    """

    #: {route prefix or query parameter: model whose slug it carries}
    translated_slugs = {}
    #: {language: {English route word: that language's word}}, for routes named in the page's language
    route_words = {}

    def translated_url(self, request, target):
        base = self.get_url(request)
        path = request.path
        if not base or not path.startswith(base):
            return target.get_url(request)
        parts = path[len(base) :].split("/")
        if len(parts) >= 2 and parts[0] in self.translated_slugs:
            parts[1] = self._slug_in(self.translated_slugs[parts[0]], parts[1], target.locale)
        if parts and parts[0]:
            english = {v: k for words in self.route_words.values() for k, v in words.items()}.get(
                parts[0], parts[0]
            )
            parts[0] = self.route_words.get(target.locale.language_code, {}).get(english, english)
        query = request.GET.copy()
        for name, model in self.translated_slugs.items():
            if name in query:
                query[name] = self._slug_in(model, query[name], target.locale)
        query.pop("page", None)  # page numbers differ between languages
        url = target.get_url(request) + "/".join(parts)
        return url + ("?" + query.urlencode() if query else "")

    def _slug_in(self, model, slug, locale):
        source = model.objects.filter(slug=slug, locale=self.locale).first()
        translated = (
            source and model.objects.filter(translation_key=source.translation_key, locale=locale).first()
        )
        return translated.slug if translated else slug


class LocalizedRoutesMixin(TranslatedRoutesMixin):
    """Sub-routes in the page's language: /de/termine/gremium/..., /en/events/committee/... .

    Each route in GERMAN_ROUTES has a German twin named "<name>_de"; code and templates ask for the
    English name and get the German address on a German page. A route reached in the other
    language's words answers with a permanent redirect to the right one, its query kept, so old
    links (/de/termine/committee/...) keep working.
    """

    GERMAN_ROUTES = frozenset()

    def _german(self):
        return self.locale.language_code == "de"

    def reverse_subpage(self, name, args=None, kwargs=None):
        if self._german() and name in self.GERMAN_ROUTES:
            name = f"{name}_de"
        return super().reverse_subpage(name, args=args, kwargs=kwargs)

    def serve_route(self, request, name, *args, words="en"):
        """Serve route `name` reached in `words` ("en" or "de") with the view its app registered on
        `route_views`, or redirect to the route in the page's own language."""
        if (words == "de") != self._german():
            target = self.get_url(request) + self.reverse_subpage(name, args=list(args))
            query = request.META.get("QUERY_STRING", "")
            return redirect(f"{target}?{query}" if query else target, permanent=True)
        return getattr(self.route_views, name)(self, request, *args)
