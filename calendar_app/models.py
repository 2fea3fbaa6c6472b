"""Committees, venues and meetings ("Termine"), and the stored occurrences of every meeting series."""

import datetime

import recurrence.fields
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from articles.blocks import ArticleBodyBlock
from articles.models import Topic
from core.forms import SitePageForm
from core.pagecache import depends_on, expires_at
from core.request_memo import memoized, not_public, public
from core.routing import TranslatedRoutesMixin
from core.validators import single_line

from . import occurrences as expansion
from .forms import EventPageForm
from .messages import FIELD, rule_problem_message
from .serializers import (
    CommitteeField,
    JoinUrlField,
    NextOccurrencesField,
    OnlineModeField,
    RecurrenceTextField,
    TopicRefField,
    VenueField,
)
from .widgets import AdminRecurrenceWidget


class CommitteeKind(models.TextChoices):
    EXECUTIVE_BOARD = "executive_board", _("Executive board")
    MAIN_COMMITTEE = "main_committee", _("Main committee")
    GENERAL_ASSEMBLY = "general_assembly", _("General assembly")
    COMMITTEE = "committee", pgettext_lazy("kind of body", "Committee")  # "Ausschuss", not "Gremium"
    SPECIAL_COMMITTEE = "special_committee", _("Special committee")
    JOINT_COMMITTEE = "joint_committee", _("Joint committee")
    WORKING_GROUP = "working_group", _("Working group")
    WORKING_CIRCLE = "working_circle", _("Working circle")


