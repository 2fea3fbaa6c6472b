"""The occurrences endpoint of the API: meetings in a date range, in either language."""

import datetime

from django.conf import settings
from django.http import Http404
from django.utils import timezone, translation
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale

from core.api import ConsistentErrorsMixin
from core.inputs import FIRST_YEAR, LAST_YEAR, iso_date
from core.representations import absolute

from .models import Committee, Occurrence, OccurrenceStatus
from .occurrences import BERLIN
from .presentation import present


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


def serialize(meeting, request):
    occurrence = meeting.occurrence

    def moment(value):
        local = timezone.localtime(value, BERLIN)
        return local.date().isoformat() if meeting.all_day else local.isoformat()

    page = meeting.page
    venue = meeting.venue
    return {
        "id": occurrence.pk,
        "meta": {
            "type": "calendar_app.Occurrence",
            "detail_url": absolute(f"/api/v2/occurrences/{occurrence.pk}/"),
            "locale": page.locale.language_code,
        },
        "series": {
            "id": page.pk,
            "url": page.get_full_url(request),
            "locale": page.locale.language_code,
        },
        "title": meeting.title,
        "committee": {
            "name": meeting.committee.name,
            "slug": meeting.committee.slug,
            "kind": meeting.committee.kind,
        },
        "start": moment(occurrence.start),
        "end": moment(occurrence.end),
        "original_start": moment(occurrence.original_start),
        "all_day": meeting.all_day,
        "status": meeting.status,
        "venue": (
            {"name": venue.name, "short_name": venue.short_name, "address": venue.address, "city": venue.city}
            if venue
            else None
        ),
        "online": meeting.online_mode or None,
        "join_url": page.join_url if meeting.online_mode and page.join_url_public else None,
        "place": meeting.place,
        "note": meeting.note,
    }


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
