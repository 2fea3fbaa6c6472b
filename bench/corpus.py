"""A real office's amount of content, built in minutes: articles, translations, committees, series.

On top of the demo content (`load_demo`), adds N German articles (a share of them translated into
English), more committees, and meeting series with years of history. Pages are created in bulk:
the page tree's paths are computed here and the rows inserted in batches, because Wagtail's
`add_child` and a publish per page take about 28 minutes for 10,000 articles. Everything a reader,
a search or the API sees is as with pages made in the admin: live, in the tree, with translation
keys, topics, a body, and in the search index.

    python bench/corpus.py --articles 10000 --series 500     # into DATABASE_URL
"""

import argparse
import datetime
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = [
    "Städte",
    "Kommunen",
    "Land",
    "Finanzausgleich",
    "Haushalt",
    "Integration",
    "Schulbau",
    "Kita",
    "Klimaschutz",
    "Mobilität",
    "Wohnungsbau",
    "Digitalisierung",
    "Verwaltung",
    "Personal",
    "Feuerwehr",
    "Gesundheit",
    "Pflege",
    "Kultur",
    "Sport",
    "Energie",
    "Wärmeplanung",
    "Radverkehr",
    "Nahverkehr",
    "Bürgerbeteiligung",
    "Steuern",
    "Gebühren",
    "Förderprogramm",
    "Landtag",
]
ENGLISH = [
    "cities",
    "municipalities",
    "state",
    "equalisation",
    "budget",
    "integration",
    "schools",
    "childcare",
    "climate",
    "mobility",
    "housing",
    "digitalisation",
    "administration",
    "staff",
    "fire",
    "health",
    "care",
    "culture",
    "sport",
    "energy",
    "heating",
    "cycling",
    "transport",
    "participation",
    "taxes",
    "fees",
    "programme",
    "parliament",
]


def sentence(rng, words, length):
    return " ".join(rng.choice(words) for _ in range(length)).capitalize() + "."


def bulk_pages(parent, objects):
    """Insert specific pages as children of `parent` in bulk (parent-table rows, then the child rows)."""
    from django.db.models import F
    from wagtail.models import Page

    model = type(objects[0])
    last = parent.get_last_child()
    start = (Page._str2int(last.path[-Page.steplen :]) if last else 0) + 1
    depth = parent.depth + 1
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    bases = []
    for offset, obj in enumerate(objects):
        obj.path = Page._get_path(parent.path, depth, start + offset)
        obj.depth, obj.numchild = depth, 0
        obj.url_path = f"{parent.url_path}{obj.slug}/"
        bases.append(Page(**{f.attname: getattr(obj, f.attname) for f in page_fields}))
    Page.objects.bulk_create(bases, batch_size=1000)
    for obj, base in zip(objects, bases, strict=True):
        obj.pk = obj.page_ptr_id = base.pk
    # Django refuses bulk_create for multi-table models; the child table's rows alone can be batched.
    fields = list(model._meta.local_concrete_fields)
    model.objects.all()._batched_insert(objects, fields, batch_size=1000)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(objects))
    parent.refresh_from_db()
    return objects


