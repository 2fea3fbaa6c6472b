"""The home page, the site-wide settings and the project's image model."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.forms import SitePageForm
from core.request_memo import default_locale
from core.translation import TranslatedSlugMixin

from .blocks import ContentBodyBlock, FooterLinkBlock, IntroBlock


class CustomImage(AbstractImage):
    """An image that carries its alt text and its credit, entered once, shown everywhere."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("Describes the image for people who cannot see it. Required."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_('Photographer or source, shown as "Foto: …" under the image.'),
    )

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "credit")
    api_fields = [APIField("alt_text"), APIField("credit")]
    search_fields = [*AbstractImage.search_fields, index.SearchField("credit")]

    @property
    def default_alt_text(self):
        return self.alt_text or super().default_alt_text

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class ContentPage(TranslatedSlugMixin, Page):
    """A page of plain content: legal notice, privacy policy, accessibility statement, "about us"."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences above the text.")
    )
    body = StreamField(ContentBodyBlock(), blank=True, verbose_name=_("text"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]
    base_form_class = SitePageForm
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class HomePage(TranslatedSlugMixin, Page):
    intro = StreamField(IntroBlock(), blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    base_form_class = SitePageForm
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1  # one home page per language tree

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class SiteSettingsQuerySet(models.QuerySet):
    def for_locale(self, locale):
        """The settings in this locale, else those of the default locale."""
        found = self.filter(locale=locale).first()
        return found or self.filter(locale=default_locale()).first()


class SiteSettings(TranslatableMixin, ClusterableModel):
    """Facts about the organisation shown in every page's header and footer."""

    organisation_name = models.CharField(_("organisation name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60, blank=True, help_text=_('E.g. "HST".'))
    claim = models.CharField(_("claim"), max_length=255, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    contact_name = models.CharField(
        _("contact for the open data"),
        max_length=255,
        blank=True,
        help_text=_("Named in the open data interface (OParl), e.g. the office's press department."),
    )
    data_license = models.URLField(
        _("licence of the open data"),
        default="https://creativecommons.org/licenses/by/4.0/",
        help_text=_("The licence under which the committees' meetings and papers may be reused."),
    )
    footer_text = RichTextField(_("footer text"), features=["bold", "italic", "link"], blank=True)
    footer_links = StreamField([("link", FooterLinkBlock())], blank=True, verbose_name=_("footer links"))
    # For the clients that keep a copy of the open data (OParl's System and Body show these facts).
    modified_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("short_name"), FieldPanel("claim")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("data_license")], heading=_("Open data")),
        MultiFieldPanel([FieldPanel("footer_text"), FieldPanel("footer_links")], heading=_("Footer")),
    ]

    # Address and phone are the same in every language: synchronised, not translated.
    override_translatable_fields = [
        SynchronizedField("address"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("data_license"),
    ]

    api_fields = [
        APIField("organisation_name"),
        APIField("claim"),
        APIField("address"),
        APIField("phone"),
        APIField("email"),
        APIField("footer_text"),
        APIField("footer_links"),
    ]

    objects = SiteSettingsQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return f"{self.organisation_name} ({self.locale.language_code})"
