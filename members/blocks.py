"""The text of a circular: the shared body blocks without images.

Wagtail serves image renditions from public URLs with no permission check, so members' content
carries no images (a rendition's address would be a secret by obscurity only); documents go into
the members' collection, whose downloads Wagtail checks.
"""

from articles.blocks import ArticleBodyBlock


class CircularBodyBlock(ArticleBodyBlock):
    image = None  # removes the inherited image block (Wagtail's declarative blocks, like Django forms)

    class Meta:
        icon = "doc-full"
