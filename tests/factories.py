"""Build page trees in one line. Plain functions, no fixtures dumped from a database."""

import datetime
from types import SimpleNamespace

from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.images import get_image_model

from articles.models import ArticleIndexPage, ArticlePage, Topic
from home.demo import ensure_site, ensure_site_settings, locales
from home.media import make_image_file, make_pdf_file
from home.translation import translate


def make_site():
    de, en = locales()
    home_de, home_en = ensure_site(hostname="testserver")
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
