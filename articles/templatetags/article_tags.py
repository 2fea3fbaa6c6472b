from django import template

from articles.models import ArticleIndexPage, ArticleKind, ArticlePage
from core.cache import depends_on
from core.request_memo import active_locale, memoized, public

register = template.Library()


def _live_articles():
    locale = active_locale()
    depends_on(f"articles:{locale.language_code}")
    return public(ArticlePage.objects.live()).filter(locale=locale)


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
    locale = active_locale()
    return memoized(
        ("news-index", locale.pk),
        lambda: public(ArticleIndexPage.objects.live()).filter(locale=locale).first(),
    )


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
