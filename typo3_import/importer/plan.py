"""Reading and planning the records: what the office asked for, what earlier runs made, and what
becomes of each news record (language, state, restriction, slug, teaser), decided from its light
columns before anything is written; then the heavy columns of each batch, read at once."""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from core.text import german_slug
from typo3_import.models import ImportedRecord, Table

from .text import split_teaser, text_of

BERLIN = ZoneInfo("Europe/Berlin")
RESERVED_SLUGS = {"feed", "topic", "thema"}  # routes of the news index (articles.models.ArticleIndexPage)

DRAFT, LIVE, SCHEDULED, EXPIRED = "draft", "live", "scheduled", "expired"
# Plain strings as keys: a TextChoices member hashes by its name, not its value.
NEWS, FILE, CATEGORY = Table.NEWS.value, Table.FILE.value, Table.CATEGORY.value


class CannotImport(Exception):
    """The import cannot start (no news index, an unknown language)."""


@dataclass
class Options:
    source: str
    files: Path
    languages: dict  # sys_language_uid -> language code
    old_urls: dict  # language code -> pattern with {path_segment}, {uid}, {year}, {month}, {day}
    dry_run: bool = False
    collection: str = "Import aus TYPO3"


@dataclass
class Plan:
    """What becomes of one news record, decided from its light columns."""

    row: dict
    language: str
    locale: Locale
    original: int = 0  # uid of the record this one translates (0: none)
    slug: str = ""
    state: str = LIVE
    go_live_at: datetime.datetime | None = None
    expire_at: datetime.datetime | None = None
    restricted: bool = False
    old_paths: list = field(default_factory=list)
    teaser: str = ""
    teaser_rest: str = ""

    @property
    def uid(self):
        return self.row["uid"]

    @property
    def label(self):
        return f"news {self.uid} ({self.language})"


def berlin(timestamp):
    return datetime.datetime.fromtimestamp(int(timestamp), tz=BERLIN)


def date_of(row, report):
    """The article's date: the news date's day in Berlin, else the creation date's, else today (reported)."""
    if row["datetime"]:
        return berlin(row["datetime"]).date()
    if row["crdate"]:
        report.note("no date: the creation date is used")
        return berlin(row["crdate"]).date()
    report.note("no date: today is used")
    return timezone.localdate()


class ImportedRecords(dict):
    """What each record and file of one TYPO3 installation became in earlier runs, by (table, uid)."""

    def __init__(self, source):
        super().__init__(((row.table, row.uid), row) for row in ImportedRecord.objects.filter(source=source))
        self.source = source

    def mapping(self, table, uid):
        """The record's row; a new one (unsaved) for a record no run has imported."""
        row = self.get((table, uid))
        if row is None:
            row = ImportedRecord(source=self.source, table=table, uid=uid)
            self[(table, uid)] = row
        return row


@dataclass
class Batch:
    """The heavy columns and relations of a batch of news records, each read from TYPO3 at once."""

    bodies: dict
    references: dict  # news uid -> [sys_file_reference rows]
    categories: dict  # news uid -> [sys_category uids]
    tags: dict
    related: dict
    links: dict

    @classmethod
    def read(cls, db, uids):
        bodies = db.news_bodies(uids)
        references = {}
        for ref in db.file_references(uids):
            references.setdefault(ref["uid_foreign"], []).append(ref)
        categories = {}
        for news, category in db.category_links(uids):
            categories.setdefault(news, []).append(category)
        return cls(
            bodies=bodies,
            references=references,
            categories=categories,
            tags=db.tag_names(uids),
            related=db.related_news(uids),
            links=db.related_links(uids),
        )

    def references_of(self, plan, fieldname):
        refs = [ref for ref in self.references.get(plan.uid, []) if ref["fieldname"] == fieldname]
        if not refs and plan.original:  # a translation without its own files shows its original's
            refs = [ref for ref in self.references.get(plan.original, []) if ref["fieldname"] == fieldname]
        return refs


