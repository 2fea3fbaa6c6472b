"""A StreamBlock that drops blocks an editor added and left empty.

Wagtail 8's autosave stores a new page with every block the editor added, also one that was never
filled; a required field in it then failed the next publish ("This field is required" on a block the
editor no longer sees as theirs). An empty block carries no content, so it is dropped when the page
is saved or published instead.
"""

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText


def is_empty(block, value):
    """Whether a block's value holds nothing an editor wrote (defaults do not count)."""
    if value is None:
        return True
    if isinstance(value, RichText):
        return not strip_tags(value.source).strip()
    if isinstance(value, str):
        return not value.strip()
    if isinstance(block, blocks.StructBlock):
        return all(
            is_empty(child, value.get(name)) or value.get(name) == child.get_default()
            for name, child in block.child_blocks.items()
        )
    if isinstance(block, blocks.ListBlock):
        return all(is_empty(block.child_block, item) for item in value)
    if isinstance(value, dict) and "data" in value:  # a table: empty when every cell is
        return not any(str(cell or "").strip() for row in value.get("data") or [] for cell in row)
    return False


class SkipEmptyStreamBlock(blocks.StreamBlock):
    def clean(self, value):
        kept = [child for child in value if not is_empty(child.block, child.value)]
        if len(kept) != len(value):
            value = StreamValue(
                self, [(child.block.name, child.value, child.id) for child in kept], is_lazy=False
            )
        return super().clean(value)
