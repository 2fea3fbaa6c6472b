"""Search terms as the search backend can take them."""

import re

# SQLite's full-text search (Wagtail's database backend) raises on stray quotes and operators,
# which made `?search="` a 500. Readers search for words, so words are what we keep.
NOT_A_WORD = re.compile(r"[^\w\s-]+")


def clean_query(value):
    """The words of a search term, without characters the full-text engine would take as syntax."""
    return " ".join(NOT_A_WORD.sub(" ", value).split())
