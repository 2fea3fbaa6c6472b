"""The blocks of the Leichte-Sprache and sign-language pages and of the accessibility statement."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import SkipEmptyStreamBlock


class SentencesBlock(blocks.ListBlock):
    """Leichte Sprache: one statement per line, each a short sentence of its own."""

    def __init__(self, **kwargs):
        super().__init__(
            blocks.CharBlock(
                label=_("Sentence"),
                max_length=200,
                help_text=_("One short sentence. A new sentence gets a new line."),
            ),
            **kwargs,
        )

    class Meta:
        icon = "list-ul"
        label = _("Sentences (one per line)")
        template = "accessibility/blocks/sentences.html"
        description = _("Short sentences, each on its own line.")


class GlossaryEntryBlock(blocks.StructBlock):
    word = blocks.CharBlock(label=_("Word"), max_length=80)
    explanation = SentencesBlock(label=_("Explanation"))

    class Meta:
        icon = "help"
        label = _("Explained word")


class GlossaryBlock(blocks.StructBlock):
    """Hard words, each explained in short sentences (shown as a list of terms and explanations)."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    entries = blocks.ListBlock(GlossaryEntryBlock(), label=_("Words"))

    class Meta:
        icon = "help"
        label = _("Glossary: words explained")
        template = "accessibility/blocks/glossary.html"
        description = _("Explain words that are hard to understand.")


class PictureSentencesBlock(blocks.StructBlock):
    """A picture beside the sentences it illustrates, as Leichte Sprache often does."""

    image = ImageChooserBlock(label=_("Picture"))
    sentences = SentencesBlock(label=_("Sentences"))

    class Meta:
        icon = "image"
        label = _("Picture with sentences")
        template = "accessibility/blocks/picture_sentences.html"


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    label = blocks.CharBlock(label=_("Link text"), max_length=120, help_text=_("Say where the link goes."))

    class Meta:
        icon = "link"
        label = _("Link to a page")
        template = "accessibility/blocks/link.html"


class EasyLanguageBlock(SkipEmptyStreamBlock):
    """What a page in Leichte Sprache is made of: short sentences, subheadings, explained words,
    pictures, links. No rich text: it would invite long paragraphs."""

    subheading = blocks.CharBlock(
        label=_("Subheading"), max_length=120, icon="title", template="accessibility/blocks/subheading.html"
    )
    sentences = SentencesBlock()
    picture = PictureSentencesBlock()
    glossary = GlossaryBlock()
    link = LinkBlock()

    class Meta:
        icon = "doc-full"


class SignLanguageVideoBlock(blocks.StructBlock):
    """A video in German Sign Language from this site's own server: poster, captions, download link
    with size and running time (BITV 2.0, Anlage 2, Teil 1)."""

    video = SnippetChooserBlock("accessibility.SignLanguageVideo", label=_("Video"))
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)

    class Meta:
        icon = "media"
        label = _("Sign language video")
        template = "accessibility/blocks/sign_language_video.html"
        description = _("A video in German Sign Language (DGS), with captions and a download link.")


class SignLanguageBlock(SkipEmptyStreamBlock):
    video = SignLanguageVideoBlock()
    text = blocks.RichTextBlock(
        features=["bold", "link", "ul"],
        label=_("Text"),
        icon="pilcrow",
        template="home/blocks/paragraph.html",
        description=_("A few words beside the video for those who do not sign."),
    )
    link = LinkBlock()

    class Meta:
        icon = "doc-full"


class NonAccessibleContentBlock(blocks.StructBlock):
    """One part of the site that is not (yet) accessible, and why (BITV 2.0 § 7, EU 2018/1523)."""

    content = blocks.CharBlock(label=_("What is not accessible"), max_length=255)
    reason = blocks.ChoiceBlock(
        label=_("Why"),
        choices=[
            ("non_compliance", _("Not yet compliant")),
            ("disproportionate_burden", _("Disproportionate burden")),
            ("out_of_scope", _("Not within the scope of the regulation")),
        ],
    )
    explanation = blocks.TextBlock(
        label=_("Explanation"),
        help_text=_(
            "What the barrier is, what we are doing about it and by when, and the accessible alternative."
        ),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["reason_label"] = dict(self.child_blocks["reason"].field.choices).get(value.get("reason"), "")
        return context

    class Meta:
        icon = "warning"
        label = _("Content that is not accessible")
        template = "accessibility/blocks/non_accessible.html"
