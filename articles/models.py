"""Topics, the news index and articles: policy statements, press releases, position papers, publications."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from core.cache import depends_on
from core.forms import SitePageForm
from core.representations import image_representation
from core.request_memo import active_locale, default_locale, public
from core.routing import LocalizedRoutesMixin, RouteViews
from core.translation import TranslatedSlugMixin
from core.validators import single_line

from .blocks import ArticleBodyBlock
from .forms import ArticlePageForm

TEASER_MAX_LENGTH = 300
PAGE_SIZE = 10


class Topic(TranslatableMixin, models.Model):
    """A topic area ("Arbeitsfeld"): Soziales, Finanzen, Schule und Kultur, ..."""

    name = models.CharField(_("name"), max_length=100, validators=[single_line])
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)
    description = models.TextField(_("short description"), blank=True)

    panels = [TitleFieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [APIField("name"), APIField("slug"), APIField("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_topic_slug_per_locale")
        ]

    def __str__(self):
        return self.name


def localized_topics(topic_ids, locale=None):
    """Topics (by id, in any locale) in `locale` (default: the active one) where translated.

    Two queries for any number of topics; keyed by translation key.
    """
    locale = locale or active_locale()
    keys = Topic.objects.filter(pk__in=topic_ids).values_list("translation_key", flat=True)
    candidates = Topic.objects.filter(translation_key__in=keys, locale__in=[locale, default_locale()])
    chosen = {}
    for topic in candidates:
        if topic.locale_id == locale.pk or topic.translation_key not in chosen:
            chosen[topic.translation_key] = topic
    return chosen


class ArticleKind(models.TextChoices):
    STATEMENT = "statement", _("Policy statement")
    PRESS_RELEASE = "press_release", _("Press release")
    POSITION_PAPER = "position_paper", _("Position paper")
    PUBLICATION = "publication", _("Publication")


class ArticleIndexPage(TranslatedSlugMixin, LocalizedRoutesMixin, RoutablePageMixin, Page):
    """ "Aktuelles" / "News": every article, newest first, filterable by topic, kind and year."""

    translated_slugs = {"topic": Topic, "thema": Topic}
    route_words = {"de": {"topic": "thema"}}
    GERMAN_ROUTES = frozenset({"topic_listing", "topic_feed"})  # /de/aktuelles/thema/<slug>/

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    base_form_class = SitePageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count_per_parent = 1  # one listing keeps every statement in one place
    route_views = RouteViews("ArticleIndexPage")  # registered by articles.views and articles.feeds

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def cache_invalidation_tags(self):
        return {f"articles:{self.locale.language_code}"}

    def listing_tags(self):
        """What every list of this index shows: its language's articles and the topics."""
        return (f"articles:{self.locale.language_code}", "topics")

    def articles(self):
        depends_on(*self.listing_tags())
        return (
            public(ArticlePage.objects.live())
            .descendant_of(self)
            .order_by("-date", "-pk")  # as the boxes; the index article_newest_first
        )

    def counted(self, articles):
        """How many articles a list shows, registered with the list's tags (kept with the count)."""
        depends_on(*self.listing_tags())
        return articles.count()

    @path("")
    def listing(self, request):
        return self.route_views.listing(self, request)

    @path("topic/<str:slug>/")
    def topic_listing(self, request, slug):
        return self.serve_route(request, "topic_listing", slug)

    @path("thema/<str:slug>/", name="topic_listing_de")
    def topic_listing_de(self, request, slug):
        return self.serve_route(request, "topic_listing", slug, words="de")

    @path("feed/")
    def feed(self, request):
        return self.route_views.feed(self, request)

    @path("topic/<str:slug>/feed/")
    def topic_feed(self, request, slug):
        return self.serve_route(request, "topic_feed", slug)

    @path("thema/<str:slug>/feed/", name="topic_feed_de")
    def topic_feed_de(self, request, slug):
        return self.serve_route(request, "topic_feed", slug, words="de")


