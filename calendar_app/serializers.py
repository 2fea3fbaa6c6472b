"""API fields of meeting pages and the occurrences endpoint's items: times in Berlin time with their
offset, committee and venue by name, the rule as RFC 5545 text, the next dates."""

from django.utils import timezone
from rest_framework import serializers

from core.representations import absolute

from .expansion import BERLIN
from .ical import recurrence_text
from .models import Occurrence
from .presentation import present


class RecurrenceTextField(serializers.Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return recurrence_text(page)


class CommitteeField(serializers.Field):
    def to_representation(self, committee):
        return {"id": committee.pk, "name": committee.name, "slug": committee.slug, "kind": committee.kind}


class VenueField(serializers.Field):
    def to_representation(self, venue):
        if venue is None:
            return None
        return {
            "id": venue.pk,
            "name": venue.name,
            "short_name": venue.short_name,
            "address": venue.address,
            "city": venue.city,
        }


class OnlineModeField(serializers.Field):
    """ "video" or "phone", and null for a meeting in person only, as the occurrences say it."""

    def to_representation(self, value):
        return value or None


class JoinUrlField(serializers.Field):
    """The join link only where the editor ticked that it may be public."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return page.join_url if page.join_url_public and page.join_url else None


class NextOccurrencesField(serializers.Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        request = self.context["request"]
        occurrences = (
            Occurrence.objects.visible()
            .of_series(page.translation_key)
            .select_related("committee", "venue")
            .upcoming()[:5]
        )
        return [serialize(meeting, request) for meeting in present(occurrences, request, page.locale)]


class TopicRefField(serializers.Field):
    """A committee's topic by name and slug, in the committee's language where translated."""

    def to_representation(self, topic):
        if topic is None:
            return None
        return {"id": topic.pk, "name": topic.name, "slug": topic.slug}


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
