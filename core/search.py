"""Search terms as the search backend can take them."""

import re

from django.utils.html import strip_tags
from wagtail.search import index
from wagtail.search.query import And, Or, PlainText

from .models import SearchSynonyms

# SQLite's full-text search (Wagtail's database backend) raises on stray quotes and operators,
# which would make `?search="` a 500. Readers search for words, so words are what we keep.
NOT_A_WORD = re.compile(r"[^\w\s-]+")


def clean_query(value):
    """The words of a search term, without characters the full-text engine would take as syntax.

    A "word" of hyphens alone ("--" in `'; DROP TABLE x; --`) is dropped: PostgreSQL's backend
    splits words at hyphens and fails on a word with nothing left (a 500 on PostgreSQL only)."""
    words = (word.strip("-") for word in NOT_A_WORD.sub(" ", value).split())
    return " ".join(word for word in words if word)


def synonym_groups():
    """{lower-case word: [all words of its group]}, from the editors' synonym lists (one query)."""
    groups = {}
    for entry in SearchSynonyms.objects.all():
        words = entry.words
        for word in words:
            groups.setdefault(word.lower(), [])
            groups[word.lower()].extend(w for w in words if w not in groups[word.lower()])
    return groups


def expanded_query(value):
    """The words of a search term as a Wagtail search query: all words must match, each word or one of
    its synonyms. Returns (query, words): `words` is every word looked for, for showing what matched."""
    words = clean_query(value).split()
    if not words:
        return None, []
    groups = synonym_groups()
    parts, looked_for = [], []
    for word in words:
        alternatives = groups.get(word.lower(), [word])
        if word not in alternatives:
            alternatives = [word, *alternatives]
        looked_for.extend(a for a in alternatives if a not in looked_for)
        parts.append(Or([PlainText(a) for a in alternatives]) if len(alternatives) > 1 else PlainText(word))
    return (parts[0] if len(parts) == 1 else And(parts)), looked_for


def searchable_text(page):
    """The page's searchable fields as one text, read as the search index reads them: StreamField and
    rich text through their own `get_searchable_content`, empty values left out, any page type."""
    return " ".join(
        part
        for field in page.get_search_fields()
        if isinstance(field, index.SearchField)
        for part in _strings(field.get_value(page))
    )


def _strings(value):
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings(item)]
    return [strip_tags(str(value))]


def matched_words(words, *texts):
    """Which of the words (or a word starting like them, as stemming finds "Stadt" for "Städte") the
    texts contain: shown beside a result, so the reader sees why it was found."""
    haystack = " ".join(t for t in texts if t).lower()
    found = []
    for word in words:
        stem = word.lower()[: max(4, len(word) - 2)]
        if stem and stem in haystack:
            found.append(word)
    return found
