"""TYPO3's categories as topics (with their translations), or as the article's kind where a
category is named like one ("Pressemitteilung")."""

from django.conf import settings
from django.utils import translation

from articles.models import ArticleKind, Topic
from core.text import german_slug
from core.translation import translate

from .plan import CATEGORY


class Topics:
    """The topics of the categories a run's records use, made or found once per category."""

    def __init__(self, db, report, default_locale, locales, records):
        self.db = db
        self.report = report
        self.default_locale = default_locale
        self.locales = locales  # sys_language_uid -> Locale
        self.records = records
        with translation.override(settings.LANGUAGE_CODE):
            self.kind_names = {}
            for value, label in ArticleKind.choices:
                name = str(label).casefold()
                for ending in ("", "e", "n", "en"):
                    self.kind_names[name + ending] = value

    def import_categories(self, news_uids):
        report = self.report
        categories = self.db.categories()
        self.category_by_uid = {row["uid"]: row for row in categories}
        self.category_translations = {}
        for row in categories:
            if row["sys_language_uid"] and row["l10n_parent"]:
                self.category_translations.setdefault(row["l10n_parent"], {})[row["sys_language_uid"]] = row
        self.category_topic = {}  # category uid (default language) -> Topic (default locale)
        self.category_kind = {}
        topics = {topic.name.casefold(): topic for topic in Topic.objects.filter(locale=self.default_locale)}
        slugs = set(Topic.objects.filter(locale=self.default_locale).values_list("slug", flat=True))
        used = {category for _news, category in self.db.category_links(news_uids)}
        for uid in sorted(used):
            row = self.category_by_uid.get(uid)
            if row is None:
                continue
            if row["sys_language_uid"] and row["l10n_parent"]:
                uid, row = row["l10n_parent"], self.category_by_uid.get(row["l10n_parent"], row)
            name = (row["title"] or "").strip()
            report.record = f"category {uid}"
            if not name or uid in self.category_topic or uid in self.category_kind:
                continue
            if name.casefold() in self.kind_names:
                self.category_kind[uid] = self.kind_names[name.casefold()]
                report.note("category read as the article's kind", f"{name} -> {self.category_kind[uid]}")
                continue
            mapping = self.records.mapping(CATEGORY, uid)
            topic = mapping.topic if mapping.pk and mapping.topic_id else topics.get(name.casefold())
            if topic is None:
                slug = base = german_slug(name)[:90] or f"thema-{uid}"
                number = 1
                while slug in slugs:
                    number += 1
                    slug = f"{base}-{number}"
                topic = Topic.objects.create(locale=self.default_locale, name=name[:100], slug=slug)
                slugs.add(slug)
                topics[name.casefold()] = topic
                report.count("imported", "topic")
            elif mapping.pk:
                report.count("unchanged", "topic")
            else:
                report.count("imported", "topic")
                report.note("category matched to an existing topic", name)
            if mapping.topic_id != topic.pk:
                mapping.topic = topic
                mapping.save()
            self.category_topic[uid] = topic
            self.translate_topic(uid, topic)
        report.record = None

    def translate_topic(self, uid, topic):
        """A category's translations as the topic's translations, where the topic has none yet."""
        for language_uid, row in self.category_translations.get(uid, {}).items():
            locale = self.locales.get(language_uid)
            name = (row["title"] or "").strip()
            if (
                locale is None
                or not name
                or Topic.objects.filter(translation_key=topic.translation_key, locale=locale).exists()
            ):
                continue
            slug = german_slug(name)[:90] or topic.slug
            if Topic.objects.filter(locale=locale, slug=slug).exists():
                slug = f"{slug}-{topic.pk}"
            strings = {topic.name: name[:100], topic.slug: slug}
            if topic.description:
                strings[topic.description] = topic.description
            translate(topic, locale, strings)

    def topics_for(self, plan, category_uids):
        """The record's topics (in its language where the topic is translated) and its kind, if a category names one."""
        ids, kind = [], None
        for uid in category_uids:
            row = self.category_by_uid.get(uid)
            if row is not None and row["sys_language_uid"] and row["l10n_parent"]:
                uid = row["l10n_parent"]
            if uid in self.category_kind:
                kind = kind or self.category_kind[uid]
                continue
            topic = self.category_topic.get(uid)
            if topic is None:
                continue
            if plan.locale.pk != topic.locale_id:
                translated = Topic.objects.filter(
                    translation_key=topic.translation_key, locale=plan.locale
                ).first()
                topic = translated or topic
            if topic.pk not in ids:
                ids.append(topic.pk)
        return ids, kind
