"""Search finds every kind of page by the words of each field it indexes, in both languages, and the
result list shows which words matched (StreamField, rich text and plain fields alike)."""

import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search import index

from core.search import searchable_text

WORD = re.compile(r"[^\W\d_]{6,}")
SEARCH = {"de": "/de/suche/", "en": "/en/search/"}


def field_words(page):
    """For each searchable field of the page: the words in it."""
    found = {}
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField):
            text = searchable_text_of(page, field)
            words = WORD.findall(text)
            if words:
                found[field.field_name] = words
    return found


def searchable_text_of(page, field):
    value = field.get_value(page)
    parts = value if isinstance(value, list) else [value]
    return " ".join(re.sub(r"<[^>]+>", " ", str(part)) for part in parts if part)


def results(client, language, word):
    """Every result URL for the word, through all result pages."""
    urls, number = [], 1
    while number < 20:
        response = client.get(SEARCH[language], {"q": word, "page": number})
        assert response.status_code == 200, (language, word)
        found = re.findall(r'<h2><a href="([^"]+)">', response.content.decode())
        if not found and number > 1:
            break
        urls += found
        if 'rel="next"' not in response.content.decode():
            break
        number += 1
    return urls


@pytest.mark.django_db
def test_every_page_type_is_found_by_a_word_of_each_searchable_field_in_both_languages(client, demo):
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    pages = list(Page.objects.live().public().filter(depth__gt=1).specific().select_related("locale"))
    everywhere = Counter(word.lower() for page in pages for word in WORD.findall(searchable_text(page)))
    one_per_type = {}
    for page in pages:
        one_per_type.setdefault((type(page), page.locale.language_code), page)
    assert {language for _type, language in one_per_type} == {"de", "en"}
    assert len({page_type for page_type, _language in one_per_type}) >= 6
    checked = 0
    for page in one_per_type.values():
        for field, words in field_words(page).items():
            word = min(words, key=lambda w: (everywhere[w.lower()], -len(w)))  # its rarest word
            urls = results(client, page.locale.language_code, word)
            assert page.url in urls, (type(page).__name__, page.locale.language_code, field, word)
            checked += 1
    assert checked >= 12


@pytest.mark.django_db
def test_the_most_common_words_answer_with_the_words_that_matched(client, demo):
    """The home page's intro is a StreamField: a word from it once made every search a 500."""
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    for language, word in (("de", "Städtetag"), ("de", "Städte"), ("de", "Land"), ("en", "cities")):
        response = client.get(SEARCH[language], {"q": word})
        assert response.status_code == 200, word
        assert word.lower()[:4] in response.content.decode().lower()


@pytest.mark.django_db
def test_a_page_number_beyond_the_results_is_a_404_as_in_every_list(client, demo):
    """Search, the news listing and the members' lists page alike (core.pagination): a bookmarked page
    that no longer exists says so instead of showing the first page under its number."""
    first = client.get(SEARCH["de"], {"q": "Städte"})
    assert first.status_code == 200 and 'rel="next"' in first.content.decode()
    assert client.get(SEARCH["de"], {"q": "Städte", "page": "999"}).status_code == 404
    assert client.get(SEARCH["de"], {"q": "Städte", "page": "abc"}).status_code == 200  # not a number: page 1
    assert client.get("/de/aktuelles/", {"page": "999"}).status_code == 404


def found_titles(client, language, word):
    response = client.get(SEARCH[language], {"q": word})
    assert response.status_code == 200
    return set(re.findall(r'<h2><a href="[^"]+">([^<]+)</a>', response.content.decode()))


@pytest.mark.django_db
def test_an_article_is_found_by_its_topics_name_in_either_language_also_after_a_rename(
    client, demo, django_capture_on_commit_callbacks
):
    from articles.models import ArticlePage, Topic

    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    article = ArticlePage.objects.live().filter(locale__language_code="en", topics__isnull=False).first()
    german_topic = article.topics.first()  # an English article keeps the German topics
    english_topic = Topic.objects.get(
        translation_key=german_topic.translation_key, locale__language_code="en"
    )
    assert german_topic.name != english_topic.name
    original = ArticlePage.objects.get(translation_key=article.translation_key, locale__language_code="de")
    for name in (german_topic.name, english_topic.name):
        assert article.title in found_titles(client, "en", name), name
        assert original.title in found_titles(client, "de", name), name

    # A word no page contains: after the rename the articles of the topic are found by it.
    english_topic.name = "Quellwasserrecht"
    with django_capture_on_commit_callbacks(execute=True):
        english_topic.save()
    assert article.title in found_titles(client, "en", "Quellwasserrecht")
    assert original.title in found_titles(client, "de", "Quellwasserrecht")
