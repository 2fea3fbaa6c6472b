"""Slugs as the demo content and the office write them: German letters transliterated."""

from django.utils.text import slugify

GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def german_slug(value):
    """ "Städte für Bürger" -> "staedte-fuer-buerger": ASCII, with German transliteration (not "stadte")."""
    return slugify(str(value).translate(GERMAN))
