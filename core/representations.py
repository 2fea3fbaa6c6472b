"""Shapes shared by every app's output: images with credit, documents with type and size.

Plain functions, imported by blocks and templates at model-load time (so no API imports here).
"""

from django.conf import settings
from django.utils import formats
from wagtail.images.models import SourceImageIOError


def absolute(url):
    """An absolute URL for API consumers on other hosts; absolute URLs pass through."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILAPI_BASE_URL.rstrip("/") + url


def image_representation(image, spec="width-1200"):
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except SourceImageIOError:
        return None  # the original file is missing: no image rather than an error for the whole response
    return {
        "id": image.pk,
        "url": absolute(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
        "credit": image.credit,
    }


def document_size(document):
    size = document.file_size
    if size is None:
        try:
            size = document.file.size
        except (OSError, ValueError):
            return None
    return size


def document_type(document):
    return document.file_extension.upper()


def document_size_display(size):
    """'408 kB' / '1,2 MB' in the active language's number format (decimal units, as on the seed)."""
    if size is None:
        return ""
    if size < 1000 * 1000:
        return f"{formats.number_format(max(1, round(size / 1000)))} kB"
    return f"{formats.number_format(size / 1000 / 1000, 1)} MB"


def document_representation(document):
    size = document_size(document)
    return {
        "id": document.pk,
        "title": document.title,
        "url": absolute(document.url),
        "type": document_type(document),
        "size": size,
        "size_display": document_size_display(size),
    }
