"""The members' half: member organisations and their staff, committee memberships, circulars
(Rundschreiben) and meeting papers (Sitzungsunterlagen).

Who may see what is decided in members.access, never by obscurity: circulars live below a members'
area page whose view restriction admits the members' group (so every public surface leaves them
out by Wagtail's own `.public()`), and each meeting paper is served only through a permission check.
"""

import datetime
import re
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.forms import SitePageForm
from core.validators import single_line

from .blocks import CircularBodyBlock
from .forms import MemberProfileForm

MEMBERS_GROUP = "Mitglieder"  # the group every member user belongs to (created by a migration)
OFFICE_GROUP = "Geschäftsstelle"  # the office's editors: they see everything


class OrganisationKind(models.TextChoices):
    INDEPENDENT_CITY = "independent_city", _("Independent city")
    SPECIAL_STATUS = "special_status", _("City with special status")
    TOWN = "town", _("Town within a district")
    MUNICIPALITY = "municipality", _("Municipality")


class Function(models.TextChoices):
    """What a member's staff do; circulars are addressed to functions."""

    MAYOR = "mayor", _("Mayor")
    TREASURER = "treasurer", _("Treasurer")
    HEAD_OF_PERSONNEL = "personnel", _("Head of personnel")
    SOCIAL_AFFAIRS = "social", _("Head of social affairs")
    SCHOOLS_CULTURE = "schools", _("Head of schools and culture")
    BUILDING = "building", _("Head of building and planning")
    IT = "it", _("Head of IT")
    LEGAL = "legal", _("Legal office")
    EQUALITY = "equality", _("Equal opportunities officer")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY_CHAIR = "deputy", _("Deputy chair")
    MEMBER = "member", _("Member")
    GUEST = "guest", _("Guest")


DOMAIN_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")


class MemberOrganisation(models.Model):
    """A member city or municipality."""

    name = models.CharField(_("name"), max_length=255, unique=True, validators=[single_line])
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    email_domains = models.CharField(
        _("e-mail domains"),
        max_length=500,
        blank=True,
        help_text=_('The official domains of its addresses, separated by commas, e.g. "wiesbaden.de".'),
    )
    active = models.BooleanField(_("member"), default=True, help_text=_("Former members keep no access."))

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("email_domains"), FieldPanel("active")]

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def domains(self):
        return [d.strip().lower() for d in self.email_domains.split(",") if d.strip()]

    def clean(self):
        bad = [domain for domain in self.domains if not DOMAIN_RE.match(domain)]
        if bad:
            raise ValidationError(
                {"email_domains": _("Not a domain: %(domains)s") % {"domains": ", ".join(bad)}}
            )


