"""The members' area and its circulars (Rundschreiben): pages below a view restriction for members."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.forms import SitePageForm
from core.pagination import paginate
from core.routing import RouteViews
from core.translation import TranslatedSlugMixin

from ..blocks import CircularBodyBlock
from ..forms import CircularPageForm
from .membership import JobFunction

CIRCULARS_PER_PAGE = 20


class MembersAreaPage(TranslatedSlugMixin, RoutablePageMixin, Page):
    """The members' area (Mitgliederbereich): new circulars, my meetings, the "Themen" knowledge base.

    Restricted to the members' and the office's groups (set when the page is created); every page
    below it, circulars included, inherits the restriction.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    base_form_class = SitePageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["members.CircularIndexPage"]
    max_count_per_parent = 1
    route_views = RouteViews("MembersAreaPage")  # registered by members.views

    class Meta:
        verbose_name = _("members' area")
        verbose_name_plural = _("members' areas")

    def cache_invalidation_tags(self):
        return {"members"}

    @path("")
    def home(self, request):
        return self.route_views.members_home(self, request)

    @path("themen/")
    def topics(self, request):
        return self.route_views.knowledge_base(self, request)

    @path("suche/")
    def search(self, request):
        return self.route_views.members_search(self, request)

    @path("kalender/")
    def calendar(self, request):
        return self.route_views.calendar_settings(self, request)

    @path("sitzungen/")
    def sessions(self, request):
        return self.route_views.my_sessions(self, request)

    @path("api-zugang/")
    def api_access(self, request):
        return self.route_views.api_tokens(self, request)


class CircularIndexPage(TranslatedSlugMixin, Page):
    """ "Rundschreiben": every circular, newest first."""

    content_panels = Page.content_panels
    base_form_class = SitePageForm
    parent_page_types = ["members.MembersAreaPage"]
    subpage_types = ["members.CircularPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("circulars index")
        verbose_name_plural = _("circulars indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        circulars = CircularPage.objects.live().child_of(self).order_by("-date", "-number")
        context["page_obj"] = paginate(request, circulars, CIRCULARS_PER_PAGE)
        return context


class CircularPage(TranslatedSlugMixin, Page):
    """A circular (Rundschreiben) to the member cities: numbered per year, dated, by subject."""

    number = models.PositiveIntegerField(
        _("number"), help_text=_("Per year; the next free number is suggested.")
    )
    date = models.DateField(_("date"), default=datetime.date.today)
    topics = ParentalManyToManyField("articles.Topic", blank=True, related_name="+", verbose_name=_("topics"))
    addressees = models.JSONField(_("addressees"), default=list, blank=True)
    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("Two or three sentences for lists and e-mails.")
    )
    body = StreamField(CircularBodyBlock(), blank=True, verbose_name=_("text"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("number"), FieldPanel("date")]), FieldPanel("summary")],
            heading=_("Circular"),
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachment"), heading=_("Attachments")),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel(
                    "addressees",
                    widget=forms.CheckboxSelectMultiple(choices=JobFunction.choices),
                    heading=_("Addressed to"),
                ),
                InlinePanel("related_pages", label=_("Related statement or meeting")),
            ],
            heading=_("Topics and addressees"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("locale_id"),
    ]
    api_fields = [
        APIField("number"),
        APIField("date"),
        APIField("summary"),
        APIField("addressees"),
        APIField("body"),
    ]
    api_listing_fields = ["number", "date", "summary"]
    base_form_class = CircularPageForm
    parent_page_types = ["members.CircularIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("circular")
        verbose_name_plural = _("circulars")

    @property
    def label(self):
        """ "Nr. 123/2026" """
        return _("No. %(number)s/%(year)s") % {"number": self.number, "year": self.date.year}

    @classmethod
    def next_number(cls, year):
        last = (
            cls.objects.filter(date__year=year, locale__language_code=settings.LANGUAGE_CODE)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        return (last or 0) + 1

    def cache_invalidation_tags(self):
        return {"members"}

    def addressee_labels(self):
        return [str(JobFunction(value).label) for value in self.addressees if value in JobFunction.values]

    def clean(self):
        super().clean()
        unknown = [value for value in self.addressees or [] if value not in JobFunction.values]
        if unknown:
            raise ValidationError({"addressees": _("Unknown function.")})
        if self.number and self.date:
            twins = (
                CircularPage.objects.filter(
                    number=self.number, date__year=self.date.year, locale_id=self.locale_id
                )
                .exclude(translation_key=self.translation_key)
                .first()
            )
            if twins is not None:
                raise ValidationError(
                    {
                        "number": _(
                            "No. %(number)s/%(year)s is already taken by “%(title)s”. The next free number is %(next)s."
                        )
                        % {
                            "number": self.number,
                            "year": self.date.year,
                            "title": twins.title,
                            "next": CircularPage.next_number(self.date.year),
                        }
                    }
                )


class CircularAttachment(Orderable):
    page = ParentalKey(CircularPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class CircularRelatedPage(Orderable):
    page = ParentalKey(CircularPage, on_delete=models.CASCADE, related_name="related_pages")
    related = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("statement or meeting")
    )

    panels = [PageChooserPanel("related", ["articles.ArticlePage", "calendar_app.EventPage"])]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")
