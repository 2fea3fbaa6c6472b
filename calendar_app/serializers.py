"""API fields of meeting pages: schedule in Berlin time, committee and venue by name, next dates."""

from rest_framework import serializers


class RecurrenceTextField(serializers.Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        from .ical import recurrence_text  # ical imports the models, which import this module

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
        from .api import serialize
        from .models import Occurrence
        from .presentation import present

        request = self.context["request"]
        occurrences = (
            Occurrence.objects.visible()
            .filter(translation_key=page.translation_key)
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
