"""The site's pages endpoint: Wagtail's, plus translations and locale-aware find."""

from django.conf import settings
from django.http import Http404
from django.urls import path
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed, MethodNotAllowed, NotAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.filters import LocaleFilter
from wagtail.api.v2.serializers import BaseSerializer, PageSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string, parse_fields_parameter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, PageViewRestriction, Site, get_page_models

from .api_filters import (
    DocumentedOrderingFilter,
    TreeFilter,
    TypedFieldsFilter,
    WordsSearchFilter,
    field_filters,
)
from .cache import depends_on
from .preview import InvalidToken, read_token
from .request_memo import public

_field_serializers = {}


def serialize_fields(model, **serializers):
    """How the API serialises some of `model`'s `api_fields`, declared by the app's API module.

    A model names its API fields and imports nothing from the API layer (which imports the models);
    the serializers of the computed ones (a series' next meetings, a topic by name) are given here.
    """
    _field_serializers.setdefault(model, {}).update(serializers)


def field_serializers(model):
    """The serializers registered for `model` and the models it inherits from."""
    found = {}
    for klass in reversed(model.__mro__):
        found.update(_field_serializers.get(klass, {}))
    return found


class ConsistentErrorsMixin:
    """One error shape for every endpoint: `{"message": ...}`, and "not found" for anything missing.

    Wagtail answers a missing page with "No Page matches the given query." and DRF's own errors
    (a bad preview token) come as `{"detail": ...}`.
    """

    cache_tags = ("pages",)  # what the answers show, for the page cache (see core.cache)

    def initial(self, request, *args, **kwargs):
        # The API only reads: a write method is a 405 before anything else (members' endpoints
        # would otherwise answer it with a 401, as if signing in would let one write).
        if request.method.lower() not in self.http_method_names or not hasattr(self, request.method.lower()):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)
        depends_on(*self.cache_tags)

    def find_view(self, request):
        # Wagtail always appends "?" and the remaining parameters, even when none remain.
        response = super().find_view(request)
        location = response.get("Location", "")
        if location.endswith("?"):
            response["Location"] = location[:-1]
        return response

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return Response({"message": "not found"}, status=404)
        response = super().handle_exception(exc)
        data = getattr(response, "data", None)
        if isinstance(data, dict) and "detail" in data and "message" not in data:
            response.data = {"message": str(data["detail"])}
        return response


class DocumentedFieldsMixin:
    """`fields` accepts exactly what the OpenAPI document lists for the endpoint.

    The document cannot say which fields belong to which `type`, so every field name it lists is
    accepted everywhere: a field that the selected type does not have, or that a listing does not
    give (bodies come with details only), is left out of the answer. A name the endpoint does not
    know at all, a nested selection (`field(sub)`) or bad syntax is a 400.
    """

    renderer_classes = [JSONRenderer]  # no browsable HTML API: every answer is JSON

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {**super().get_field_serializer_overrides(model), **field_serializers(model)}

    @classmethod
    def served_models(cls):
        return [cls.model]

    @classmethod
    def field_names(cls, model, listing):
        names = set(cls.get_body_fields_names(model)) | set(cls.get_meta_fields_names(model))
        return names - set(cls.detail_only_fields) if listing else names

    @classmethod
    def documented_fields(cls, listing):
        """Every field name `fields` may carry on the listing (or the detail) of this endpoint."""
        names = set()
        for model in cls.served_models():
            names |= cls.field_names(model, listing)
        return names

    @classmethod
    def field_filters(cls, model):
        """{name: FieldFilter} for items of `model` (none without TypedFieldsFilter)."""
        return field_filters(cls, model) if TypedFieldsFilter in cls.filter_backends else {}

    def get_serializer_class(self):
        listing = self.action == "listing_view"
        model = self.get_queryset().model if listing else type(self.get_object())
        fields_config = []
        if "fields" in self.request.GET:
            try:
                fields_config = parse_fields_parameter(self.request.GET["fields"])
            except ValueError as error:
                raise BadRequestError(f"fields error: {error}") from error
        if any(sub_fields for _name, _negated, sub_fields in fields_config):
            raise BadRequestError("fields: nested selections such as field(subfield) are not supported")
        available = self.field_names(model, listing)
        documented = self.documented_fields(listing=False)
        fields_config = [
            item
            for position, item in enumerate(fields_config)
            if (position == 0 and item[0] in ("*", "_")) or item[0] in available or item[0] not in documented
        ]
        return self._get_serializer_class(
            self.request.wagtailapi_router, model, fields_config, show_details=not listing
        )


