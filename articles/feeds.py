"""RSS 2.0 feeds of an article index, overall and per topic, in the index page's language."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import ArticleIndexPage, ArticlePage

FEED_LENGTH = 30


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page, topic=None):
        super().__init__()
        self.index_page = index_page
        self.topic = topic
        self.language = index_page.locale.language_code  # an attribute, not a method, for Django

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.topic:
            return f"{self.index_page.title}: {self.topic.name}"
        return self.index_page.title

    def link(self):
        if self.topic:
            return self.index_page.get_url(self.request) + self.index_page.reverse_subpage(
                "topic_listing", args=[self.topic.slug]
            )
        return self.index_page.get_url(self.request)

    def description(self):
        return self.index_page.intro or _("Policy statements and press releases")

    def items(self):
        articles = self.index_page.articles()
        if self.topic:
            articles = articles.filter(topics__translation_key=self.topic.translation_key).distinct()
        return ArticlePage.prepare_cards(list(articles[:FEED_LENGTH]))

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        # The date readers see, at noon in Berlin, so that no time zone moves it to another day.
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12, 0)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [topic.name for topic in item.card_topics]


@ArticleIndexPage.route_views.register
def feed(index, request, topic=None):
    return ArticleFeed(index, topic)(request)
