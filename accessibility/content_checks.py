"""Advice for editors, shown by Wagtail's content checker ("Prüfungen" in the page editor, and the
userbar in the preview): the conventions of Leichte Sprache (BITV 2.0, Anlage 2, Teil 2) on pages of
that type, and on every page images without alternative text and document links that do not say
their format and size.

The checks are plain functions over text, in Python, so that they can be read and tested without a
browser. The preview of a page (never the public page) carries their findings as a
`data-content-check` attribute on the element concerned (`mark_preview`), and the checker's axe rules
(`AXE_RULES`) point at those attributes: axe-core shows them in Wagtail's list with our message and
highlights the element. They advise; nothing is ever refused for them.
"""

import re

from bs4 import BeautifulSoup
from django.utils.translation import gettext_lazy as _

LONG_SENTENCE_WORDS = 15  # "short sentences": more than about 15 words is long for Leichte Sprache

WORD = re.compile(r"[\wÄÖÜäöüß]+(?:-[\wÄÖÜäöüß]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[A-ZÄÖÜ0-9„\"»(])|\n+")
# "wird/wurde/worden … gebaut/geschrieben/informiert": werden with a past participle. Future tense
# ("wird kommen") has no participle and is not flagged.
PASSIVE_AUX = re.compile(r"\b(wird|werden|wirst|werdet|wurde|wurden|wurdest|worden)\b", re.I)
PARTICIPLE = re.compile(r"\b(ge[a-zäöüß]{2,}(t|en)|[a-zäöüß]{3,}iert)\b")
# Genitive: the article forms only the genitive has, and prepositions that take it.
GENITIVE = re.compile(
    r"\b(des|eines|meines|deines|seines|ihres|unseres|eures|wegen|trotz|statt|anstatt|"
    r"innerhalb|außerhalb|mithilfe|aufgrund|bezüglich|hinsichtlich|zwecks)\b",
    re.I,
)
DOTTED_ABBREVIATION = re.compile(
    r"(?<![\wÄÖÜäöüß])(z\.\s?B\.|d\.\s?h\.|u\.\s?a\.|o\.\s?ä\.|s\.\s?o\.|s\.\s?u\.|usw\.|bzw\.|ggf\.|evtl\.|"
    r"etc\.|vgl\.|ca\.|inkl\.|zzgl\.|Nr\.|Abs\.|Str\.|Tel\.|bspw\.|sog\.|v\.\s?a\.|u\.\s?U\.)",
)
ACRONYM = re.compile(r"\b[A-ZÄÖÜ]{2,6}s?\b")
# Numbers above twelve written as words ("dreizehn", "zwanzig", "einhundert"); Leichte Sprache
# writes them as digits.
NUMBER_WORD = re.compile(
    r"\b((drei|vier|fünf|sech|sieb|acht|neun)zehn|"
    r"((ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und)?"
    r"(zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig)|"
    r"(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)?(hundert|tausend)|million(en)?|milliarde(n)?)\b",
    re.I,
)
# "(PDF, 408 kB)": what a reader needs before downloading.
DOCUMENT_INFO = re.compile(
    r"\b(PDF|DOCX?|ODT|ODS|XLSX?|PPTX?|CSV|RTF|TXT|ZIP)\b.*?\d+(?:[.,]\d+)?\s*(?:Byte|B|kB|KB|MB|GB)\b",
    re.I | re.S,
)

CHECKS = {
    "ls-long-sentence": {
        "error_name": _("Long sentence"),
        "help_text": _("Leichte Sprache: at most about 15 words in a sentence. Split it into two."),
    },
    "ls-passive": {
        "error_name": _("Passive voice"),
        "help_text": _('Leichte Sprache: say who does something ("Wir prüfen", not "Es wird geprüft").'),
    },
    "ls-genitive": {
        "error_name": _("Genitive"),
        "help_text": _('Leichte Sprache: use "von" or "für" instead ("das Haus von der Stadt").'),
    },
    "ls-abbreviation": {
        "error_name": _("Abbreviation"),
        "help_text": _("Leichte Sprache: write the words out, or explain the word in the glossary block."),
    },
    "ls-number-words": {
        "error_name": _("Number written as a word"),
        "help_text": _("Leichte Sprache: write numbers above twelve as digits (13, not dreizehn)."),
    },
    "image-alt": {
        "error_name": _("Image without alternative text"),
        "help_text": _(
            "Describe the image for people who cannot see it (Images → edit the image). "
            "Only an image that is pure decoration may stay without."
        ),
    },
    "document-info": {
        "error_name": _("Document link without format and size"),
        "help_text": _('Say what the file is before it is downloaded, e.g. "(PDF, 408 kB)".'),
    },
}


