"""The site's pages endpoint: Wagtail's, plus translations and locale-aware find."""

from django.conf import settings
from django.http import Http404
from django.urls import path
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated
from rest_framework.response import Response
from wagtail.api.v2.serializers import BaseSerializer, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, Site

from .preview import InvalidToken, read_token
from .search import clean_query


class ConsistentErrorsMixin:
    """One error shape for every endpoint: `{"message": ...}`, and "not found" for anything missing.

    Wagtail answers a missing page with "No Page matches the given query." and DRF's own errors
    (a bad preview token) come as `{"detail": ...}`.
    """

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return Response({"message": "not found"}, status=404)
        response = super().handle_exception(exc)
        data = getattr(response, "data", None)
        if isinstance(data, dict) and "detail" in data and "message" not in data:
            response.data = {"message": str(data["detail"])}
        return response


class PageTranslationsField(serializers.Field):
    """The same page in the other languages: locale, id and URL of each live, public translation."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        request = self.context["request"]
        translations = (
            Page.objects.live()
            .public()
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


class SitePagesAPIViewSet(ConsistentErrorsMixin, PagesAPIViewSet):
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

    def listing_view(self, request):
        if "search" in request.GET:
            query = request.GET.copy()
            query["search"] = clean_query(query["search"])
            request._request.GET = query  # DRF reads the Django request's GET
        return super().listing_view(request)

    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")
        # A page type may say what its API fields need, so that a listing costs the same
        # number of queries for 1 item as for 100.
        prepare = getattr(queryset.model, "api_queryset", None)
        return prepare(queryset) if prepare else queryset

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        code = self.request.GET.get("locale")
        if code is not None and code not in dict(settings.LANGUAGES):
            # Wagtail answers 404 "No Locale matches the given query": a bad parameter is a 400.
            raise BadRequestError(f"locale: unknown, use one of {', '.join(dict(settings.LANGUAGES))}")

    def find_object(self, queryset, request):
        # Wagtail routes html_path from the default site root, so "/de/..." and "/en/..." were not
        # found (Wagtail issue 6679). Resolve the language prefix to that language's home page.
        site = Site.find_for_request(request)
        path = request.GET.get("html_path")
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


class TranslatableSnippetAPIViewSet(ConsistentErrorsMixin, BaseAPIViewSet):
    """A read-only endpoint for a translatable snippet, filterable by `locale`."""

    base_serializer_class = TranslatableSnippetSerializer
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale"])
    meta_fields = [*BaseAPIViewSet.meta_fields, "locale"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "locale"]

    def get_queryset(self):
        queryset = self.model.objects.select_related("locale").order_by("pk")
        code = self.request.GET.get("locale")
        if code:
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


class SiteImagesAPIViewSet(ConsistentErrorsMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint with alt text and credit, and tags fetched for the whole listing."""

    base_serializer_class = SiteImageSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


class SiteDocumentsAPIViewSet(ConsistentErrorsMixin, DocumentsAPIViewSet):
    base_serializer_class = SiteDocumentSerializer

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