class PageTranslationsField(serializers.Field):
    """The same page in the other languages: locale, id and URL of each live, public translation."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        request = self.context["request"]
        translations = (
            public(Page.objects.live())
            .filter(translation_key=page.translation_key)
            .exclude(pk=page.pk)
            .select_related("locale")
            .order_by("locale__language_code")
        )
        return [
            {
                "locale": other.locale.language_code,
                "id": other.pk,
                "html_url": other.get_full_url(request),
            }
            for other in translations
        ]


class SitePageSerializer(PageSerializer):
    translations = PageTranslationsField(read_only=True)


class SitePagesAPIViewSet(ConsistentErrorsMixin, DocumentedFieldsMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint, plus translations in every detail and locale-aware find."""

    base_serializer_class = SitePageSerializer
    meta_fields = [*PagesAPIViewSet.meta_fields, "translations"]
    # Bodies (StreamFields whose chooser blocks load their images and documents page by page) and
    # the next meetings of a series are worth their queries on a detail page, not per listed item:
    # a listing costs the same number of queries for 1 page as for 100.
    detail_only_fields = [
        *PagesAPIViewSet.detail_only_fields,
        "translations",
        "body",
        "description",
        "intro",
        "next_occurrences",
    ]

    filter_backends = [
        TypedFieldsFilter,
        TreeFilter,
        DocumentedOrderingFilter,
        LocaleFilter,
        WordsSearchFilter,
    ]
    cache_tags = ("pages", "topics", "images", "documents", "calendar")
    # Ordering works while searching only by fields the search index can sort by.
    documented_order_fields = ("id", "title", "first_published_at")

    @classmethod
    def order_fields(cls, model):
        """What `order` takes for items of `model`: the common fields, and with a `type` that type's
        single-valued filterable fields (`-date` for articles, as the site lists them)."""
        own = [name for name, found in cls.field_filters(model).items() if not found.many]
        return tuple(dict.fromkeys([*cls.documented_order_fields, *sorted(own)]))

    @classmethod
    def served_models(cls):
        return [Page, *get_page_models()]

    @classmethod
    def get_listing_default_fields(cls, model):
        # What a frontend shows in a list of this type (a card), without having to ask for it.
        return [*super().get_listing_default_fields(model), *getattr(model, "api_listing_fields", [])]

    @classmethod
    def page_types(cls):
        """Every value of `type`: "app_label.ModelName" of each page model."""
        return sorted({f"{m._meta.app_label}.{m.__name__}" for m in cls.served_models()})

    def get_base_queryset(self):
        """Wagtail's `get_public_pages_queryset`, built once per request instead of once per use.

        Wagtail rebuilds it for the listing and again for every tree filter, each time reading every
        view restriction and, per group restriction, its groups; and for one page type it filters
        the type's table by `pk IN (all visible pages)`, which PostgreSQL evaluates over every page
        (52 of 136 ms at 10,000 articles). `visible_pages(model)` gives the same rows straight from
        the type's own table, with the restrictions read in one query.
        """
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = self.visible_pages(Page)
        return self._base_queryset

    def visible_pages(self, model):
        # The same rules as wagtail.api.querysets.get_public_pages_queryset (live, no view
        # restriction this request does not pass, below the site's root in any language), for any
        # page model; that function cannot take restrictions read once.
        queryset = model._default_manager.all().live()
        for page in self._refused_restrictions():
            queryset = queryset.not_descendant_of(page, inclusive=True)
        try:
            site = SiteFilterValidator(site=self.request.GET.get("site"), request=self.request).site_obj
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        if not site:
            return queryset.none()
        scoped = queryset.descendant_of(site.root_page, inclusive=True)
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            for other in site.root_page.get_translations():
                scoped |= queryset.descendant_of(other, inclusive=True)
        return scoped

    def _refused_restrictions(self):
        if not hasattr(self, "_refused"):
            restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
            self._refused = [r.page for r in restrictions if not r.accept_request(self.request)]
        return self._refused

    def get_queryset(self):
        value = self.request.GET.get("type")
        try:
            models = page_models_from_string(value) if value is not None else []
        except (LookupError, ValueError) as error:
            raise BadRequestError(f"type: not a page type of this site (got {value!r})") from error
        queryset = self.visible_pages(models[0]) if len(models) == 1 else super().get_queryset()
        queryset = queryset.select_related("locale")
        # A page type may say what its API fields need, so that a listing costs the same
        # number of queries for 1 item as for 100.
        prepare = getattr(queryset.model, "api_queryset", None)
        return prepare(queryset) if prepare else queryset

    def check_query_parameters(self, queryset):
        # A filter of another page type (the document lists every type's filters, OpenAPI 3.0 cannot
        # tie one to a `type`) selects nothing: no meeting series has kind=statement. Its value is
        # still read, so a value no type could take is a 400 as everywhere.
        own = set(self.get_available_fields(queryset.model, db_fields_only=True))
        foreign = {}
        for model in self.served_models():
            for name, found in self.field_filters(model).items():
                if name not in own:
                    foreign.setdefault(name, found)
        given = [name for name in self.request.GET if name in foreign]
        for name in given:
            values = self.request.GET.getlist(name)
            if len(values) > 1:
                raise BadRequestError(f"{name}: given more than once; separate several values with commas")
            foreign[name].read(values[0])
        self.selects_nothing = bool(given)
        unknown = set(self.request.GET) - set(given) - own - set(self.known_query_parameters)
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: " + ", ".join(sorted(unknown))
            )
        code = self.request.GET.get("locale")
        if code is not None and code not in dict(settings.LANGUAGES):
            # Wagtail answers 404 "No Locale matches the given query": a bad parameter is a 400.
            raise BadRequestError(f"locale: unknown, use one of {', '.join(dict(settings.LANGUAGES))}")

    def filter_queryset(self, queryset):
        if getattr(self, "selects_nothing", False):
            queryset = queryset.none()  # the other filters and `search` still read their values
        return super().filter_queryset(queryset)

    def find_object(self, queryset, request):
        # Wagtail routes html_path from the default site root, so "/de/..." and "/en/..." were not
        # found (Wagtail issue 6679). Resolve the language prefix to that language's home page.
        site = Site.find_for_request(request)
        path = request.GET.get("html_path")
        if path is not None and not path.strip("/ "):
            raise BadRequestError(
                "html_path: give a reader's path such as /de/termine/ (empty finds nothing)"
            )
        if path is None or site is None:
            return super().find_object(queryset, request)
        components = [component for component in path.split("/") if component]
        languages = dict(settings.LANGUAGES)
        if not components or components[0] not in languages:
            return super().find_object(queryset, request)
        home = site.root_page.get_translation_or_none(Locale.objects.get(language_code=components[0]))
        if home is None:
            return None
        try:
            with translation.override(components[0]):
                page, _args, _kwargs = home.specific.route(request, components[1:])
        except Http404:
            return None
        return page if queryset.filter(id=page.id).exists() else None


