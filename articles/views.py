"""The news index's routes (ArticleIndexPage.route_views): the listing, by topic too, and the topic's
feed (the feeds themselves are in articles.feeds)."""

from django.shortcuts import get_object_or_404

from core.cache import cached
from core.inputs import FIRST_YEAR, LAST_YEAR, ascii_int
from core.pagination import paginate

from .feeds import feed
from .models import PAGE_SIZE, ArticleIndexPage, ArticleKind, ArticlePage, Topic


def topic_of(index, slug):
    return get_object_or_404(Topic, slug=slug, locale=index.locale)


@ArticleIndexPage.route_views.register
def listing(index, request):
    return render_listing(index, request, topic=None)


@ArticleIndexPage.route_views.register
def topic_listing(index, request, slug):
    return render_listing(index, request, topic=topic_of(index, slug))


@ArticleIndexPage.route_views.register
def topic_feed(index, request, slug):
    return feed(index, request, topic_of(index, slug))


def render_listing(index, request, topic):
    """The listing of an index, of one topic or all, with the kind and year filters and its pages."""
    articles = index.articles()
    kind = request.GET.get("kind", "")
    year = request.GET.get("year", "")
    invalid = False
    if topic is not None:
        articles = articles.filter(topics__translation_key=topic.translation_key).distinct()
    if kind:
        if kind in ArticleKind.values:
            articles = articles.filter(kind=kind)
        else:
            invalid = True
    if year:
        if ascii_int(year, FIRST_YEAR, LAST_YEAR) is not None:
            articles = articles.filter(date__year=int(year))
        else:
            invalid = True
    if invalid:
        articles = articles.none()
    count = None
    if not invalid:
        # Counting every matching article and listing the years took half of an uncached
        # listing at 10,000 articles; both change only when an article is published, moved or
        # withdrawn, which bumps the tags that index.articles() registers.
        filters = f"{topic.pk if topic else '-'}:{kind or '-'}:{year or '-'}"
        count = cached(f"article-count:{index.pk}:{filters}", lambda: index.counted(articles))
    page_obj = paginate(request, articles, PAGE_SIZE, count=count)
    paginator = page_obj.paginator
    items = ArticlePage.prepare_cards(list(page_obj.object_list))
    years = cached(
        f"article-years:{index.pk}", lambda: list(index.articles().dates("date", "year", order="DESC"))
    )
    topics = Topic.objects.filter(locale=index.locale).order_by("name")
    return index.render(
        request,
        context_overrides={
            "articles": items,
            "page_obj": page_obj,
            "paginator": paginator,
            "active_topic": topic,
            "active_kind": kind,
            "active_year": year,
            "invalid_filter": invalid,
            "kinds": ArticleKind.choices,
            "years": [d.year for d in years],
            "topics": topics,
        },
    )