def sentences(text):
    """The sentences of a text (a new line ends one too: Leichte Sprache writes one per line)."""
    return [part.strip() for part in SENTENCE_END.split(text or "") if part and part.strip()]


def words(sentence):
    return WORD.findall(sentence)


def easy_language_findings(text, explained=()):
    """The check codes a text of Leichte Sprache fails, in a stable order.

    `explained`: words the page explains in its glossary; an abbreviation among them is fine.
    """
    found = []
    known = {word.casefold() for word in explained}
    parts = sentences(text)
    if any(len(words(sentence)) > LONG_SENTENCE_WORDS for sentence in parts):
        found.append("ls-long-sentence")
    if any(PASSIVE_AUX.search(sentence) and PARTICIPLE.search(sentence) for sentence in parts):
        found.append("ls-passive")
    if GENITIVE.search(text or ""):
        found.append("ls-genitive")
    abbreviations = [match.group(0) for match in DOTTED_ABBREVIATION.finditer(text or "")]
    abbreviations += [match.group(0).rstrip("s") for match in ACRONYM.finditer(text or "")]
    if any(abbreviation.casefold() not in known for abbreviation in abbreviations):
        found.append("ls-abbreviation")
    if NUMBER_WORD.search(text or ""):
        found.append("ls-number-words")
    return found


def document_link_lacks_info(link):
    """Whether a link to a document says neither in its text nor right after it what the file is."""
    text = link.get_text(" ", strip=True)
    following = []
    for sibling in link.next_siblings:
        if getattr(sibling, "name", None) == "a":
            break
        following.append(sibling.get_text(" ", strip=True) if hasattr(sibling, "get_text") else str(sibling))
        if len(" ".join(following)) > 80:
            break
    return not DOCUMENT_INFO.search(f"{text} {' '.join(following)}")


TEXT_ELEMENTS = ["p", "li", "dt", "dd", "h2", "h3", "h4", "figcaption", "td", "th"]


def mark(element, code):
    codes = element.get("data-content-check", "").split()
    if code not in codes:
        element["data-content-check"] = " ".join([*codes, code])


def mark_preview(html):
    """The preview's HTML with the findings marked on their elements (`data-content-check`), or None
    when there is nothing to mark."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    if main is None:
        return None
    marked = False
    for image in main.find_all("img"):
        decorative = image.get("aria-hidden") == "true" or image.get("role") in ("presentation", "none")
        if not (image.get("alt") or "").strip() and not decorative:
            mark(image, "image-alt")
            marked = True
    for link in main.find_all("a", href=True):
        if "/documents/" in link["href"] and document_link_lacks_info(link):
            mark(link, "document-info")
            marked = True
    for area in main.select("[data-easy-language]"):
        explained = [term.get_text(" ", strip=True) for term in area.select("dfn, .glossary dt")]
        for element in area.find_all(TEXT_ELEMENTS):
            if element.find(TEXT_ELEMENTS):
                continue  # the innermost text element carries the advice
            for code in easy_language_findings(element.get_text("\n", strip=True), explained):
                mark(element, code)
                marked = True
    return str(soup) if marked else None


# The rules Wagtail's content checker (axe-core) runs on the preview: each finds the elements marked
# with its code. Their check is one of axe's own (no script of ours runs in the checker): it asks for
# an attribute that a marked element never has, so every marked element is reported.
AXE_CHECK = {
    "id": "site-content-advice",
    "evaluate": "attr-non-space-content-evaluate",
    "options": {"attribute": "data-content-check-accepted"},
}
AXE_RULES = [
    {
        "id": code,
        "impact": "moderate",
        "selector": f'[data-content-check~="{code}"]',
        "tags": ["best-practice"],
        "any": [AXE_CHECK["id"]],
        "enabled": True,
    }
    for code in CHECKS
]
