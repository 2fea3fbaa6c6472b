"""TYPO3's short texts as an article's fields: a text as one line, a teaser cut to fit, an image's credit."""

import re

from bs4 import BeautifulSoup

from articles.models import TEASER_MAX_LENGTH
from typo3_import.richtext import plain

CREDIT = re.compile(
    r"(?:^|[\s.;,(])(?:(?:Fotos?|Bilder?|Photos?|Quelle|Source|Credits?|Copyright)\s*:|©|\(c\))\s*(?P<credit>[^()]+?)\)?\s*$",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?…][\"'»«“”„)]*\s")


def text_of(value):
    """A TYPO3 text (plain or rich) as one line of plain text."""
    if not value:
        return ""
    return plain(BeautifulSoup(value, "html.parser"))


def split_teaser(teaser):
    """A teaser that fits the field, and what did not fit (to open the body with), or ("", "")."""
    if len(teaser) <= TEASER_MAX_LENGTH:
        return teaser, ""
    cut = 0
    for match in SENTENCE_END.finditer(teaser[: TEASER_MAX_LENGTH + 1]):
        cut = match.end()
    if cut >= 40:
        return teaser[:cut].strip(), teaser[cut:].strip()
    words = teaser[: TEASER_MAX_LENGTH - 1].rsplit(" ", 1)[0]
    return words.rstrip(" ,;:") + "…", teaser  # no sentence fits: the body opens with the whole teaser


def credit_and_caption(*texts):
    """The photographer's credit ("Foto: HStT") and the rest as a caption, from TYPO3's description and title."""
    caption, credit = "", ""
    for text in texts:
        text = (text or "").strip()
        if not text:
            continue
        match = CREDIT.search(text)
        if match and not credit:
            credit = match.group("credit").strip()
            rest = text[: match.start()].strip(" .;,")
            if rest and not caption:
                caption = rest + ("." if not rest.endswith((".", "!", "?")) else "")
        elif not caption and not match:
            caption = text
    return credit[:255], caption[:255]