class ArticlePage(TranslatedSlugMixin, Page):
    kind = models.CharField(
        _("kind"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.STATEMENT
    )
    date = models.DateField(
        _("date"),
        default=datetime.date.today,
        help_text=_("The date shown to readers; independent of when the page was published."),
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    teaser = models.TextField(
        _("teaser"),
        max_length=TEASER_MAX_LENGTH,
        # The number is written out: interpolating a lazy string would fix its language at import.
        help_text=_("One or two sentences for lists, feeds and search engines (at most 300 characters)."),
    )
    author = models.CharField(
        _("author"),
        max_length=255,
        blank=True,
        help_text=_(
            "Who wrote it, if not the association as a whole (e.g. the press office); shown under the text."
        ),
    )
    lead_image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
    # A lazy reference keeps the dependency one-way: articles never import calendar_app.
    committee = models.ForeignKey(
        "calendar_app.Committee",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("adopted by"),
        help_text=_("The committee that adopted this statement, if any."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("date"),
                FieldPanel("teaser"),
                FieldPanel("lead_image"),
                FieldPanel("author"),
            ],
            heading=_("Content"),
        ),
        FieldPanel("body"),
        InlinePanel("downloads", label=_("Downloads"), heading=_("Downloads")),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("committee"),
                InlinePanel("related_links", label=_("Related article")),
            ],
            heading=_("Topics and relations"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("topic_names"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.FilterField("locale_id"),
    ]

    api_fields = [
        APIField("kind"),
        APIField("date"),
        APIField("topics"),  # these three serialised by articles.api
        APIField("teaser"),
        APIField("lead_image"),
        APIField("author"),
        APIField("body"),
        APIField("downloads"),
    ]

    # A listing of articles gives what a teaser card shows without `fields`.
    api_listing_fields = ["kind", "date", "topics", "teaser", "lead_image"]
    base_form_class = ArticlePageForm
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        # Every list of articles (the index, its filters, the boxes, the feeds) is newest first by
        # this order: the database walks the index and stops after one page instead of sorting
        # every article (at 10,000 articles: under 2 ms for the first page, against 26 ms sorting them all).
        indexes = [models.Index(fields=["-date", "-page_ptr"], name="article_newest_first")]

    def cache_invalidation_tags(self):
        return {f"articles:{self.locale.language_code}"}

    @classmethod
    def api_queryset(cls, queryset):
        """What the API fields read, fetched for a whole listing at once."""
        return queryset.select_related("lead_image", "committee").prefetch_related(
            "topics",
            "downloads__document",
            Prefetch(
                "lead_image__renditions",
                queryset=get_image_model().get_rendition_model().objects.filter(filter_spec="width-1200"),
            ),
        )

    def clean(self):
        super().clean()
        if self.teaser and len(self.teaser) > TEASER_MAX_LENGTH:
            raise ValidationError(
                {
                    "teaser": _("The teaser has %(length)s characters; at most %(max)s are allowed.")
                    % {"length": len(self.teaser), "max": TEASER_MAX_LENGTH}
                }
            )

    def topic_names(self):
        """The names of the article's topics in every language, for the search index: a reader finds
        an article by its topic ("Recht", "Digitalisierung"), whichever language the topic is named
        in (English articles keep the German topics they were translated with). Set in bulk by
        `with_topic_names` where many are indexed or shown at once."""
        names = getattr(self, "_topic_names", None)
        if names is None:
            keys = [topic.translation_key for topic in self.topics.all()]
            names = Topic.objects.filter(translation_key__in=keys).values_list("name", flat=True)
        return " ".join(sorted(set(names)))

    @classmethod
    def with_topic_names(cls, articles):
        """Attach every article's topic names (all languages) with two queries."""
        links = cls.topics.through.objects.filter(articlepage_id__in=[a.pk for a in articles])
        keys_of = {}
        for page_id, key in links.values_list("articlepage_id", "topic__translation_key"):
            keys_of.setdefault(page_id, set()).add(key)
        names_of = {}
        wanted = set().union(*keys_of.values()) if keys_of else set()
        for key, name in Topic.objects.filter(translation_key__in=wanted).values_list(
            "translation_key", "name"
        ):
            names_of.setdefault(key, set()).add(name)
        for article in articles:
            article._topic_names = {name for key in keys_of.get(article.pk, ()) for name in names_of[key]}
        return articles

    @classmethod
    def prepare_cards(cls, articles):
        """Attach localized topics to a list of articles with a fixed number of queries."""
        depends_on("topics")
        if not articles:
            return articles
        through = cls.topics.through
        links = through.objects.filter(articlepage_id__in=[a.pk for a in articles]).values_list(
            "articlepage_id", "topic_id"
        )
        topic_ids = {topic_id for _page, topic_id in links}
        by_key = localized_topics(topic_ids)
        key_of = dict(Topic.objects.filter(pk__in=topic_ids).values_list("pk", "translation_key"))
        per_page = {}
        for page_id, topic_id in links:
            per_page.setdefault(page_id, []).append(by_key[key_of[topic_id]])
        for article in articles:
            article.card_topics = sorted(per_page.get(article.pk, []), key=lambda t: t.name)
        return articles

    def topic_url(self, index_page, topic, request=None):
        return index_page.get_url(request) + index_page.reverse_subpage("topic_listing", args=[topic.slug])

    def json_ld(self, request, topics):
        """schema.org NewsArticle for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.teaser,
            "datePublished": self.date.isoformat(),
            "inLanguage": self.locale.language_code,
            "url": request.build_absolute_uri(self.get_url(request)),
            "about": [topic.name for topic in topics],
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        image = image_representation(self.lead_image, "fill-1200x630")
        if image:
            data["image"] = image["url"]
        return data

    def downloads_not_in_text(self):
        """The article's downloads for the list below its text: each document once, and none the
        editor has already placed in the text's own document lists ("Download"). The downloads are
        also what the API and the publications box give, so a publication's PDF is often both."""
        shown = {
            document.pk
            for block in self.body
            if block.block_type == "documents"
            for document in block.value["documents"]
            if document is not None
        }
        documents = []
        for download in self.downloads.select_related("document"):
            if download.document_id not in shown:
                shown.add(download.document_id)
                documents.append(download.document)
        return documents

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Related articles in this page's language (links may point at the German originals),
        # fetched in one query however many there are.
        keys = self.related_links.values_list("related__translation_key", flat=True)
        related = list(
            public(ArticlePage.objects.live())
            .filter(translation_key__in=keys, locale_id=self.locale_id)
            .order_by("-date")
        )
        depends_on(*(f"page:{article.pk}" for article in related))  # their titles and teasers are shown
        context["related_articles"] = self.prepare_cards(related)
        context["download_documents"] = self.downloads_not_in_text()
        topics = self.prepare_cards([self])[0].card_topics
        index_page = self.get_parent().specific
        if isinstance(index_page, ArticleIndexPage):
            context["topic_links"] = [(t, self.topic_url(index_page, t, request)) for t in topics]
        else:
            context["topic_links"] = [(t, None) for t in topics]
        context["json_ld"] = self.json_ld(request, topics)
        return context


class ArticleDownload(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("download")
        verbose_name_plural = _("downloads")


class RelatedArticle(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )

    panels = [PageChooserPanel("related", "articles.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
