"""The stored meetings of every series, up to a rolling horizon, and what iCal clients need to see a change."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.cache import depends_on, expires_at
from core.request_memo import memoized, not_public, public

from .. import expansion
from .pages import EventPage
from .snippets import Committee, Venue


class OccurrenceStatus(models.TextChoices):
    SCHEDULED = expansion.Status.SCHEDULED, _("scheduled")
    CANCELLED = expansion.Status.CANCELLED, _("cancelled")
    MOVED = expansion.Status.MOVED, _("moved")


LONGEST = datetime.timedelta(days=expansion.MAX_DURATION_DAYS)


class OccurrenceQuerySet(models.QuerySet):
    """Meetings as readers see them; each list says what it shows to the page cache: the whole calendar,
    or (`of_series`) one series, whose answers a change of another series leaves alone."""

    _series = None

    def _clone(self):
        clone = super()._clone()
        clone._series = self._series
        return clone

    def of_series(self, translation_key):
        """The meetings of one series (all its language versions)."""
        queryset = self.filter(translation_key=translation_key)
        queryset._series = translation_key
        return queryset

    def _shown(self, now=None):
        if self._series is None:
            depends_on("calendar")
        else:
            depends_on(f"series:{self._series}")
        if now is not None:
            expires_at(next_change(now, self._series))

    def visible(self):
        """Occurrences of series that readers may see: live, and no translation under a view restriction.

        A restriction on one language hides the series in all of them, so that a private meeting
        cannot surface through its other language's page.
        """
        return self.filter(translation_key__any_of=visible_series_key_list())

    def upcoming(self, now=None):
        now = now or timezone.now()
        self._shown(now)
        return self.filter(end__gte=now, start__gte=now - LONGEST).order_by("start", "pk")

    def past(self, now=None):
        now = now or timezone.now()
        self._shown(now)
        return self.filter(end__lt=now, start__lt=now).order_by("-start", "-pk")

    def between(self, start, end):
        """Occurrences that overlap [start, end)."""
        self._shown()
        return self.filter(start__lt=end, start__gte=start - LONGEST, end__gt=start)

    def for_committee(self, committee):
        return self.filter(committee__translation_key=committee.translation_key)


def next_change(now, series=None):
    """When "upcoming" and "past" next change by themselves: the next end of a meeting (of the series)."""
    meetings = Occurrence.objects.filter(end__gte=now)
    if series is not None:
        meetings = meetings.filter(translation_key=series)
    return meetings.aggregate(first=models.Min("end"))["first"]


def visible_series_keys():
    """A subquery of the translation keys of series that readers may see."""
    restricted = not_public(EventPage.objects.live()).values("translation_key")
    return public(EventPage.objects.live()).exclude(translation_key__in=restricted).values("translation_key")


def visible_series_key_list():
    """The same keys as a list, read once per request (one key per series, not per meeting).

    As a subquery PostgreSQL joins it with every upcoming occurrence before it can sort and take
    the first page (26 ms at 500 series and 21,000 upcoming meetings); with the keys as values it
    walks the start index and stops after the page (0.2 ms).
    """
    return memoized(
        ("visible-series",), lambda: list(visible_series_keys().values_list("translation_key", flat=True))
    )


class Occurrence(models.Model):
    """One meeting of a series, stored up to a rolling horizon so that views never expand rules.

    Shared by all translations of a series (keyed by the pages' translation key); its identity,
    series + original start, survives edits, so links and iCal RECURRENCE-IDs stay stable.
    """

    translation_key = models.UUIDField(db_index=True)
    original_start = models.DateTimeField()
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(db_index=True)
    all_day = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=OccurrenceStatus.choices, default=OccurrenceStatus.SCHEDULED
    )
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="occurrences")
    venue = models.ForeignKey(Venue, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    online_mode = models.CharField(max_length=10, blank=True, default="")
    change_original_date = models.DateField(null=True, blank=True)
    # For clients that keep a copy and ask what changed since (OParl's modified_since): set when the
    # meeting is stored, and again whenever what it says changes (its series, its agenda, its papers).
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)

    objects = OccurrenceQuerySet.as_manager()

    # What a rebuild of its series may change; its identity (series and original start) stays.
    SCHEDULE_FIELDS = (
        "start",
        "end",
        "all_day",
        "status",
        "committee_id",
        "venue_id",
        "online_mode",
        "change_original_date",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "original_start"], name="unique_occurrence_identity"
            )
        ]
        indexes = [
            models.Index(fields=["start", "end"]),
            # Lists in their stable order (OParl's meetings): walked in order, not 48,000 rows sorted.
            models.Index(fields=["original_start", "translation_key"], name="occurrence_stable_order"),
        ]
        ordering = ["start"]

    def __str__(self):
        return f"{self.translation_key} {self.start:%Y-%m-%d %H:%M}"

    @property
    def identity(self):
        """Its name in public URLs that never changes: the series and the original start in UTC."""
        return f"{self.translation_key}/{self.original_start.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}"

    @property
    def is_multi_day(self):
        last = (self.end - datetime.timedelta(seconds=1)) if self.all_day else self.end
        return timezone.localtime(last).date() > timezone.localtime(self.start).date()

    @property
    def duration_days(self):
        last = (self.end - datetime.timedelta(seconds=1)) if self.all_day else self.end
        return (timezone.localtime(last).date() - timezone.localtime(self.start).date()).days + 1


class SeriesState(models.Model):
    """What iCal clients need to notice a change: SEQUENCE rises whenever the schedule changes."""

    translation_key = models.UUIDField(unique=True)
    fingerprint = models.CharField(max_length=64)
    sequence = models.PositiveIntegerField(default=0)
    # Starts that the rules make but the series does not have (exclusion dates and rules), as
    # ISO datetimes: computed when the series is rebuilt, so that feeds never expand rules.
    excluded_starts = models.JSONField(default=list, blank=True)
    # Up to when the occurrences and exclusions above are stored; feeds of series with exclusion
    # rules end their RRULE here, since clients cannot be given the exclusions beyond it.
    stored_until = models.DateTimeField(null=True, blank=True)
    # Whether readers could see the series at its last rebuild (live, no view restriction): its
    # meetings that go away then are recorded as removed (core.models.Tombstone), others are not.
    public = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.translation_key} (sequence {self.sequence})"
