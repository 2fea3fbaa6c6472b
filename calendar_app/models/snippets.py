"""The association's bodies and the places they meet: snippets, translatable, chosen on meeting pages."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.validators import single_line


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
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(auto_now=True)

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
    api_fields = [  # the topic by name and slug (calendar_app.api)
        APIField("name"),
        APIField("slug"),
        APIField("kind"),
        APIField("topic"),
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
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(auto_now=True)

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
