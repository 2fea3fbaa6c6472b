"""Every document of an article appears exactly once on its page: a PDF the editor put into the text's
document list ("Download") is not listed again under "Downloads" below, where the article's downloads
(which the API and feeds give) are shown. Checked for every article of the demo in both languages,
and for one built as an editor would."""

import collections
import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from articles.models import ArticleDownload, ArticlePage
from tests import factories


def document_links(html):
    """The document ids the page links to, once per link (Wagtail's addresses: /documents/<id>/<file>)."""
    page = BeautifulSoup(html, "html.parser")
    return [
        int(match.group(1))
        for link in page.select("main a[href]")
        if (match := re.match(r"^(?:https?://[^/]+)?/documents/(\d+)/", link["href"]))
    ]


def documents_of(article):
    """The documents an article has: in its text's document lists and among its downloads."""
    in_body = {
        doc.pk
        for block in article.body
        if block.block_type == "documents"
        for doc in block.value["documents"]
        if doc
    }
    return in_body | set(article.downloads.values_list("document_id", flat=True))


@pytest.mark.django_db
def test_a_pdf_in_the_text_and_among_the_downloads_is_listed_once(site):
    news = factories.make_news_index(site)
    report = factories.make_document("Jahresbericht 2024")
    other = factories.make_document("Anlage Finanzen", lines=("Anlage",))
    article = factories.make_article(
        news,
        "Jahresbericht",
        kind="publication",
        body=[("documents", {"title": "Download", "documents": [report]})],
    )
    article.downloads.add(ArticleDownload(document=report))
    article.downloads.add(ArticleDownload(document=other))
    article.save_revision().publish()
    html = Client().get(article.url).content.decode()
    assert collections.Counter(document_links(html)) == {report.pk: 1, other.pk: 1}
    sections = BeautifulSoup(html, "html.parser").select("main h2")
    assert [
        h.get_text(strip=True) for h in sections if h.get_text(strip=True) in ("Download", "Downloads")
    ] == [
        "Download",
        "Downloads",
    ]  # the text's list as the editor placed it; below it only the other download
    # An article whose only download is in its text shows no empty "Downloads" heading.
    article = ArticlePage.objects.get(pk=article.pk)
    article.downloads = [download for download in article.downloads.all() if download.document_id != other.pk]
    article.save_revision().publish()
    html = Client().get(ArticlePage.objects.get(pk=article.pk).url).content.decode()
    assert document_links(html) == [report.pk] and "downloads-heading" not in html


@pytest.mark.django_db
def test_every_document_of_every_demo_article_appears_once_on_its_page(demo):
    client = Client()
    checked = 0
    for article in ArticlePage.objects.live().public().specific():
        expected = documents_of(article)
        links = collections.Counter(document_links(client.get(article.url).content.decode()))
        assert set(links) >= expected, (article.title, expected, links)
        assert all(count == 1 for count in links.values()), (article.url, links)
        checked += bool(expected)
    assert checked >= 4  # the demo's publications, in German and English
