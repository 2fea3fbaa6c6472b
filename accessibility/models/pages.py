"""The pages German accessibility law asks for: one in Leichte Sprache and one in German Sign
Language (BITV 2.0 § 4), and what they share with the accessibility statement (statement.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.forms import SitePageForm
from core.translation import TranslatedSlugMixin

from ..blocks import EasyLanguageBlock, SignLanguageBlock

CACHE_TAG = "accessibility"  # the header's and footer's links to these pages, in every language


class AccessibilityPage(TranslatedSlugMixin, Page):
    """What the three page types share: one of each below the home page of each language, linked
    from every page's header or footer."""

    base_form_class = SitePageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1  # one per language tree: the header links to it

    class Meta:
        abstract = True

    def cache_invalidation_tags(self):
        return {CACHE_TAG}


# Section headings are the template's (in the reader's language): the four things BITV 2.0 § 4 asks
# such a page to explain, each filled by the editor.
SECTION_HELP = {
    "contents": _("What this website contains: the main topics, in a few short sentences."),
    "navigation": _("How to find one's way: the menu, the search, the language switch, the footer."),
    "statement": _(
        "The main points of the accessibility statement: what is not accessible, how to report a barrier."
    ),
    "more": _("Which other content exists in Leichte Sprache or in sign language, with links."),
}


class EasyLanguagePage(AccessibilityPage):
    """Information in Leichte Sprache (BITV 2.0 § 4 and Anlage 2, Teil 2)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=300,
        help_text=_("One or two short sentences: who we are, and that this page is in Leichte Sprache."),
    )
    contents = StreamField(
        EasyLanguageBlock(),
        blank=True,
        verbose_name=_("what is on this website"),
        help_text=SECTION_HELP["contents"],
    )
    navigation = StreamField(
        EasyLanguageBlock(),
        blank=True,
        verbose_name=_("how to find your way"),
        help_text=SECTION_HELP["navigation"],
    )
    statement = StreamField(
        EasyLanguageBlock(),
        blank=True,
        verbose_name=_("how accessible this website is"),
        help_text=SECTION_HELP["statement"],
    )
    more = StreamField(
        EasyLanguageBlock(),
        blank=True,
        verbose_name=_("more in Leichte Sprache"),
        help_text=SECTION_HELP["more"],
    )

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content=_(
                "Leichte Sprache: short sentences, one statement per line, no abbreviations, no passive, "
                "no genitive, numbers as digits, hard words explained in a glossary block. The checks "
                "(glasses icon) point out what to look at again."
            )
        ),
        FieldPanel("intro"),
        FieldPanel("contents"),
        FieldPanel("navigation"),
        FieldPanel("statement"),
        FieldPanel("more"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("contents")]
    api_fields = [
        APIField("intro"),
        APIField("contents"),
        APIField("navigation"),
        APIField("statement"),
        APIField("more"),
    ]

    class Meta:
        verbose_name = _("page in Leichte Sprache")
        verbose_name_plural = _("pages in Leichte Sprache")


class SignLanguagePage(AccessibilityPage):
    """Information in German Sign Language (DGS; BITV 2.0 § 4 and Anlage 2, Teil 1)."""

    intro = models.TextField(_("introduction"), blank=True, max_length=300)
    contents = StreamField(
        SignLanguageBlock(),
        blank=True,
        verbose_name=_("what is on this website"),
        help_text=SECTION_HELP["contents"],
    )
    navigation = StreamField(
        SignLanguageBlock(),
        blank=True,
        verbose_name=_("how to find your way"),
        help_text=SECTION_HELP["navigation"],
    )
    statement = StreamField(
        SignLanguageBlock(),
        blank=True,
        verbose_name=_("how accessible this website is"),
        help_text=SECTION_HELP["statement"],
    )
    more = StreamField(
        SignLanguageBlock(),
        blank=True,
        verbose_name=_("more in sign language"),
        help_text=SECTION_HELP["more"],
    )

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content=_(
                "Each section: a video in German Sign Language (Snippets → Sign language videos; at least "
                "320 × 240 pixels and 25 frames per second, with captions) and a few words for those who do not sign."
            )
        ),
        FieldPanel("intro"),
        FieldPanel("contents"),
        FieldPanel("navigation"),
        FieldPanel("statement"),
        FieldPanel("more"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
        APIField("contents"),
        APIField("navigation"),
        APIField("statement"),
        APIField("more"),
    ]

    class Meta:
        verbose_name = _("page in sign language")
        verbose_name_plural = _("pages in sign language")
