from django import template

from ..render import html_to_text

register = template.Library()


@register.filter
def underline(value, character="="):
    return character * len(str(value))


@register.filter
def as_text(value):
    """Mail HTML as plain text (links written out)."""
    return html_to_text(value)
