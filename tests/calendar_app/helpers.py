"""Editors and a public site for the calendar's experience tests."""

from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def preview(editor, **data):
    response = editor.post("/admin/calendar/recurrence-preview/", data)
    assert response.status_code == 200
    return response.json()


def article_form(news_topic, **overrides):
    data = {
        "title": "Städte für Bürger",
        "slug": "städte-für-bürger",
        "kind": "statement",
        "date": "02.03.2016",
        "teaser": "Die Städte brauchen Entlastung.",
        "body": streamfield([("paragraph", rich_text("<p>Text.</p>")), ("paragraph", rich_text(""))]),
        "downloads": inline_formset([]),
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    form = nested_form_data(data)
    form["topics"] = [str(news_topic.pk)]
    return form
