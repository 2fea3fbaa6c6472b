"""Editors write statements in the German admin: labels, validation, preview."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from tests import factories


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def news(site):
    return factories.SimpleNamespace(
        site=site, index=factories.make_news_index(site), topic=factories.make_topic(site)
    )


def article_form(news, **overrides):
    data = {
        "title": "Städte fordern Entlastung",
        "slug": "entlastung",
        "kind": "statement",
        "date": "2016-03-02",
        "teaser": "Die Städte brauchen Entlastung.",
        "body": streamfield([("paragraph", rich_text("<p>Text der Stellungnahme.</p>"))]),
        "downloads": inline_formset([]),
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    form = nested_form_data(data)
    form["topics"] = [str(news.topic.pk)]
    return form


@pytest.mark.django_db
def test_editor_sees_german_labels_and_grouped_panels(editor_client, news):
    response = editor_client.get(f"/admin/pages/add/articles/articlepage/{news.index.pk}/")
    assert response.status_code == 200
    text = response.content.decode()  # block labels travel in the StreamField's JSON
    for label in (
        "Anreißer",
        "Arbeitsfelder und Bezüge",
        "Stellungnahme",
        "Pressemitteilung",
        "Kernforderungen",
    ):
        assert label in text, label


@pytest.mark.django_db
def test_editor_publishes_a_statement_through_the_admin(editor_client, news):
    response = editor_client.post(
        f"/admin/pages/add/articles/articlepage/{news.index.pk}/",
        article_form(news, **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="entlastung")
    assert article.live and article.date == datetime.date(2016, 3, 2)
    assert list(article.topics.all()) == [news.topic]
    assert editor_client.get("/de/aktuelles/entlastung/").status_code == 200


@pytest.mark.django_db
def test_too_long_teaser_gets_a_german_form_error_and_nothing_is_saved(editor_client, news):
    response = editor_client.post(
        f"/admin/pages/add/articles/articlepage/{news.index.pk}/",
        article_form(news, teaser="x" * 301, **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    assert "höchstens 300 Zeichen" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="entlastung").exists()


@pytest.mark.django_db
def test_missing_date_gets_a_form_error(editor_client, news):
    response = editor_client.post(
        f"/admin/pages/add/articles/articlepage/{news.index.pk}/",
        article_form(news, date="", **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    assert "Dieses Feld muss ausgefüllt werden" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="entlastung").exists()


@pytest.mark.django_db
def test_preview_renders_article_and_index_pages(editor_client, news):
    article = factories.make_article(news.index, "Vorschau", topics=[news.topic])
    index_form = nested_form_data(
        {"title": "Aktuelles", "slug": "aktuelles", "intro": "", "comments": inline_formset([])}
    )
    article_data = article_form(news, title="Vorschau geändert", slug="vorschau")
    for page, data, expected in (
        (article, article_data, "Vorschau geändert"),
        (news.index, index_form, "Aktuelles"),
    ):
        url = f"/admin/pages/{page.pk}/edit/preview/"
        answer = editor_client.post(url, data)
        assert answer.status_code == 200
        assert answer.json()["is_valid"] is True
        preview = editor_client.get(url)
        assert preview.status_code == 200
        assert BeautifulSoup(preview.content, "html.parser").h1.get_text(strip=True) == expected


@pytest.mark.django_db
def test_every_body_block_has_a_preview_in_the_block_picker(editor_client):
    image = factories.make_image("Saal", credit="Stadt Wiesbaden", alt_text="Ein Sitzungssaal")
    factories.make_document("Gemeindefinanzbericht")
    expected = {
        "paragraph": "verlässliche Finanzierung",
        "heading": "Forderungen der Städte",
        "quote": "Präsidentin des Städtetages",
        "key_demands": "Landesprogramm aufstocken",
        "image": "Foto: Stadt Wiesbaden",
        "documents": "Gemeindefinanzbericht",
        "table": "Wiesbaden",
    }
    blocks = ArticlePage._meta.get_field("body").stream_block.child_blocks
    assert set(blocks) == set(expected)
    for name, block in blocks.items():
        assert block.is_previewable, name
        response = editor_client.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
        page = BeautifulSoup(response.content, "html.parser")
        assert expected[name] in page.main.get_text(" ", strip=True), name
        assert page.find("link", rel="stylesheet")["href"].endswith(".css"), name  # styled as on the site
    figure = BeautifulSoup(
        editor_client.get("/admin/block-preview/", {"id": blocks["image"].definition_prefix}).content,
        "html.parser",
    ).find("img")
    assert figure["alt"] == image.alt_text


@pytest.mark.django_db
def test_topic_choices_are_in_the_pages_language(editor_client, news):
    html = editor_client.get(f"/admin/pages/add/articles/articlepage/{news.index.pk}/").content.decode()
    assert "Soziales" in html and "Social affairs" not in html


@pytest.mark.django_db
def test_the_moderation_workflow_has_a_german_name(editor_client, news):
    html = editor_client.get(f"/admin/pages/add/articles/articlepage/{news.index.pk}/").content.decode()
    assert "Freigabe durch die Redaktion" in html and "Moderators approval" not in html