class Planner:
    """Plans every news record of a run; the records it skips are reported with the reason."""

    def __init__(self, report, locales, indexes, records, frontend_groups, now):
        self.report = report
        self.locales = locales  # sys_language_uid -> Locale
        self.indexes = indexes  # locale id -> the news index (ArticleIndexPage)
        self.records = records
        self.frontend_groups = frontend_groups
        self.now = now

    def plan(self, rows):
        report = self.report
        by_uid = {row["uid"]: row for row in rows}
        plans = {}
        for row in rows:
            uid = row["uid"]
            report.record = f"news {uid}"
            if row["deleted"]:
                report.skip("deleted in TYPO3", str(uid))
                continue
            if row["t3ver_state"] not in (0, None):
                report.skip("workspace placeholder", str(uid))
                continue
            language_uid = row["sys_language_uid"] or 0
            if language_uid == -1:
                report.note("for all languages: imported in the default language")
                language_uid = 0
            locale = self.locales.get(language_uid)
            if locale is None:
                report.skip(f"language {language_uid} not mapped (--language {language_uid}=CODE)", str(uid))
                continue
            if locale.pk not in self.indexes:
                report.skip(f"no news index in {locale.language_code}", str(uid))
                continue
            original = row["l10n_parent"] if language_uid else 0
            if original:
                parent = by_uid.get(original)
                if parent is None or parent["deleted"]:
                    report.skip("its original is deleted or missing", str(uid))
                    continue
            plan = Plan(row=row, language=locale.language_code, locale=locale, original=original)
            self.plan_state(plan)
            teaser = text_of(row["teaser"])
            plan.teaser, plan.teaser_rest = split_teaser(teaser)
            if plan.teaser_rest:
                report.note("long teaser: its end opens the text", f"({len(teaser)} characters)")
            plans[uid] = plan
        for uid, plan in list(plans.items()):
            if plan.original and plan.original not in plans:
                report.record = plan.label
                report.skip("its original is not imported", str(uid))
                del plans[uid]
        # A restriction covers every language version of a page (core.restrictions): a record is
        # members-only when it or any other version of it is.
        restricted = {plan.original or plan.uid for plan in plans.values() if plan.restricted}
        for plan in plans.values():
            if not plan.restricted and (plan.original or plan.uid) in restricted:
                plan.restricted = True
                report.record = plan.label
                report.note("members-only because another language version is")
        self.plan_slugs(plans)
        report.record = None
        return plans

    def plan_state(self, plan):
        row, report = plan.row, self.report
        start = berlin(row["starttime"]) if row["starttime"] else None
        end = berlin(row["endtime"]) if row["endtime"] else None
        if row["hidden"]:
            plan.state = DRAFT
        elif end is not None and end <= self.now:
            plan.state = EXPIRED
        elif start is not None and start > self.now:
            plan.state = SCHEDULED
        plan.go_live_at = start if start is not None and start > self.now else None
        plan.expire_at = end
        groups = [
            value.strip() for value in str(row["fe_group"] or "").split(",") if value.strip() not in ("", "0")
        ]
        if groups == ["-1"]:
            report.note("shown only to visitors who are not logged in in TYPO3: imported public")
        elif groups:
            plan.restricted = True
            names = [
                self.frontend_groups.get(int(g), g) if g.lstrip("-").isdigit() else g
                for g in groups
                if g != "-2"
            ]
            if names:
                report.note(
                    "restricted to TYPO3 groups: imported members-only", ", ".join(str(n) for n in names)
                )

    def plan_slugs(self, plans):
        """Slugs unique under each news index; a duplicate gets a suffix and is reported."""
        taken = {}
        for locale_id, index in self.indexes.items():
            taken[locale_id] = dict(index.get_children().values_list("slug", "id"))
            for slug in RESERVED_SLUGS:
                taken[locale_id].setdefault(slug, -1)
        for uid in sorted(plans):
            plan = plans[uid]
            self.report.record = plan.label
            row = plan.row
            own = self.records.get((NEWS, uid))
            own_page = own.page_id if own else None
            base = slugify(re.sub(r"[/\s.]+", "-", row["path_segment"] or ""), allow_unicode=True)[:240]
            if not base:
                base = german_slug(row["title"])[:240] or f"news-{uid}"
            slugs = taken[plan.locale.pk]
            slug, number = base, 1
            while slugs.get(slug) not in (None, own_page):
                number += 1
                slug = f"{base}-{number}"
            if slug != base:
                self.report.note("slug taken: given a suffix", f"{base} -> {slug}")
            slugs[slug] = own_page or -uid - 1
            plan.slug = slug
