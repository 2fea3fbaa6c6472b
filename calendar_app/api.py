"""The occurrences endpoint of the API: meetings in a date range, in either language."""

import datetime

from django.conf import settings
from django.http import Http404
from django.utils import translation
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale

from core.api import ConsistentErrorsMixin, TranslatableSnippetAPIViewSet, serialize_fields
from core.api_filters import not_filtered
from core.inputs import FIRST_YEAR, LAST_YEAR, iso_date
from core.openapi import (
    DATE_PARAM,
    ID,
    INTEGER,
    LIMIT,
    LOCALE,
    OFFSET,
    STRING,
    URL,
    Contract,
    endpoint_pair,
    listing,
    nullable,
    ok,
    param,
    ref,
)

from .expansion import BERLIN
from .models import Committee, EventPage, Occurrence, OccurrenceStatus, Venue
from .presentation import present
from .serializers import (
    CommitteeField,
    JoinUrlField,
    NextOccurrencesField,
    OnlineModeField,
    RecurrenceTextField,
    TopicRefField,
    VenueField,
    serialize,
)

serialize_fields(Committee, topic=TopicRefField())
serialize_fields(
    EventPage,
    committee=CommitteeField(),
    recurrence=RecurrenceTextField(),
    venue=VenueField(),
    online_mode=OnlineModeField(),
    join_url=JoinUrlField(),
    next_occurrences=NextOccurrencesField(),
)
not_filtered(EventPage, "join_url")  # shown only when the editors made it public


def parse_date(request, name):
    value = request.GET.get(name)
    if not value:
        raise BadRequestError(f"{name}: required, a date as YYYY-MM-DD")
    day = iso_date(value)
    if day is None:
        raise BadRequestError(
            f"{name}: not a date between {FIRST_YEAR} and {LAST_YEAR}, use YYYY-MM-DD (got {value!r})"
        )
    return day


class OccurrencesAPIViewSet(ConsistentErrorsMixin, BaseAPIViewSet):
    model = Occurrence
    name = "occurrences"
    cache_tags = ("calendar",)
    known_query_parameters = frozenset(
        ["start", "end", "committee", "locale", "status", "limit", "offset", "format", "_"]
    )

    def get_locale(self):
        code = self.request.GET.get("locale", settings.LANGUAGE_CODE)
        codes = dict(settings.LANGUAGES)
        if code not in codes:
            raise BadRequestError(f"locale: unknown, use one of {', '.join(codes)} (got {code!r})")
        return Locale.objects.get(language_code=code)

    def check_query_parameters(self, queryset=None):
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(f"unknown query parameter: {', '.join(sorted(unknown))}")

    def get_queryset(self):
        return Occurrence.objects.visible().select_related("committee", "venue")

    def listing_view(self, request):
        self.check_query_parameters()
        locale = self.get_locale()
        # Any range within the calendar's years: the answer is paged, and a range that ends before
        # it starts, or a committee that does not exist, matches no meeting (an empty list, as
        # every filter that matches nothing), which the OpenAPI document can state exactly.
        start, end = parse_date(request, "start"), parse_date(request, "end")
        queryset = self.get_queryset().between(
            datetime.datetime.combine(start, datetime.time(0), tzinfo=BERLIN),
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(0), tzinfo=BERLIN),
        )
        slug = request.GET.get("committee")
        if slug is not None:
            committee = Committee.objects.filter(slug=slug).first()
            queryset = queryset.for_committee(committee) if committee else queryset.none()
        wanted_status = request.GET.get("status")
        if wanted_status is not None:
            if wanted_status not in OccurrenceStatus.values:
                raise BadRequestError(
                    f"status: use one of {', '.join(OccurrenceStatus.values)} (got {wanted_status!r})"
                )
            queryset = queryset.filter(status=wanted_status)
        page = self.paginate_queryset(queryset.order_by("start", "pk"))
        with translation.override(locale.language_code):
            items = [serialize(meeting, request) for meeting in present(page, request, locale)]
        return self.get_paginated_response(items)

    def detail_view(self, request, pk):
        self.check_query_parameters()
        locale = self.get_locale()
        occurrence = self.get_queryset().filter(pk=pk).first()
        meetings = present([occurrence], request, locale) if occurrence else []
        if not meetings:
            raise Http404("not found")
        with translation.override(locale.language_code):
            return Response(serialize(meetings[0], request))


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


