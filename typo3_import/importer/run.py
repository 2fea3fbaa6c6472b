"""One run of the import, step by step, over the parts of this package (see its docstring)."""

import hashlib
import json

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from articles.models import ArticleIndexPage, ArticlePage
from core.loading import bulk_loading
from typo3_import.report import Report
from typo3_import.typo3 import BATCH

from .content import ArticleContent
from .files import Files, collections
from .links import LinkResolver
from .pages import Pages, members_groups
from .plan import NEWS, Batch, CannotImport, ImportedRecords, Planner
from .redirects import plan_old_paths
from .topics import Topics


class Typo3Import:
    def __init__(self, db, options, write, progress=None):
        self.db = db
        self.options = options
        self.write = write
        self.progress = progress or write
        self.report = Report(write)
        self.now = timezone.now()

    def run(self):
        with bulk_loading():  # an archive is not news: nothing is mailed to subscribers
            if self.options.dry_run:
                with transaction.atomic():
                    self._run()
                    transaction.set_rollback(True)
            else:
                self._run()
        self.report.summary(self.options.dry_run)
        return self.report

    def _run(self):
        self.setup()
        rows = self.db.news_records()
        self.progress(f"Reading TYPO3 ({self.db.address}): {len(rows)} news records")
        self.plans = self.planner.plan(rows)
        plan_old_paths(self.plans, self.options.old_urls, self.report)
        self.topics.import_categories(list(self.plans))
        self.pages.create_pages(self.plans)
        self.import_records()
        self.pages.translation_sources(self.plans)
        self.pages.retire(self.plans)

    def setup(self):
        """Where the records go (the news index of each language) and the parts of the run."""
        options, db, report = self.options, self.db, self.report
        default_locale = Locale.get_default()
        locales = {}
        indexes = {}
        for language_uid, code in {0: default_locale.language_code, **options.languages}.items():
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                raise CannotImport(f"No locale {code!r} in Wagtail for --language {language_uid}={code}.")
            locales[language_uid] = locale
            index = ArticleIndexPage.objects.filter(locale=locale).order_by("path").first()
            if index is not None:
                indexes[locale.pk] = index
        if default_locale.pk not in indexes:
            raise CannotImport("There is no news index (Aktuelles) in the default language to import under.")
        news_index = indexes[default_locale.pk]
        site = news_index.get_site()
        self.records = records = ImportedRecords(options.source)
        groups = members_groups(default_locale)
        collection, members_collection = collections(options.collection, groups)
        self.files = Files(
            db, options, report, records, collection, members_collection, db.storages(), self.progress
        )
        pages_t3 = db.pages()
        self.planner = Planner(report, locales, indexes, records, db.frontend_groups(), self.now)
        self.topics = Topics(db, report, default_locale, locales, records)
        self.pages = Pages(report, records, indexes, default_locale, groups, site, self.progress)
        links = LinkResolver(report, records, self.files, pages_t3, news_index, default_locale)
        self.content = ArticleContent(options.source, report, records, self.topics, self.files, links)

    def import_records(self):
        """The records in batches: each batch's heavy columns read at once, its files before its records."""
        uids = sorted(self.plans, key=lambda uid: (bool(self.plans[uid].original), uid))
        done = 0
        for start in range(0, len(uids), BATCH):
            chunk = [
                uid
                for uid in uids[start : start + BATCH]
                if self.records.get((NEWS, uid)) and self.records[(NEWS, uid)].page_id
            ]
            originals = {self.plans[uid].original for uid in chunk if self.plans[uid].original}
            read = sorted(set(chunk) | originals)
            batch = Batch.read(self.db, read)
            self.files.import_files([self.plans[uid] for uid in chunk], batch)
            for uid in chunk:
                self.import_record(self.plans[uid], batch)
                done += 1
                if done % 50 == 0:
                    self.progress(f"News records: {done}/{len(uids)}")
        if done % 50:
            self.progress(f"News records: {done}/{len(uids)}")

    def import_record(self, plan, batch):
        """One record in a savepoint of its own: written when what it becomes changed; a record that fails is reported."""
        report = self.report
        report.record = plan.label
        mapping = self.records[(NEWS, plan.uid)]
        try:
            with transaction.atomic():
                target = self.content.target(plan, batch)
                fingerprint = hashlib.sha256(
                    json.dumps(target, sort_keys=True, default=str).encode()
                ).hexdigest()
                if mapping.fingerprint == fingerprint:
                    report.count("unchanged")
                    return
                updated = bool(mapping.fingerprint)
                page = ArticlePage.objects.get(pk=mapping.page_id)
                self.pages.write_page(page, plan, target, mapping)
                mapping.fingerprint = fingerprint
                mapping.save()
                report.count("updated" if updated else "imported")
                if updated:
                    report.note("updated: TYPO3's record changed since the last import", "")
        except Exception as error:  # noqa: BLE001 - a bad record never stops the run
            report.problem("record not imported", f"{type(error).__name__}: {error}")
        finally:
            report.record = None