class SnippetLocaleField(serializers.Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return instance.locale.language_code


class TranslatableSnippetSerializer(BaseSerializer):
    locale = SnippetLocaleField(read_only=True)


class TranslatableSnippetAPIViewSet(ConsistentErrorsMixin, DocumentedFieldsMixin, BaseAPIViewSet):
    """A read-only endpoint for a translatable snippet, filterable by `locale`."""

    base_serializer_class = TranslatableSnippetSerializer
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale"])
    meta_fields = [*BaseAPIViewSet.meta_fields, "locale"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "locale"]

    def get_queryset(self):
        queryset = self.model.objects.select_related("locale").order_by("pk")
        code = self.request.GET.get("locale")
        if code is not None:
            if code not in dict(settings.LANGUAGES):
                raise BadRequestError(f"locale: unknown, use one of {', '.join(dict(settings.LANGUAGES))}")
            queryset = queryset.filter(locale__language_code=code)
        return queryset


class PrefetchedTagsField(serializers.Field):
    """Tag names from the prefetched tags (Wagtail's own field queries once per item)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class SiteImageSerializer(ImageSerializer):
    tags = PrefetchedTagsField(read_only=True)


class SiteDocumentSerializer(DocumentSerializer):
    tags = PrefetchedTagsField(read_only=True)


class SiteImagesAPIViewSet(ConsistentErrorsMixin, DocumentedFieldsMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint with alt text and credit, and tags fetched for the whole listing."""

    base_serializer_class = SiteImageSerializer
    cache_tags = ("images",)
    filter_backends = [TypedFieldsFilter, DocumentedOrderingFilter, WordsSearchFilter]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


class SiteDocumentsAPIViewSet(ConsistentErrorsMixin, DocumentedFieldsMixin, DocumentsAPIViewSet):
    base_serializer_class = SiteDocumentSerializer
    cache_tags = ("documents",)
    filter_backends = [TypedFieldsFilter, DocumentedOrderingFilter, WordsSearchFilter]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


class PagePreviewAPIViewSet(SitePagesAPIViewSet):
    """`/api/v2/page_preview/?token=...`: the draft an editor previews, for a headless frontend.

    Answers like a page detail; 401 for a forged or expired token, 404 if the page is gone.
    Never cached: drafts must not land in a shared cache.
    """

    known_query_parameters = SitePagesAPIViewSet.known_query_parameters.union(["token"])
    name = "page_preview"

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "preview_view"}), name="listing")]

    def get_object(self):
        token = self.request.GET.get("token")
        if not token:
            raise NotAuthenticated("token: required")
        try:
            page_id, revision_id = read_token(token)
        except InvalidToken as error:
            raise AuthenticationFailed(str(error)) from error
        page = Page.objects.filter(pk=page_id).first()
        revision = page and page.revisions.filter(pk=revision_id).first()
        if revision is None:
            raise Http404("not found")
        return revision.as_object()

    def get_authenticate_header(self, request):
        return 'Token realm="preview"'  # so that a bad token is a 401, not a 403

    def get_serializer_class(self):
        self.action = "detail_view"  # serialise with every detail field
        return super().get_serializer_class()

    def preview_view(self, request):
        self.check_query_parameters(Page.objects.none())
        page = self.get_object()
        response = Response(self.get_serializer(page).data)
        add_never_cache_headers(response)
        return response