def paths(router):
    found = {}
    found.update(endpoint_pair(router, "committees", "Committee", "Committees", [LOCALE]))
    found.update(endpoint_pair(router, "venues", "Venue", "Venues", [LOCALE]))
    occurrence_params = [
        param("start", "First day (YYYY-MM-DD, years 1900 to 2999).", DATE_PARAM, required=True),
        param(
            "end",
            "Last day (YYYY-MM-DD), included. A range that ends before it starts has no meetings.",
            DATE_PARAM,
            required=True,
        ),
        {
            **param("committee", "Slug of a committee (any language); an unknown slug has no meetings."),
            "x-any-language": True,
        },
        LOCALE,
        param(
            "status",
            "Only meetings with this status.",
            {"type": "string", "enum": ["scheduled", "cancelled", "moved"]},
        ),
        LIMIT,
        OFFSET,
    ]
    found["/api/v2/occurrences/"] = {
        "get": {
            "operationId": "list_occurrences",
            "summary": "Meetings in a date range",
            "parameters": occurrence_params,
            "responses": ok(listing("Occurrence")),
        }
    }
    found["/api/v2/occurrences/{id}/"] = {
        "get": {
            "operationId": "get_occurrence",
            "summary": "One meeting",
            "parameters": [ID, LOCALE],
            "responses": ok(ref("Occurrence")),
        }
    }
    return found


OPENAPI = Contract(
    schemas={
        "Committee": {
            "type": "object",
            "required": ["id", "meta"],
            "properties": {
                "id": INTEGER,
                "meta": ref("SnippetMeta"),
                "name": STRING,
                "slug": STRING,
                "kind": STRING,
                "topic": nullable(ref("TopicRef")),
                "description": STRING,
                "contact_name": STRING,
                "contact_email": STRING,
                "contact_phone": STRING,
            },
        },
        "Venue": {
            "type": "object",
            "required": ["id", "meta"],
            "properties": {
                "id": INTEGER,
                "meta": ref("SnippetMeta"),
                "name": STRING,
                "short_name": STRING,
                "address": STRING,
                "city": STRING,
            },
        },
        "CommitteeRef": {
            "type": "object",
            "description": "A committee inside a meeting series.",
            "required": ["id", "name", "slug", "kind"],
            "properties": {"id": INTEGER, "name": STRING, "slug": STRING, "kind": STRING},
        },
        "VenueRef": {
            "type": "object",
            "description": "A venue inside a meeting or meeting series.",
            "required": ["name", "short_name", "address", "city"],
            "properties": {
                "id": INTEGER,
                "name": STRING,
                "short_name": STRING,
                "address": STRING,
                "city": STRING,
            },
        },
        "Occurrence": {
            "type": "object",
            "description": "One meeting. Times are Europe/Berlin with their offset; all-day meetings give dates.",
            "required": [
                "id",
                "series",
                "title",
                "committee",
                "start",
                "end",
                "all_day",
                "status",
                "place",
                "note",
            ],
            "properties": {
                "id": INTEGER,
                "meta": {"type": "object"},
                "series": {
                    "type": "object",
                    "required": ["id", "url", "locale"],
                    "properties": {"id": INTEGER, "url": URL, "locale": STRING},
                },
                "title": STRING,
                "committee": {
                    "type": "object",
                    "required": ["name", "slug", "kind"],
                    "properties": {"name": STRING, "slug": STRING, "kind": STRING},
                },
                "start": {"type": "string", "example": "2026-05-06T10:00:00+02:00"},
                "end": STRING,
                "original_start": STRING,
                "all_day": {"type": "boolean"},
                "status": {"type": "string", "enum": ["scheduled", "cancelled", "moved"]},
                "venue": nullable(ref("VenueRef")),
                "online": nullable({"type": "string", "enum": ["video", "phone"]}),
                "join_url": nullable(URL),
                "place": STRING,
                "note": STRING,
            },
        },
    },
    page_type_properties={"calendar_app.EventPage": {"committee": nullable(ref("CommitteeRef"))}},
    page_properties={
        "start_date": {"type": "string", "format": "date"},
        "start_time": nullable(STRING),
        "end_time": nullable(STRING),
        "duration_days": INTEGER,
        "all_day": {"type": "boolean"},
        "recurrence": {"type": "string", "description": "RFC 5545 lines, DTSTART;TZID=Europe/Berlin"},
        "venue": nullable(ref("VenueRef")),
        "online_mode": nullable({"type": "string", "enum": ["video", "phone"]}),
        "join_url": nullable(URL),
        "description": {"type": "array", "items": ref("BodyBlock")},
        "next_occurrences": {"type": "array", "items": ref("Occurrence")},
    },
    paths=paths,
    selectable=("Committee", "Venue"),
)
