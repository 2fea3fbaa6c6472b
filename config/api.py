"""The one API router: every app's endpoints are registered here."""

from wagtail.api.v2.router import WagtailAPIRouter

from articles.models import Topic
from calendar_app.api import OccurrencesAPIViewSet
from calendar_app.models import Committee, Venue
from core.api import (
    PagePreviewAPIViewSet,
    SiteDocumentsAPIViewSet,
    SiteImagesAPIViewSet,
    SitePagesAPIViewSet,
    TranslatableSnippetAPIViewSet,
)
from home.models import SiteSettings
from members.api import MeetingPapersAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SitePagesAPIViewSet)
api_router.register_endpoint("images", SiteImagesAPIViewSet)
api_router.register_endpoint("documents", SiteDocumentsAPIViewSet)
api_router.register_endpoint("occurrences", OccurrencesAPIViewSet)


class TopicsAPIViewSet(TranslatableSnippetAPIViewSet):
    model = Topic
    name = "topics"
    cache_tags = ("topics",)


class CommitteesAPIViewSet(TranslatableSnippetAPIViewSet):
    model = Committee
    name = "committees"
    cache_tags = ("calendar", "topics")

    def get_queryset(self):
        return super().get_queryset().select_related("topic")


class VenuesAPIViewSet(TranslatableSnippetAPIViewSet):
    model = Venue
    name = "venues"
    cache_tags = ("calendar",)


class SiteSettingsAPIViewSet(TranslatableSnippetAPIViewSet):
    """Organisation, contact and footer links per language: what a frontend needs around the pages."""

    model = SiteSettings
    name = "site_settings"
    cache_tags = ("settings", "pages")


api_router.register_endpoint("site_settings", SiteSettingsAPIViewSet)
api_router.register_endpoint("topics", TopicsAPIViewSet)
api_router.register_endpoint("committees", CommitteesAPIViewSet)
api_router.register_endpoint("venues", VenuesAPIViewSet)
api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)
api_router.register_endpoint("meeting_papers", MeetingPapersAPIViewSet)
