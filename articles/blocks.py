"""The shared body blocks: one StreamBlock for statements, reused by the calendar's descriptions."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from core.blocks import SkipEmptyStreamBlock
from core.representations import document_representation, image_representation

PARAGRAPH_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


# Previews in the block picker show the newest image and documents of the library (evaluated when
# an editor opens the picker, so they never refer to something deleted).
def preview_image():
    return {"image": get_image_model().objects.order_by("-created_at").first(), "caption": "Sitzung"}


def preview_documents():
    return {
        "title": "Downloads",
        "documents": list(get_document_model().objects.order_by("-created_at")[:2]),
    }


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "articles/blocks/heading.html"
        description = _("A subheading that structures a longer text.")
        preview_value = {"text": "Forderungen der Städte", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "articles/blocks/quote.html"
        description = _("A quotation with the name of the person quoted.")
        preview_value = {
            "text": "Integration gelingt nur gemeinsam mit den Städten.",
            "attribution": "Präsidentin des Städtetages",
        }


class KeyDemandsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), default="")
    demands = blocks.ListBlock(blocks.TextBlock(label=_("Demand")), label=_("Demands"))

    class Meta:
        icon = "list-ul"
        label = _("Key demands")
        template = "articles/blocks/key_demands.html"
        description = _("The statement's demands as a titled list.")
        preview_value = {
            "title": "Unsere Forderungen",
            "demands": ["Landesprogramm aufstocken", "Sprachförderung abstimmen"],
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "articles/blocks/image.html"
        description = _("An image with caption; the credit comes from the image.")
        preview_value = staticmethod(preview_image)

    def get_api_representation(self, value, context=None):
        return {
            "image": image_representation(value["image"], "width-1200"),
            "caption": value["caption"],
        }


class DocumentListBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Document")), label=_("Documents"))

    class Meta:
        icon = "doc-full"
        label = _("Documents")
        template = "articles/blocks/document_list.html"
        description = _("A list of downloads, each shown with type and size.")
        preview_value = staticmethod(preview_documents)

    def get_api_representation(self, value, context=None):
        return {
            "title": value["title"],
            "documents": [document_representation(doc) for doc in value["documents"] if doc],
        }


class ArticleBodyBlock(SkipEmptyStreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        template="articles/blocks/paragraph.html",
        description=_("Text with bold, italic, lists and links."),
        preview_value="<p>Die Städte fordern eine <b>verlässliche</b> Finanzierung.</p>",
    )
    heading = HeadingBlock()
    quote = QuoteBlock()
    key_demands = KeyDemandsBlock()
    image = CaptionedImageBlock()
    documents = DocumentListBlock()
    table = TableBlock(
        label=_("Table"),
        icon="table",
        template="articles/blocks/table.html",
        description=_("A simple table; mark the first row as header."),
        table_options={"startRows": 3, "startCols": 3},
        preview_value={
            "data": [["Stadt", "Einwohner"], ["Wiesbaden", "285.000"], ["Darmstadt", "162.000"]],
            "first_row_is_table_header": True,
        },
    )

    class Meta:
        icon = "doc-full"