def build(articles=10_000, english_share=0.5, series=500, committees=50, history_years=5, seed=20261127):
    import recurrence
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.search.backends import get_search_backend

    from articles.models import ArticleIndexPage, ArticleKind, ArticlePage, Topic
    from calendar_app.models import Committee, CommitteeKind, EventIndexPage, EventPage, Venue
    from calendar_app.occurrence_table import rebuild_series
    from demo.site import locales

    rng = random.Random(seed)
    de, en = locales()
    now = timezone.now()
    news_de = ArticleIndexPage.objects.get(locale=de)
    news_en = ArticleIndexPage.objects.get(locale=en)
    topics_de = list(Topic.objects.filter(locale=de))
    article_type = ContentType.objects.get_for_model(ArticlePage)
    began = time.monotonic()

    with transaction.atomic():
        german = []
        for number in range(articles):
            day = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randint(0, 3980))
            title = sentence(rng, WORDS, rng.randint(4, 9))[:-1] + f" ({number})"
            published = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
            german.append(
                ArticlePage(
                    title=title,
                    draft_title=title,
                    slug=f"artikel-{number}",
                    locale=de,
                    translation_key=uuid.uuid4(),
                    content_type=article_type,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    kind=rng.choice(ArticleKind.values),
                    date=day,
                    teaser=sentence(rng, WORDS, 20),
                    body=[("paragraph", f"<p>{sentence(rng, WORDS, 60)}</p>")],
                )
            )
        bulk_pages(news_de, german)
        chosen = rng.sample(german, int(articles * english_share))
        english = [
            ArticlePage(
                title=f"{sentence(rng, ENGLISH, 6)[:-1]} ({source.slug})",
                draft_title=source.slug,
                slug=source.slug.replace("artikel", "article"),
                locale=en,
                translation_key=source.translation_key,
                content_type=article_type,
                live=True,
                has_unpublished_changes=False,
                first_published_at=source.first_published_at,
                last_published_at=source.last_published_at,
                kind=source.kind,
                date=source.date,
                teaser=sentence(rng, ENGLISH, 20),
                body=[("paragraph", f"<p>{sentence(rng, ENGLISH, 60)}</p>")],
            )
            for source in chosen
        ]
        if english:
            bulk_pages(news_en, english)
        topics_en = {t.translation_key: t for t in Topic.objects.filter(locale=en)}
        through = ArticlePage.topics.through
        links = []
        for page in german:
            for topic in rng.sample(topics_de, rng.randint(1, 2)):
                links.append(through(articlepage_id=page.pk, topic_id=topic.pk))
        german_topics = {}
        for link in links:
            german_topics.setdefault(link.articlepage_id, []).append(link.topic_id)
        by_key = {page.translation_key: page for page in german}
        topic_keys = {t.pk: t.translation_key for t in topics_de}
        for page in english:
            for topic_id in german_topics.get(by_key[page.translation_key].pk, []):
                translated = topics_en.get(topic_keys[topic_id])
                if translated is not None:
                    links.append(through(articlepage_id=page.pk, topic_id=translated.pk))
        through.objects.bulk_create(links, batch_size=2000)
    print(f"{articles} articles, {len(english)} in English: {time.monotonic() - began:.0f} s")

    began = time.monotonic()
    backend = get_search_backend()
    backend.add_bulk(ArticlePage, german)
    if english:
        backend.add_bulk(ArticlePage, english)
    print(f"search index: {time.monotonic() - began:.0f} s")

    began = time.monotonic()
    with transaction.atomic():
        existing = Committee.objects.filter(locale=de).count()
        venues = list(Venue.objects.filter(locale=de))
        new_committees = []
        for number in range(max(0, committees - existing)):
            name = f"Arbeitskreis {rng.choice(WORDS)} {number}"
            committee = Committee.objects.create(
                locale=de, name=name, slug=f"ak-{number}", kind=rng.choice(CommitteeKind.values)
            )
            Committee.objects.create(
                locale=en,
                translation_key=committee.translation_key,
                name=f"Working group {rng.choice(ENGLISH)} {number}",
                slug=f"wg-{number}",
                kind=committee.kind,
            )
            new_committees.append(committee)
        all_committees = list(Committee.objects.filter(locale=de))
        events_de = EventIndexPage.objects.get(locale=de)
        event_type = ContentType.objects.get_for_model(EventPage)
        rules = [
            recurrence.Rule(recurrence.WEEKLY),
            recurrence.Rule(recurrence.WEEKLY, interval=2),
            recurrence.Rule(recurrence.MONTHLY, byday=[recurrence.TU(1)]),
            recurrence.Rule(recurrence.MONTHLY, byday=[recurrence.TH(-1)]),
            recurrence.Rule(recurrence.MONTHLY, interval=3, byday=[recurrence.WE(2)]),
        ]
        pages = []
        today = timezone.localdate()
        for number in range(series):
            start = today - datetime.timedelta(days=rng.randint(30, 365 * history_years))
            begins = rng.choice([9, 10, 14])  # and ends two or three hours later, as the admin requires
            title = f"Sitzung {rng.choice(WORDS)} {number}"
            pages.append(
                EventPage(
                    title=title,
                    draft_title=title,
                    slug=f"sitzung-{number}",
                    locale=de,
                    translation_key=uuid.uuid4(),
                    content_type=event_type,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    committee=rng.choice(all_committees),
                    start_date=start,
                    start_time=datetime.time(begins),
                    end_time=datetime.time(begins + rng.choice([2, 3])),
                    duration_days=1,
                    recurrence=recurrence.Recurrence(rrules=[rng.choice(rules)]),
                    venue=rng.choice(venues) if venues else None,
                )
            )
        bulk_pages(events_de, pages)
    stored = sum(rebuild_series(page.translation_key, now=now) for page in pages)
    backend.add_bulk(EventPage, pages)
    print(
        f"{len(new_committees)} committees, {series} series, {stored} occurrences: {time.monotonic() - began:.0f} s"
    )


def main():
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--series", type=int, default=500)
    parser.add_argument("--english-share", type=float, default=0.5)
    arguments = parser.parse_args()
    build(arguments.articles, arguments.english_share, arguments.series)


if __name__ == "__main__":
    main()