class Committee(TranslatableMixin, models.Model):
    """A body of the association ("Gremium"): committee, working group, executive board, ..."""

    name = models.CharField(_("name"), max_length=255, validators=[single_line])
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=30, choices=CommitteeKind.choices)
    topic = models.ForeignKey(
        "articles.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("topic"),
    )
    description = models.TextField(_("short description"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)

    panels = [
        TitleFieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("topic"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("kind"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_email"),
        SynchronizedField("contact_phone"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [
        APIField("name"),
        APIField("slug"),
        APIField("kind"),
        APIField("topic", serializer=TopicRefField()),
        APIField("description"),
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("contact_phone"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_committee_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class Venue(TranslatableMixin, models.Model):
    """A place where meetings happen ("Haus der kommunalen Selbstverwaltung, Wiesbaden")."""

    name = models.CharField(_("name"), max_length=255, validators=[single_line])
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        blank=True,
        validators=[single_line],
        help_text=_('Shown in meeting lists, e.g. "HdKS".'),
    )
    address = models.TextField(_("address"), blank=True)
    city = models.CharField(_("city"), max_length=100, validators=[single_line])

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("address"), FieldPanel("city")]
    override_translatable_fields = [SynchronizedField("address"), SynchronizedField("city")]
    search_fields = [index.SearchField("name"), index.SearchField("city")]
    api_fields = [APIField("name"), APIField("short_name"), APIField("address"), APIField("city")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["city", "name"]

    def __str__(self):
        return f"{self.name}, {self.city}"

    @property
    def label(self):
        """As the seed's list shows places: "HdKS, Wiesbaden", or just the city."""
        return f"{self.short_name}, {self.city}" if self.short_name else self.city


class OnlineMode(models.TextChoices):
    NONE = "", _("In person only")
    VIDEO = "video", _("Video conference")
    PHONE = "phone", _("Telephone conference")


class EventIndexPage(TranslatedRoutesMixin, RoutablePageMixin, Page):
    """ "Termine" / "Events": every meeting; its views are routes (see calendar_app.views)."""

    translated_slugs = {"committee": Committee, "gremium": Committee, "topic": Topic}
    route_words = {"de": {"committee": "gremium", "month": "monat", "archive": "archiv"}}

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    base_form_class = SitePageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["calendar_app.EventPage"]
    max_count_per_parent = 1

    def cache_invalidation_tags(self):
        return {"calendar"}

    class Meta:
        verbose_name = _("events index")
        verbose_name_plural = _("events indexes")

    # Sub-routes in the page's language: /de/termine/gremium/..., /en/events/committee/... . A route
    # in the other language's words answers with a permanent redirect to the right one, so old
    # links (/de/termine/committee/...) keep working. Templates and code ask for the English name.
    GERMAN_ROUTES = {"archive", "this_month", "month", "committee", "committee_ical"}

    def _german(self):
        return self.locale.language_code == "de"

    def reverse_subpage(self, name, args=None, kwargs=None):
        if self._german() and name in self.GERMAN_ROUTES:
            name = f"{name}_de"
        return super().reverse_subpage(name, args=args, kwargs=kwargs)

    def _route(self, request, name, german_words, *args):
        """Serve route `name`, or redirect when it was reached in the other language's words."""
        from . import views

        if german_words != self._german():
            return redirect(
                self.get_url(request) + self.reverse_subpage(name, args=list(args)), permanent=True
            )
        if name == "archive":
            return views.occurrence_list(self, request, archive=True)
        if name in ("this_month", "month"):
            return views.month_view(self, request, *args)
        if name == "committee":
            return views.committee_view(self, request, *args)
        return views.index_feed(self, request, *args)

    @path("")
    def upcoming(self, request):
        from . import views  # views.py imports this module

        return views.occurrence_list(self, request)

    @path("archive/")
    def archive(self, request):
        return self._route(request, "archive", False)

    @path("archiv/", name="archive_de")
    def archive_de(self, request):
        return self._route(request, "archive", True)

    @path("month/")
    def this_month(self, request):
        return self._route(request, "this_month", False)

    @path("monat/", name="this_month_de")
    def this_month_de(self, request):
        return self._route(request, "this_month", True)

    @path("month/<int:year>/<int:month>/")
    def month(self, request, year, month):
        return self._route(request, "month", False, year, month)

    @path("monat/<int:year>/<int:month>/", name="month_de")
    def month_de(self, request, year, month):
        return self._route(request, "month", True, year, month)

    @path("committee/<str:slug>/")
    def committee(self, request, slug):
        return self._route(request, "committee", False, slug)

    @path("gremium/<str:slug>/", name="committee_de")
    def committee_de(self, request, slug):
        return self._route(request, "committee", True, slug)

    @path("ical/")
    def ical(self, request):
        from . import views

        return views.index_feed(self, request)

    @path("committee/<str:slug>/ical/")
    def committee_ical(self, request, slug):
        return self._route(request, "committee_ical", False, slug)

    @path("gremium/<str:slug>/ical/", name="committee_ical_de")
    def committee_ical_de(self, request, slug):
        return self._route(request, "committee_ical", True, slug)


class EventPage(RoutablePageMixin, Page):
    """One meeting, or a series of meetings with a recurrence rule."""

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="+", verbose_name=_("committee")
    )
    start_date = models.DateField(_("date of the (first) meeting"))
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Empty for all-day meetings.")
    )
    end_time = models.TimeField(
        _("end time"), null=True, blank=True, help_text=_("On the last day of the meeting.")
    )
    duration_days = models.PositiveSmallIntegerField(
        _("duration in days"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(expansion.MAX_DURATION_DAYS)],
        help_text=_('2 for a two-day meeting ("2-tägig").'),
    )
    recurrence = recurrence.fields.RecurrenceField(
        _("recurrence"),
        blank=True,
        null=True,
        help_text=_(
            "Leave empty for a single meeting. Exclusion dates take single meetings out of the series."
        ),
    )
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("venue")
    )
    online_mode = models.CharField(
        _("online"),
        max_length=10,
        choices=OnlineMode.choices,
        blank=True,
        default=OnlineMode.NONE,
        help_text=_("With a venue this makes a hybrid meeting."),
    )
    join_url = models.URLField(_("join link"), blank=True)
    join_url_public = models.BooleanField(
        _("show the join link publicly"),
        default=False,
        help_text=_("Without this tick the link is never shown on the website, in feeds or in the API."),
    )
    description = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("description"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("committee"),
        MultiFieldPanel(
            [
                FieldPanel("start_date"),
                FieldRowPanel(
                    [FieldPanel("start_time"), FieldPanel("end_time"), FieldPanel("duration_days")]
                ),
                FieldPanel("recurrence", heading=_("Recurrence rule"), widget=AdminRecurrenceWidget),
            ],
            heading=_("Date and recurrence"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("online_mode"),
                FieldPanel("join_url"),
                FieldPanel("join_url_public"),
            ],
            heading=_("Place"),
        ),
        FieldPanel("description"),
        InlinePanel("documents", label=_("Document"), heading=_("Documents")),
        InlinePanel("changes", label=_("Change to one meeting"), heading=_("Changes to single meetings")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    override_translatable_fields = [
        SynchronizedField("start_date"),
        SynchronizedField("start_time"),
        SynchronizedField("end_time"),
        SynchronizedField("duration_days"),
        SynchronizedField("recurrence"),
        SynchronizedField("online_mode"),
        SynchronizedField("join_url"),
        SynchronizedField("join_url_public"),
    ]

    api_fields = [
        APIField("committee", serializer=CommitteeField()),
        APIField("start_date"),
        APIField("start_time"),
        APIField("end_time"),
        APIField("duration_days"),
        APIField("all_day"),
        APIField("recurrence", serializer=RecurrenceTextField()),
        APIField("venue", serializer=VenueField()),
        APIField("online_mode", serializer=OnlineModeField()),
        APIField("join_url", serializer=JoinUrlField()),
        APIField("description"),
        APIField("next_occurrences", serializer=NextOccurrencesField()),
    ]
    # A listing of meetings gives when, who and where without `fields`.
    api_listing_fields = [
        "committee",
        "start_date",
        "start_time",
        "end_time",
        "duration_days",
        "all_day",
        "venue",
        "online_mode",
    ]
    base_form_class = EventPageForm
    parent_page_types = ["calendar_app.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def cache_invalidation_tags(self):
        return {"calendar"}

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def is_series(self):
        return expansion.has_recurrence(self.recurrence)

    @classmethod
    def api_queryset(cls, queryset):
        """What the API fields read, fetched for a whole listing at once."""
        return queryset.select_related("committee", "venue")

    def schedule(self):
        return expansion.Schedule(
            start_date=self.start_date,
            start_time=self.start_time,
            end_time=self.end_time,
            duration_days=self.duration_days or 1,
            recurrence=self.recurrence,
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time is None and self.end_time is not None:
            errors["start_time"] = _(
                "Give a start time as well, or leave both times empty for an all-day meeting."
            )
        if self.start_time is not None and self.end_time is None:
            errors["end_time"] = _("Give the end time of the meeting.")
        if (
            self.start_time is not None
            and self.end_time is not None
            and (self.duration_days or 1) == 1
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _(
                "The meeting ends before it starts. Check the times or the number of days."
            )
        if not 1 <= (self.duration_days or 1) <= expansion.MAX_DURATION_DAYS:
            errors["duration_days"] = _("A meeting lasts from one to %(max)s days.") % {
                "max": expansion.MAX_DURATION_DAYS
            }
        if not errors and self.start_date:
            messages = []
            for code, params in expansion.rule_problems(self.schedule()):
                field = FIELD.get(code)
                if field:
                    errors[field] = rule_problem_message(code, params)
                else:
                    messages.append(rule_problem_message(code, params))
            if messages:
                errors["recurrence"] = messages
        if self.join_url_public and not self.join_url:
            errors["join_url_public"] = _("There is no join link to show.")
        if errors:
            raise ValidationError(errors)

    @path("")
    def meeting(self, request):
        from .describe import describe
        from .presentation import event_json_ld, present

        occurrences = Occurrence.objects.filter(translation_key=self.translation_key).select_related(
            "committee", "venue"
        )
        upcoming = present(occurrences.upcoming()[:12], request, self.locale)
        changed = present(
            occurrences.upcoming().exclude(status=OccurrenceStatus.SCHEDULED, change_original_date=None)[:20],
            request,
            self.locale,
        )
        json_ld = event_json_ld(upcoming[0], request) if upcoming else None
        return self.render(
            request,
            context_overrides={
                "upcoming": upcoming,
                "changed": changed,
                "json_ld": json_ld,
                "schedule_text": describe(self.schedule()) if self.is_series else "",
            },
        )

    @path("ical/")
    def ical(self, request):
        from . import views

        return views.series_feed(self, request)


class DocumentKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    AGENDA = "agenda", _("Agenda")
    MINUTES = "minutes", _("Minutes")
    OTHER = "other", _("Other document")


class EventDocument(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.AGENDA
    )

    panels = [FieldPanel("document"), FieldPanel("kind")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class OccurrenceChange(TranslatableMixin, Orderable):
    """A change to one meeting of a series, keyed by the date it originally had.

    Translatable so that wagtail-localize offers its note for translation; the dates are synchronised.
    """

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="changes")
    original_date = models.DateField(
        _("original date"), help_text=_("The date the meeting has in the series.")
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    new_date = models.DateField(_("new date"), null=True, blank=True)
    new_start_time = models.TimeField(_("new start time"), null=True, blank=True)
    new_end_time = models.TimeField(_("new end time"), null=True, blank=True)
    venue = models.ForeignKey(
        Venue,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("other venue"),
    )
    note = models.CharField(
        _("note"), max_length=255, blank=True, help_text=_('E.g. "Moved because of the state election".')
    )
    documents = StreamField(
        [("document", DocumentChooserBlock(label=_("Document")))],
        blank=True,
        verbose_name=_("documents of this meeting"),
    )

    panels = [
        FieldPanel("original_date"),
        FieldPanel("cancelled"),
        FieldRowPanel([FieldPanel("new_date"), FieldPanel("new_start_time"), FieldPanel("new_end_time")]),
        FieldPanel("venue"),
        FieldPanel("note"),
        FieldPanel("documents"),
    ]

    override_translatable_fields = [
        SynchronizedField("original_date"),
        SynchronizedField("cancelled"),
        SynchronizedField("new_date"),
        SynchronizedField("new_start_time"),
        SynchronizedField("new_end_time"),
        SynchronizedField("venue"),
        SynchronizedField("documents"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("change to one meeting")
        verbose_name_plural = _("changes to single meetings")

    def as_spec(self):
        return expansion.Change(
            original_date=self.original_date,
            cancelled=self.cancelled,
            new_date=self.new_date,
            new_start_time=self.new_start_time,
            new_end_time=self.new_end_time,
            venue_id=self.venue_id,
            key=self.pk,
        )


class OccurrenceStatus(models.TextChoices):
    SCHEDULED = expansion.Status.SCHEDULED, _("scheduled")
    CANCELLED = expansion.Status.CANCELLED, _("cancelled")
    MOVED = expansion.Status.MOVED, _("moved")


LONGEST = datetime.timedelta(days=expansion.MAX_DURATION_DAYS)


class OccurrenceQuerySet(models.QuerySet):
    def visible(self):
        """Occurrences of series that readers may see: live, and no translation under a view restriction.

        A restriction on one language hides the series in all of them, so that a private meeting
        cannot surface through its other language's page.
        """
        return self.filter(translation_key__any_of=visible_series_key_list())

    def upcoming(self, now=None):
        now = now or timezone.now()
        depends_on("calendar")
        expires_at(next_change(now))
        return self.filter(end__gte=now, start__gte=now - LONGEST).order_by("start", "pk")

    def past(self, now=None):
        now = now or timezone.now()
        depends_on("calendar")
        expires_at(next_change(now))
        return self.filter(end__lt=now, start__lt=now).order_by("-start", "-pk")

    def between(self, start, end):
        """Occurrences that overlap [start, end)."""
        depends_on("calendar")
        return self.filter(start__lt=end, start__gte=start - LONGEST, end__gt=start)

    def for_committee(self, committee):
        return self.filter(committee__translation_key=committee.translation_key)


def next_change(now):
    """When "upcoming" and "past" next change by themselves: the next end of a meeting."""
    return Occurrence.objects.filter(end__gte=now).aggregate(first=models.Min("end"))["first"]


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

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "original_start"], name="unique_occurrence_identity"
            )
        ]
        indexes = [models.Index(fields=["start", "end"])]
        ordering = ["start"]

    def __str__(self):
        return f"{self.translation_key} {self.start:%Y-%m-%d %H:%M}"

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
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.translation_key} (sequence {self.sequence})"
