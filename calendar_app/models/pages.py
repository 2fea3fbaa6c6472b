"""The calendar's pages: "Termine" with its views as routes, and the meeting series."""

import recurrence.fields
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
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
from core.routing import LocalizedRoutesMixin, RouteViews
from core.translation import TranslatedSlugMixin

from .. import expansion
from ..forms import EventPageForm
from ..messages import FIELD, rule_problem_message
from ..widgets import AdminRecurrenceWidget, ChangeEndInput
from .snippets import Committee, OnlineMode, Venue


class EventIndexPage(TranslatedSlugMixin, LocalizedRoutesMixin, RoutablePageMixin, Page):
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

    # Sub-routes in the page's language (core.routing.LocalizedRoutesMixin).
    GERMAN_ROUTES = frozenset({"archive", "this_month", "month", "committee", "committee_ical"})
    # The views of the routes, registered by calendar_app.views.
    route_views = RouteViews("EventIndexPage")

    @path("")
    def upcoming(self, request):
        return self.route_views.upcoming(self, request)

    @path("archive/")
    def archive(self, request):
        return self.serve_route(request, "archive")

    @path("archiv/", name="archive_de")
    def archive_de(self, request):
        return self.serve_route(request, "archive", words="de")

    @path("month/")
    def this_month(self, request):
        return self.serve_route(request, "this_month")

    @path("monat/", name="this_month_de")
    def this_month_de(self, request):
        return self.serve_route(request, "this_month", words="de")

    @path("month/<int:year>/<int:month>/")
    def month(self, request, year, month):
        return self.serve_route(request, "month", year, month)

    @path("monat/<int:year>/<int:month>/", name="month_de")
    def month_de(self, request, year, month):
        return self.serve_route(request, "month", year, month, words="de")

    @path("committee/<str:slug>/")
    def committee(self, request, slug):
        return self.serve_route(request, "committee", slug)

    @path("gremium/<str:slug>/", name="committee_de")
    def committee_de(self, request, slug):
        return self.serve_route(request, "committee", slug, words="de")

    @path("ical/")
    def ical(self, request):
        return self.route_views.ical(self, request)

    @path("committee/<str:slug>/ical/")
    def committee_ical(self, request, slug):
        return self.serve_route(request, "committee_ical", slug)

    @path("gremium/<str:slug>/ical/", name="committee_ical_de")
    def committee_ical_de(self, request, slug):
        return self.serve_route(request, "committee_ical", slug, words="de")


class EventPage(TranslatedSlugMixin, RoutablePageMixin, Page):
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

    # Serialised by calendar_app.api (committee and venue by name, the rule as text, next meetings).
    api_fields = [
        APIField("committee"),
        APIField("start_date"),
        APIField("start_time"),
        APIField("end_time"),
        APIField("duration_days"),
        APIField("all_day"),
        APIField("recurrence"),
        APIField("venue"),
        APIField("online_mode"),
        APIField("join_url"),
        APIField("description"),
        APIField("next_occurrences"),
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
    # The views of the routes, registered by calendar_app.views.
    route_views = RouteViews("EventPage")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def cache_invalidation_tags(self):
        return {"calendar", f"series:{self.translation_key}"}

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
        return self.route_views.meeting(self, request)

    @path("ical/")
    def ical(self, request):
        return self.route_views.ical(self, request)


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
        FieldRowPanel(
            [
                FieldPanel("new_date"),
                FieldPanel("new_start_time"),
                FieldPanel("new_end_time", widget=ChangeEndInput),  # with the end the change gives
            ]
        ),
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
