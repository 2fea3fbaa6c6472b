"""Articles and the pages API: speed as ratios against a floor measured in the same run, and queries.

    .venv/bin/python bench/articles_bench.py            # SQLite in a temporary test database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/articles_bench.py

For 20 and for 400 articles (each with topics, a lead image, a body with an image and a document
list, and a download) it times what readers and API clients request most, as the median of several
requests divided by the median of /healthz (one database round trip), and counts the queries of one
request. For comparison it also asks Wagtail's stock pages endpoint, mounted for this run only at
/stock-api/v2/, for the same listing: it renders the same models without our prefetching (and with
the body in the listing, which ours gives on detail responses only).
"""

import datetime

from common import fresh_database, median_seconds  # sets Django up
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from config.urls import urlpatterns as site_urlpatterns

LISTING = "type=articles.ArticlePage&fields=*&limit=20"
PATHS = [
    ("/api/v2/pages/ (20 articles, fields=*)", f"/api/v2/pages/?{LISTING}"),
    ("stock Wagtail /pages/, same request", f"/stock-api/v2/pages/?{LISTING}"),
    ("/api/v2/pages/<id>/ (article detail)", "/api/v2/pages/{article}/"),
    ("/de/aktuelles/ (10 per page)", "/de/aktuelles/"),
    ("/de/aktuelles/<article>/", "{article_url}"),
    ("/de/aktuelles/feed/ (RSS)", "/de/aktuelles/feed/"),
    ("/de/search/?q=Haushalt", "/de/search/?q=Haushalt"),
]

stock_router = WagtailAPIRouter("stockapi")
stock_router.register_endpoint("pages", PagesAPIViewSet)
urlpatterns = [path("stock-api/v2/", stock_router.urls), *site_urlpatterns]


def add_articles(count):
    from articles.models import ArticleDownload
    from tests import factories

    site = factories.make_site()
    index = factories.make_news_index(site, translate_to_english=False)
    topics = [
        factories.make_topic(site, name, slug, f"{name} (EN)", f"{slug}-en")
        for name, slug in (("Soziales", "soziales"), ("Finanzen", "finanzen"), ("Digitales", "digitales"))
    ]
    images = [factories.make_image(f"Foto {number}") for number in range(5)]
    document = factories.make_document("Positionspapier")
    article = None
    for number in range(count):
        image = images[number % len(images)]
        article = factories.make_article(
            index,
            f"Haushalt und Stadt {number}",
            topics=[topics[number % 3], topics[(number + 1) % 3]],
            lead_image=image,
            date=datetime.date(2016, 1, 1) + datetime.timedelta(days=number),
            body=[
                ("paragraph", f"<p>Die Städte fordern {number} Dinge vom Land.</p>"),
                ("image", {"image": image, "caption": "Sitzung"}),
                ("documents", {"title": "Downloads", "documents": [document]}),
            ],
        )
        article.downloads.add(ArticleDownload(document=document))
        article.save_revision().publish()
    return article


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def scenario(number, count):
    """One size of data in its own fresh test database."""
    with fresh_database(f"bench_articles_{number}"):
        article = add_articles(count)
        client = Client()
        floor = median_seconds(client, "/healthz")
        rows = []
        for _label, template in PATHS:
            url = template.format(article=article.pk, article_url=article.url)
            rows.append((median_seconds(client, url) / floor, queries(client, url)))
        return rows


SIZES = [20, 400]


@override_settings(ROOT_URLCONF=__name__)
def main():
    setup_test_environment()
    results = [scenario(number, count) for number, count in enumerate(SIZES)]
    header = " ".join(f"{f'{count} articles':>22}" for count in SIZES)
    print(f"{'ratio to /healthz / queries':42} {header}")
    for row, (label, _template) in enumerate(PATHS):
        cells = " ".join(f"{result[row][0]:14.1f} / {result[row][1]:5d}" for result in results)
        print(f"{label:42} {cells}")


if __name__ == "__main__":
    main()