class MemberProfile(ClusterableModel):
    """A member organisation's staff member: a user of the members' area (not of the admin)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="member_profile",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        MemberOrganisation, on_delete=models.CASCADE, related_name="profiles", verbose_name=_("organisation")
    )
    function = models.CharField(
        _("function"), max_length=20, choices=Function.choices, default=Function.OTHER
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    calendar_token = models.UUIDField(_("calendar address"), default=uuid.uuid4, unique=True, editable=False)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True, editable=False)

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]), FieldPanel("email")],
            heading=_("Person"),
        ),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("function")]),
        FieldPanel("phone"),
        InlinePanel("memberships", label=_("Seat in a committee"), heading=_("Committee memberships")),
        FieldPanel("send_invitation"),
    ]
    base_form_class = MemberProfileForm

    class Meta:
        verbose_name = _("member user")
        verbose_name_plural = _("member users")
        ordering = ["organisation__name", "user__last_name", "user__first_name"]

    def __str__(self):
        name = self.user.get_full_name() or self.user.email or self.user.get_username()
        return f"{name} ({self.organisation})"

    def new_calendar_token(self):
        """A new secret calendar address; the old one stops working at once."""
        self.calendar_token = uuid.uuid4()
        self.save(update_fields=["calendar_token"])


class CommitteeMembership(models.Model):
    """A member user's seat in a body: chair, deputy chair, member or guest."""

    profile = ParentalKey(
        MemberProfile, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("member user")
    )
    # The German committee: memberships hold for every language version of it.
    committee = models.ForeignKey(
        "calendar_app.Committee", on_delete=models.CASCADE, related_name="+", verbose_name=_("committee")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    panels = [FieldPanel("committee"), FieldPanel("role")]

    class Meta:
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        constraints = [
            models.UniqueConstraint(fields=["profile", "committee"], name="one_seat_per_committee")
        ]

    def __str__(self):
        return f"{self.profile} – {self.committee} ({self.get_role_display()})"


class CommitteePapersAccess(models.Model):
    """The office may open a committee's papers to every member, not only to its own members."""

    committee = models.OneToOneField(
        "calendar_app.Committee", on_delete=models.CASCADE, related_name="+", verbose_name=_("committee")
    )
    open_to_all_members = models.BooleanField(_("papers open to all members"), default=False)

    panels = [FieldPanel("committee"), FieldPanel("open_to_all_members")]

    class Meta:
        verbose_name = _("access to a committee's papers")
        verbose_name_plural = _("access to committees' papers")

    def __str__(self):
        return str(self.committee)


class PaperKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    AGENDA = "agenda", _("Agenda")
    PROPOSAL = "proposal", _("Proposal for a decision")
    MINUTES = "minutes", _("Minutes")
    ANNEX = "annex", _("Annex")


class MeetingPaper(models.Model):
    """A paper of a meeting series, or of one meeting of it (by its date): members only."""

    series = models.ForeignKey(
        "calendar_app.EventPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting series")
    )
    meeting_date = models.DateField(
        _("meeting"), null=True, blank=True, help_text=_("Empty: the paper belongs to the whole series.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PaperKind.choices, default=PaperKind.AGENDA)
    title = models.CharField(_("title"), max_length=255, validators=[single_line])
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        PageChooserPanel("series", "calendar_app.EventPage"),
        FieldRowPanel([FieldPanel("meeting_date"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldPanel("document"),
    ]

    class Meta:
        verbose_name = _("meeting paper")
        verbose_name_plural = _("meeting papers")
        ordering = ["-meeting_date", "kind", "title"]

    def __str__(self):
        return self.title


class MembersAreaPage(RoutablePageMixin, Page):
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

    class Meta:
        verbose_name = _("members' area")
        verbose_name_plural = _("members' areas")

    def cache_invalidation_tags(self):
        return {"members"}

    @path("")
    def home(self, request):
        from . import views

        return views.members_home(self, request)

    @path("themen/")
    def topics(self, request):
        from . import views

        return views.knowledge_base(self, request)

    @path("suche/")
    def search(self, request):
        from . import views

        return views.members_search(self, request)

    @path("kalender/")
    def calendar(self, request):
        from . import views

        return views.calendar_settings(self, request)

    @path("api-zugang/")
    def api_access(self, request):
        from . import views

        return views.api_tokens(self, request)


class CircularIndexPage(Page):
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
        from .views import paginate

        context = super().get_context(request, *args, **kwargs)
        circulars = CircularPage.objects.live().child_of(self).order_by("-date", "-number")
        context["page_obj"] = paginate(request, circulars)
        return context


class CircularPageForm(SitePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "number" in self.fields and not self.initial.get("number"):
            self.initial["number"] = CircularPage.next_number(datetime.date.today().year)
        locale_id = self.instance.locale_id or (self.parent_page.locale_id if self.parent_page else None)
        if locale_id and "topics" in self.fields:
            self.fields["topics"].queryset = self.fields["topics"].queryset.filter(locale_id=locale_id)


class CircularPage(Page):
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
                    widget=forms.CheckboxSelectMultiple(choices=Function.choices),
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
        return [str(Function(value).label) for value in self.addressees if value in Function.values]

    def clean(self):
        super().clean()
        unknown = [value for value in self.addressees or [] if value not in Function.values]
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
