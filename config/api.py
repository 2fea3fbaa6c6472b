"""The one API router: every app's endpoints are registered here."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from articles.models import Topic
from calendar_app.api import OccurrencesAPIViewSet
from calendar_app.models import Committee, Venue
from home.api import SitePagesAPIViewSet, TranslatableSnippetAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SitePagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
api_router.register_endpoint("occurrences", OccurrencesAPIViewSet)


class TopicsAPIViewSet(TranslatableSnippetAPIViewSet):
    model = Topic
    name = "topics"


class CommitteesAPIViewSet(TranslatableSnippetAPIViewSet):
    model = Committee
    name = "committees"


class VenuesAPIViewSet(TranslatableSnippetAPIViewSet):
    model = Venue
    name = "venues"


api_router.register_endpoint("topics", TopicsAPIViewSet)
api_router.register_endpoint("committees", CommitteesAPIViewSet)
api_router.register_endpoint("venues", VenuesAPIViewSet)
