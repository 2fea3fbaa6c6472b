from django import template
from wagtail.models import Locale

from articles.models import ArticleIndexPage, ArticleKind, ArticlePage
from home.pagecache import depends_on

register = template.Library()


def _live_articles():
    depends_on(f"articles:{Locale.get_active().language_code}")
    return ArticlePage.objects.live().public().filter(locale=Locale.get_active())


@register.simple_tag
def latest_articles(count=4, exclude_kind=ArticleKind.PUBLICATION):
    """The newest statements and press releases in the reader's language, topics attached."""
    articles = _live_articles().exclude(kind=exclude_kind).order_by("-date", "-pk")[:count]
    return ArticlePage.prepare_cards(list(articles.select_related("lead_image")))


@register.simple_tag
def latest_publications(count=3):
    publications = _live_articles().filter(kind=ArticleKind.PUBLICATION).order_by("-date", "-pk")[:count]
    return ArticlePage.prepare_cards(list(publications))


@register.simple_tag
def news_index():
    """The article index of the reader's language (for "all" links and feed discovery)."""
    return ArticleIndexPage.objects.live().public().filter(locale=Locale.get_active()).first()


@register.simple_tag
def index_url(index_page, request, kind="", topic=None, year="", page=None):
    """A bookmarkable listing URL with the given filters."""
    if index_page is None:
        return ""
    url = index_page.get_url(request)
    if topic is not None:
        url += index_page.reverse_subpage("topic_listing", args=[topic.slug])
    params = [(name, value) for name, value in (("kind", kind), ("year", year), ("page", page)) if value]
    if params:
        url += "?" + "&".join(f"{name}={value}" for name, value in params)
    return url
