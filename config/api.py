"""The one API router: every app's endpoints are registered here, and its OpenAPI document assembled."""

from wagtail.api.v2.router import WagtailAPIRouter

from articles import api as articles_api
from calendar_app import api as calendar_api
from core.api import PagePreviewAPIViewSet, SiteDocumentsAPIViewSet, SiteImagesAPIViewSet, SitePagesAPIViewSet
from core.openapi import openapi_view
from home import api as home_api
from members import api as members_api

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SitePagesAPIViewSet)
api_router.register_endpoint("images", SiteImagesAPIViewSet)
api_router.register_endpoint("documents", SiteDocumentsAPIViewSet)
api_router.register_endpoint("occurrences", calendar_api.OccurrencesAPIViewSet)
api_router.register_endpoint("site_settings", home_api.SiteSettingsAPIViewSet)
api_router.register_endpoint("topics", articles_api.TopicsAPIViewSet)
api_router.register_endpoint("committees", calendar_api.CommitteesAPIViewSet)
api_router.register_endpoint("venues", calendar_api.VenuesAPIViewSet)
api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)
api_router.register_endpoint("meeting_papers", members_api.MeetingPapersAPIViewSet)

openapi = openapi_view(
    api_router, [home_api.OPENAPI, articles_api.OPENAPI, calendar_api.OPENAPI, members_api.OPENAPI]
)
