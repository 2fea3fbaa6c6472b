"""The blocks of the home page, the content pages and the site settings."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import SkipEmptyStreamBlock


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
