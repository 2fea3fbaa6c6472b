"""Loads the topics, the news index and its articles (demo/data/articles.py). Idempotent."""

from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.images import get_image_model

from articles.models import ArticleDownload, ArticleIndexPage, ArticlePage, Topic
from core.text import german_slug
from core.translation import translate

from . import records
from .data import articles as data
from .media import make_image_file, make_pdf_file
from .site import ensure_index_page, strings


def ensure_topics(de, en):
    """The topics by German slug."""
    topics = {}
    for record in data.TOPICS:
        topic = Topic.objects.filter(locale=de, slug=record.slug.de).first()
        if topic is None:
            topic = Topic.objects.create(
                locale=de, name=record.name.de, slug=record.slug.de, description=record.description.de
            )
        if not Topic.objects.filter(locale=en, translation_key=topic.translation_key).exists():
            translate(topic, en, strings(record.name, record.slug, record.description))
        topics[record.slug.de] = topic
    return topics


def ensure_image(record):
    Image = get_image_model()
    image = Image.objects.filter(title=record.title).first()
    if image is None:
        image = Image.objects.create(
            title=record.title,
            alt_text=record.alt_text,
            credit="Städtetag",
            file=make_image_file(f"{slugify(record.title)}.jpg", colour=record.colour),
        )
    return image


def ensure_document(record):
    document = Document.objects.filter(title=record.title).first()
    if document is None:
        document = Document.objects.create(
            title=record.title, file=make_pdf_file(record.filename, record.title, list(record.lines))
        )
    return document


def body_data(blocks, documents):
    """StreamField data in German."""
    data = []
    for block in blocks:
        if isinstance(block, records.Paragraph):
            data.append(("paragraph", f"<p>{block.text.de}</p>"))
        elif isinstance(block, records.Heading):
            data.append(("heading", {"text": block.text.de, "level": "h2"}))
        elif isinstance(block, records.KeyDemands):
            data.append(("key_demands", {"title": block.title.de, "demands": [d.de for d in block.demands]}))
        elif isinstance(block, records.Downloads):
            data.append(("documents", {"title": block.title.de, "documents": documents}))
    return data


def body_texts(blocks):
    """Every translatable text of a body."""
    for block in blocks:
        if isinstance(block, records.KeyDemands):
            yield block.title
            yield from block.demands
        elif isinstance(block, records.Paragraph | records.Heading):
            yield block.text
        elif isinstance(block, records.Downloads):
            yield block.title


def ensure_article(index, en, topics, record):
    slug = german_slug(record.title.de)
    article = ArticlePage.objects.child_of(index).filter(slug=slug).first()
    if article is None:
        documents = [ensure_document(record.publication)] if record.publication else []
        article = ArticlePage(
            title=record.title.de,
            slug=slug,
            kind=record.kind,
            date=record.date,
            teaser=record.teaser.de,
            lead_image=ensure_image(record.image) if record.image else None,
            body=body_data(record.body, documents),
        )
        article.topics = [topics[topic] for topic in record.topics]
        for document in documents:
            article.downloads.add(ArticleDownload(document=document))
        index.add_child(instance=article)
        article.save_revision().publish()
    if not ArticlePage.objects.filter(locale=en, translation_key=article.translation_key).exists():
        texts = strings(record.title, record.teaser, *body_texts(record.body))
        translate(article, en, {**texts, slug: slugify(record.title.en)})
    return article


def load(home_de, en):
    """The topics (returned by German slug) and every article in both languages."""
    de = home_de.locale
    topics = ensure_topics(de, en)
    index = ensure_index_page(ArticleIndexPage, home_de, en, data.INDEX)
    for record in data.ARTICLES:
        ensure_article(index, en, topics, record)
    return topics
