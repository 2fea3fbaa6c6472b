"""Query budgets of the API: listings cost the same for 1 item as for the maximum; details have a budget."""

import datetime

import pytest
import recurrence
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction

from articles.models import ArticleDownload
from core.translation import translate
from tests import factories

DETAIL_BUDGET = 25  # queries for one page with its body, images, documents, topics and translations


@pytest.fixture
def content(site):
    topic = factories.make_topic(site)
    index = factories.make_news_index(site)
    events = factories.make_events_index(site)
    committee = factories.make_committee(site, topic=topic)
    venue = factories.make_venue(site)
    image = factories.make_image()
    for number in range(12):
        document = factories.make_document(f"Papier {number}")
        article = factories.make_article(
            index,
            f"Artikel {number}",
            topics=[topic],
            lead_image=image,
            date=datetime.date(2020, 1, number + 1),
            body=[
                ("documents", {"title": "PDF", "documents": [document]}),
                ("image", {"image": image, "caption": "x"}),
            ],
        )
        article.downloads.add(ArticleDownload(document=document))
        article.save_revision().publish()
        image.tags.add(f"tag{number}")
        document.tags.add(f"tag{number}")
        factories.make_series(
            events, committee, f"Sitzung {number}", rule=recurrence.Rule(recurrence.WEEKLY), venue=venue
        )
    translate(
        article,
        site.en,
        {
            f"Artikel {number}": "Article",
            f"artikel-{number}": "article",
            f"Kurzfassung: Artikel {number}": "Summary",
            "PDF": "PDF",
            "x": "x",
        },
    )
    return factories.SimpleNamespace(article=article, image=image)


def count(client, path):
    client.get(path)  # warm caches that live longer than a request (renditions, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "endpoint",
    [
        "/api/v2/pages/?fields=*",
        "/api/v2/pages/?type=articles.ArticlePage&fields=*",
        "/api/v2/pages/?type=calendar_app.EventPage&fields=*",
        "/api/v2/pages/?type=articles.ArticleIndexPage&fields=*",
        "/api/v2/images/?fields=*",
        "/api/v2/documents/?fields=*",
        "/api/v2/topics/?fields=*",
        "/api/v2/committees/?fields=*",
        "/api/v2/venues/?fields=*",
        "/api/v2/occurrences/?start=2026-01-01&end=2026-12-31",
    ],
)
def test_listing_costs_the_same_at_limit_1_and_at_the_maximum(client, content, endpoint):
    assert count(client, endpoint + "&limit=1") == count(client, endpoint + "&limit=100")


@pytest.mark.django_db
def test_page_detail_stays_within_its_budget(client, content):
    assert count(client, f"/api/v2/pages/{content.article.pk}/") <= DETAIL_BUDGET


@pytest.mark.django_db
def test_documents_in_private_collections_never_appear(client, content, site):
    private = Collection.get_first_root_node().add_child(name="Mitgliederbereich")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="password", password="x")
    secret = factories.make_document("Rundschreiben")
    secret.collection = private
    secret.save()
    titles = [item["title"] for item in client.get("/api/v2/documents/?limit=100").json()["items"]]
    assert "Rundschreiben" not in titles and "Papier 0" in titles
    assert client.get(f"/api/v2/documents/{secret.pk}/").status_code == 404
    served = client.get(secret.url)  # the file itself answers with Wagtail's password form
    assert served["Content-Type"].startswith("text/html") and b"%PDF" not in served.content
