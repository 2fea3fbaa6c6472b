"""The page forms editors use: German dates, checkboxes, transliterated slugs, a taken short name explained."""

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage
from tests import factories
from tests.calendar_app.helpers import article_form, soup


@pytest.mark.django_db
def test_topics_are_checkboxes_and_dates_are_german(editor, public):
    html = editor.get(f"/admin/pages/{public.article.pk}/edit/").content.decode()
    page = BeautifulSoup(html, "html.parser")
    assert page.select('input[type="checkbox"][name="topics"]')
    assert page.select_one("#id_date")["value"] == public.article.date.strftime("%d.%m.%Y")


@pytest.mark.django_db
def test_slugs_are_transliterated_and_an_empty_block_does_not_stop_publishing(editor, public):
    response = editor.post(
        f"/admin/pages/add/articles/articlepage/{public.news.pk}/",
        article_form(public.topic, **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(title="Städte für Bürger")
    assert article.slug == "staedte-fuer-buerger" and article.live
    assert [block.block_type for block in article.body] == ["paragraph"]  # the empty one is gone


@pytest.mark.django_db
def test_a_taken_short_name_names_and_links_the_existing_draft(editor, public):
    draft = factories.make_article(public.news, "Entwurf zur Kita", slug="kita")
    draft.unpublish()
    response = editor.post(
        f"/admin/pages/add/articles/articlepage/{public.news.pk}/",
        article_form(public.topic, title="Kita", slug="kita", **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    error = soup(response).select_one(
        "#panel-child-promote-child-for_search_engines-child-slug-section, .w-field__errors"
    )
    message = soup(response).find(string=lambda s: s and "Kurztitel „kita“" in s)
    assert message is not None and "Entwurf zur Kita" in message and "Entwurf" in message
    assert soup(response).find("a", href=f"/admin/pages/{draft.pk}/edit/") is not None
    assert error is not None
