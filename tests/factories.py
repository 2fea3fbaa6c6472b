"""Build page trees in one line. Plain functions, no fixtures dumped from a database."""

import datetime
from types import SimpleNamespace

from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.images import get_image_model

from articles.models import ArticleIndexPage, ArticlePage, Topic
from core.translation import translate
from demo.media import make_image_file, make_pdf_file
from demo.site import ensure_site, ensure_site_settings, locales

GERMAN_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


def make_site():
    de, en = locales()
    home_de, home_en = ensure_site()
    ensure_site_settings()
    return SimpleNamespace(de=de, en=en, home_de=home_de, home_en=home_en)


def make_topic(site, name="Soziales", slug="soziales", en_name="Social affairs", en_slug="social-affairs"):
    topic = Topic.objects.create(locale=site.de, name=name, slug=slug)
    translate(topic, site.en, {name: en_name, slug: en_slug})
    return topic


def make_news_index(site, translate_to_english=True):
    index = ArticleIndexPage(title="Aktuelles", slug="aktuelles")
    site.home_de.add_child(instance=index)
    index.save_revision().publish()
    if translate_to_english:
        translate(index, site.en, {"Aktuelles": "News", "aktuelles": "news"})
    return index


def make_article(index, title="Stellungnahme", topics=(), date=None, kind="statement", teaser=None, **fields):
    article = ArticlePage(
        title=title,
        slug=fields.pop("slug", slugify(title)),
        kind=kind,
        date=date or datetime.date(2016, 3, 2),
        teaser=teaser or f"Kurzfassung: {title}",
        **fields,
    )
    article.topics = list(topics)
    index.add_child(instance=article)
    article.save_revision().publish()
    return article


def make_image(title="Foto", credit="Städtetag", alt_text="Ein Sitzungssaal"):
    return get_image_model().objects.create(
        title=title, alt_text=alt_text, credit=credit, file=make_image_file("foto.jpg", size=(400, 225))
    )


def make_document(title="Positionspapier", lines=("Text",)):
    return Document.objects.create(title=title, file=make_pdf_file("papier.pdf", title, list(lines)))


def make_committee(
    site, name="AG Soziales", slug="ag-soziales", kind="working_group", topic=None, translate_to_english=True
):
    from calendar_app.models import Committee

    committee = Committee.objects.create(locale=site.de, name=name, slug=slug, kind=kind, topic=topic)
    if translate_to_english:
        translate(committee, site.en, {name: f"{name} (EN)", slug: f"{slug}-en"})
    return committee


def make_venue(site, name="Haus der kommunalen Selbstverwaltung", short_name="HdKS", city="Wiesbaden"):
    from calendar_app.models import Venue

    venue = Venue.objects.create(locale=site.de, name=name, short_name=short_name, city=city)
    strings = {name: f"{name} (EN)"}
    if short_name:
        strings[short_name] = short_name
    translate(venue, site.en, strings)
    return venue


def make_events_index(site, translate_to_english=True):
    from calendar_app.models import EventIndexPage

    index = EventIndexPage(title="Termine", slug="termine")
    site.home_de.add_child(instance=index)
    index.save_revision().publish()
    if translate_to_english:
        translate(index, site.en, {"Termine": "Events", "termine": "events"})
    return index


def make_series(
    index,
    committee,
    title="Sitzung",
    rule=None,
    start_date=None,
    start_time=(10, 0),
    end_time=(12, 0),
    **fields,
):
    """A published meeting page; `rule` is a recurrence.Rule or a Recurrence (None: a single meeting)."""
    import recurrence as recurrence_lib

    from calendar_app.models import EventPage

    if isinstance(rule, recurrence_lib.Rule):
        rule = recurrence_lib.Recurrence(rrules=[rule])
    page = EventPage(
        title=title,
        slug=fields.pop("slug", slugify(title)),
        committee=committee,
        start_date=start_date or datetime.date(2026, 1, 6),
        start_time=datetime.time(*start_time) if start_time else None,
        end_time=datetime.time(*end_time) if end_time else None,
        recurrence=rule,
        **fields,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_public_site(site):
    """A small site with every kind of public page: articles and meetings in both languages."""
    import recurrence as recurrence_lib
    from django.utils import timezone

    topic = make_topic(site)
    news = make_news_index(site)
    article = make_article(news, "Mehr Geld für Integration", topics=[topic], slug="integration")
    english_article = translate(
        article,
        site.en,
        {
            "Mehr Geld für Integration": "More money for integration",
            "integration": "integration-en",
            "Kurzfassung: Mehr Geld für Integration": "Summary: more money for integration",
        },
    )
    make_article(news, "Haushalt 2026", kind="press_release", slug="haushalt", topics=[topic])
    events = make_events_index(site)
    committee = make_committee(site, "AG Soziales", "ag-soziales", topic=topic)
    venue = make_venue(site)
    today = timezone.localdate()
    weekly = make_series(
        events,
        committee,
        "Sitzung der AG Soziales",
        rule=recurrence_lib.Rule(recurrence_lib.WEEKLY),
        start_date=today - datetime.timedelta(weeks=6),
        venue=venue,
        slug="sitzung-ag-soziales",
    )
    english_weekly = translate(
        weekly,
        site.en,
        {
            "Sitzung der AG Soziales": "Social affairs group meeting",
            "sitzung-ag-soziales": "social-affairs-meeting",
        },
    )
    single = make_series(
        events, committee, "Klausurtagung", start_date=today + datetime.timedelta(days=10), slug="klausur"
    )
    return SimpleNamespace(
        site=site,
        topic=topic,
        news=news,
        article=article,
        english_article=english_article,
        events=events,
        committee=committee,
        venue=venue,
        weekly=weekly,
        english_weekly=english_weekly,
        single=single,
        today=today,
    )


def public_routes(public):
    """Every kind of URL a reader or an API client requests, for the site built by make_public_site."""
    today = public.today
    return [
        "/de/",
        "/en/",
        "/de/aktuelles/",
        "/en/news/",
        "/de/aktuelles/thema/soziales/",
        "/de/aktuelles/feed/",
        "/de/aktuelles/thema/soziales/feed/",
        "/de/aktuelles/integration/",
        "/en/news/integration-en/",
        "/de/termine/",
        "/en/events/",
        "/de/termine/archiv/",
        "/de/termine/monat/",
        f"/de/termine/monat/{today.year}/{today.month}/",
        "/de/termine/gremium/ag-soziales/",
        "/de/termine/ical/",
        "/de/termine/gremium/ag-soziales/ical/",
        "/de/termine/sitzung-ag-soziales/",
        "/de/termine/sitzung-ag-soziales/ical/",
        "/en/events/social-affairs-meeting/",
        "/de/suche/",
        "/en/search/",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/api/v2/pages/",
        f"/api/v2/pages/{public.article.pk}/",
        "/api/v2/pages/find/?html_path=/en/news/",
        "/api/v2/images/",
        "/api/v2/documents/",
        f"/api/v2/occurrences/?start={today}&end={today + datetime.timedelta(days=90)}",
        "/api/v2/topics/",
        f"/api/v2/topics/{public.topic.pk}/",
        "/api/v2/committees/",
        "/api/v2/venues/",
        "/api/v2/site_settings/",
        "/api/v2/page_preview/",
        "/api/v2/openapi.json",
        "/healthz",
    ]
