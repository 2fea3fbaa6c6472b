"""The API for member cities' intranets: a member's API token (Wagtail's APIToken, created and revoked
by the member or the office) lets the Wagtail API serve what that member may see, read-only and
throttled. Without a token the API behaves as for everyone: members' content does not exist."""

from django.http import Http404
from django.urls import reverse
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from calendar_app.models import Committee
from core.api import ConsistentErrorsMixin
from core.openapi import (
    ID,
    INTEGER,
    LIMIT,
    OFFSET,
    STRING,
    UNAUTHORIZED,
    Contract,
    listing,
    nullable,
    ok,
    param,
    ref,
)
from core.representations import absolute, document_representation

from . import access
from .models import MeetingPaper


def paper_representation(paper, request):
    return {
        "id": paper.pk,
        "meta": {
            "type": "members.MeetingPaper",
            "detail_url": absolute(f"/api/v2/meeting_papers/{paper.pk}/"),
        },
        "title": paper.title,
        "kind": paper.kind,
        "series": {"id": paper.series_id, "title": paper.series.title},
        "committee": {"name": paper.series.committee.name, "slug": paper.series.committee.slug},
        "meeting_date": paper.meeting_date.isoformat() if paper.meeting_date else None,
        "document": {
            **document_representation(paper.document),
            "url": request.build_absolute_uri(reverse("meeting_paper", args=[paper.pk])),
        },
    }


class MeetingPapersAPIViewSet(ConsistentErrorsMixin, BaseAPIViewSet):
    """`/api/v2/meeting_papers/`: the papers of the token holder's committees (401 without a token)."""

    model = MeetingPaper
    name = "meeting_papers"
    cache_tags = ("members",)
    known_query_parameters = frozenset(["limit", "offset", "committee", "format", "_"])

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user or not request.user.is_authenticated:
            raise NotAuthenticated("token: required (Authorization: Bearer <token>)")

    def check_query_parameters(self, queryset=None):
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(f"unknown query parameter: {', '.join(sorted(unknown))}")

    def get_queryset(self):
        papers = access.papers_for(self.request.user).order_by("-meeting_date", "pk")
        slug = self.request.GET.get("committee")
        if slug is not None:  # the committee's slug in either language, as the occurrences take it
            keys = Committee.objects.filter(slug=slug).values("translation_key")
            papers = papers.filter(series__committee__translation_key__in=keys)
        return papers

    def listing_view(self, request):
        self.check_query_parameters()
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([paper_representation(paper, request) for paper in page])

    def detail_view(self, request, pk):
        self.check_query_parameters()
        paper = self.get_queryset().filter(pk=pk).first()
        if paper is None:
            raise Http404
        return Response(paper_representation(paper, request))

    def get_authenticate_header(self, request):
        return 'Bearer realm="api"'


def paths(router):
    return {
        "/api/v2/meeting_papers/": {
            "get": {
                "operationId": "list_meeting_papers",
                "summary": "Papers of the token holder's committees (members only)",
                "security": [{"memberToken": []}],
                "parameters": [
                    LIMIT,
                    OFFSET,
                    {
                        **param(
                            "committee", "Slug of a committee (any language); an unknown slug has no papers."
                        ),
                        "x-any-language": True,
                    },
                ],
                "responses": {**ok(listing("MeetingPaper")), "401": UNAUTHORIZED},
            }
        },
        "/api/v2/meeting_papers/{id}/": {
            "get": {
                "operationId": "get_meeting_paper",
                "summary": "One paper (members only)",
                "security": [{"memberToken": []}],
                "parameters": [ID],
                "responses": {**ok(ref("MeetingPaper")), "401": UNAUTHORIZED},
            }
        },
    }


OPENAPI = Contract(
    schemas={
        "MeetingPaper": {
            "type": "object",
            "description": "A paper of a meeting series or of one meeting (members with a token only).",
            "required": ["id", "title", "kind", "series", "committee", "meeting_date", "document"],
            "properties": {
                "id": INTEGER,
                "meta": {"type": "object"},
                "title": STRING,
                "kind": {"type": "string", "enum": ["invitation", "agenda", "proposal", "minutes", "annex"]},
                "series": {"type": "object", "properties": {"id": INTEGER, "title": STRING}},
                "committee": {"type": "object", "properties": {"name": STRING, "slug": STRING}},
                "meeting_date": nullable({"type": "string", "format": "date"}),
                "document": ref("Document"),
            },
        }
    },
    page_properties={
        "number": {
            "type": "integer",
            "description": "Circulars (members only): the number within the year",
        },
        "summary": STRING,
        "addressees": {
            "type": "array",
            "items": STRING,
            "description": "Circulars: the functions addressed",
        },
    },
    paths=paths,
    security_schemes={
        "memberToken": {
            "type": "http",
            "scheme": "bearer",
            "description": "A member's API token (members' area → API access). With it, the pages "
            "endpoint also gives what that member may see (circulars, members-only meetings).",
        }
    },
)
