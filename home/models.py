"""The home page, the site-wide settings and the project's image model."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import SkipEmptyStreamBlock
from .forms import SitePageForm


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


class IntroBlock(SkipEmptyStreamBlock):
    """The home page's own intro: kept small so that home depends on no other app."""

    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link"],
        label=_("Paragraph"),
        icon="pilcrow",
        template="home/blocks/paragraph.html",
    )

    class Meta:
        icon = "doc-full"


class ContentBodyBlock(SkipEmptyStreamBlock):
    """Text with subheadings for simple pages (legal notice, privacy, accessibility statement)."""

    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        label=_("Text"),
        icon="pilcrow",
        template="home/blocks/paragraph.html",
        description=_("Text with subheadings, lists and links."),
        preview_value="<h2>Kontakt</h2><p>Schreiben Sie uns an <b>post@staedtetag.example</b>.</p>",
    )

    class Meta:
        icon = "doc-full"


class ContentPage(Page):
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


class HomePage(Page):
    intro = StreamField(IntroBlock(), blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    base_form_class = SitePageForm
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1  # one home page per language tree

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class LinkedPageBlock(blocks.PageChooserBlock):
    """A page link that the API gives as id, URL and locale, not a bare id."""

    def get_api_representation(self, value, context=None):
        if value is None or not value.live:
            return None
        return {
            "id": value.pk,
            "url": value.get_full_url((context or {}).get("request")),
            "locale": value.locale.language_code,
        }


class FooterLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"))
    page = LinkedPageBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("External address"))

    class Meta:
        icon = "link"
        label = _("Footer link")


class SiteSettingsQuerySet(models.QuerySet):
    def for_locale(self, locale):
        """The settings in this locale, else those of the default locale."""
        found = self.filter(locale=locale).first()
        from .request_memo import default_locale  # request_memo imports wagtail.models only

        return found or self.filter(locale=default_locale()).first()


class SiteSettings(TranslatableMixin, ClusterableModel):
    """Facts about the organisation shown in every page's header and footer."""

    organisation_name = models.CharField(_("organisation name"), max_length=255)
    claim = models.CharField(_("claim"), max_length=255, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    footer_text = RichTextField(_("footer text"), features=["bold", "italic", "link"], blank=True)
    footer_links = StreamField([("link", FooterLinkBlock())], blank=True, verbose_name=_("footer links"))

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("claim")], heading=_("Organisation")),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("footer_text"), FieldPanel("footer_links")], heading=_("Footer")),
    ]

    # Address and phone are the same in every language: synchronised, not translated.
    override_translatable_fields = [
        SynchronizedField("address"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
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


class SearchSynonyms(models.Model):
    """Words that readers use for the same thing: a search for one finds pages with any of them.

    Editors keep these in the admin (Einstellungen → Synonyme für die Suche); no deploy needed.
    """

    terms = models.CharField(
        _("words that mean the same"),
        max_length=500,
        unique=True,
        help_text=_('Separated by commas, e.g. "Verkehr, Mobilität, ÖPNV, Nahverkehr".'),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    @property
    def words(self):
        return [word.strip() for word in self.terms.split(",") if word.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError

        if len(self.words) < 2:
            raise ValidationError({"terms": _("Give at least two words, separated by commas.")})


class TranslatedRoutesMixin:
    """For routable pages: the language switcher keeps the reader on the same sub-route and filters.

    Sub-routes and query parameters that carry slugs of translatable snippets (topics, committees)
    are given the slug of the target language's translation.
    """

    #: {route prefix or query parameter: model whose slug it carries}
    translated_slugs = {}
    #: {language: {English route word: that language's word}}, for routes named in the page's language
    route_words = {}

    def translated_url(self, request, target):
        base = self.get_url(request)
        path = request.path
        if not base or not path.startswith(base):
            return target.get_url(request)
        parts = path[len(base) :].split("/")
        if len(parts) >= 2 and parts[0] in self.translated_slugs:
            parts[1] = self._slug_in(self.translated_slugs[parts[0]], parts[1], target.locale)
        if parts and parts[0]:
            english = {v: k for words in self.route_words.values() for k, v in words.items()}.get(
                parts[0], parts[0]
            )
            parts[0] = self.route_words.get(target.locale.language_code, {}).get(english, english)
        query = request.GET.copy()
        for name, model in self.translated_slugs.items():
            if name in query:
                query[name] = self._slug_in(model, query[name], target.locale)
        query.pop("page", None)  # page numbers differ between languages
        url = target.get_url(request) + "/".join(parts)
        return url + ("?" + query.urlencode() if query else "")

    def _slug_in(self, model, slug, locale):
        source = model.objects.filter(slug=slug, locale=self.locale).first()
        translated = (
            source and model.objects.filter(translation_key=source.translation_key, locale=locale).first()
        )
        return translated.slug if translated else slug
