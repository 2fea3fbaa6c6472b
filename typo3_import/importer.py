"""The import: TYPO3 news records as articles, their files as images and documents, their categories
as topics, their old addresses as redirects. Re-runnable: what each record became is remembered
(typo3_import.models.ImportedRecord) with a fingerprint of it, and a later run writes only what changed.

A run has three steps. The plan reads every record's light columns and decides what becomes of it
(which parent, which slug, which state, which old addresses). Then every record that has no page yet
gets one (a draft with its title), so that links between records resolve whatever their order.
Then the records are read in batches with their texts, files and relations and written, each in a
savepoint of its own: a record that fails is reported and the run goes on.
"""

import datetime
import hashlib
import html
import json
import mimetypes
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from articles.blocks import PARAGRAPH_FEATURES
from articles.models import (
    TEASER_MAX_LENGTH,
    ArticleDownload,
    ArticleIndexPage,
    ArticleKind,
    ArticlePage,
    RelatedArticle,
    Topic,
)
from core.loading import bulk_loading
from core.text import german_slug
from members.models import MEMBERS_GROUP, OFFICE_GROUP, MembersAreaPage

from .models import ImportedRecord, Table
from .report import MISSING_FILE, Report
from .richtext import BodyConverter, legacy_typolink, plain, typolink_of
from .typo3 import BATCH, fileadmin_paths, linked_file_uids, shown_file_uids

BERLIN = ZoneInfo("Europe/Berlin")
BLOCK_IDS = uuid.UUID("5b0c4a52-6f0e-4b55-9a4f-2b7e0c1d3e8a")  # namespace of the body blocks' ids
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
RESERVED_SLUGS = {"feed", "topic", "thema"}  # routes of the news index (articles.models.ArticleIndexPage)
CREDIT = re.compile(
    r"(?:^|[\s.;,(])(?:(?:Fotos?|Bilder?|Photos?|Quelle|Source|Credits?|Copyright)\s*:|©|\(c\))\s*(?P<credit>[^()]+?)\)?\s*$",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?…][\"'»«“”„)]*\s")

DRAFT, LIVE, SCHEDULED, EXPIRED = "draft", "live", "scheduled", "expired"
# Plain strings as keys: a TextChoices member hashes by its name, not its value.
NEWS, FILE, CATEGORY = Table.NEWS.value, Table.FILE.value, Table.CATEGORY.value


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


def text_of(value):
    """A TYPO3 text (plain or rich) as one line of plain text."""
    if not value:
        return ""
    return plain(BeautifulSoup(value, "html.parser"))


def split_teaser(teaser):
    """A teaser that fits the field, and what did not fit (to open the body with), or ("", "")."""
    if len(teaser) <= TEASER_MAX_LENGTH:
        return teaser, ""
    cut = 0
    for match in SENTENCE_END.finditer(teaser[: TEASER_MAX_LENGTH + 1]):
        cut = match.end()
    if cut >= 40:
        return teaser[:cut].strip(), teaser[cut:].strip()
    words = teaser[: TEASER_MAX_LENGTH - 1].rsplit(" ", 1)[0]
    return words.rstrip(" ,;:") + "…", teaser  # no sentence fits: the body opens with the whole teaser


def credit_and_caption(*texts):
    """The photographer's credit ("Foto: HStT") and the rest as a caption, from TYPO3's description and title."""
    caption, credit = "", ""
    for text in texts:
        text = (text or "").strip()
        if not text:
            continue
        match = CREDIT.search(text)
        if match and not credit:
            credit = match.group("credit").strip()
            rest = text[: match.start()].strip(" .;,")
            if rest and not caption:
                caption = rest + ("." if not rest.endswith((".", "!", "?")) else "")
        elif not caption and not match:
            caption = text
    return credit[:255], caption[:255]


class Typo3Import:
    def __init__(self, db, options, write, progress=None):
        self.db = db
        self.options = options
        self.write = write
        self.progress = progress or write
        self.report = Report(write)
        self.now = timezone.now()

    # The run -------------------------------------------------------------------------------

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
        self.plans = self.plan(rows)
        self.import_categories()
        self.create_pages()
        self.import_records()
        self.translation_sources()
        self.retire(rows)

    def setup(self):
        options = self.options
        self.default_locale = Locale.get_default()
        self.locales = {}
        self.indexes = {}
        for language_uid, code in {0: self.default_locale.language_code, **options.languages}.items():
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                raise CannotImport(f"No locale {code!r} in Wagtail for --language {language_uid}={code}.")
            self.locales[language_uid] = locale
            index = ArticleIndexPage.objects.filter(locale=locale).order_by("path").first()
            if index is not None:
                self.indexes[locale.pk] = index
        if self.default_locale.pk not in self.indexes:
            raise CannotImport("There is no news index (Aktuelles) in the default language to import under.")
        self.site = self.indexes[self.default_locale.pk].get_site()
        self.records = {
            (row.table, row.uid): row for row in ImportedRecord.objects.filter(source=options.source)
        }
        self.members_groups = self.restriction_groups()
        self.collection, self.members_collection = self.collections()
        self.files_dir = Path(options.files).resolve() if options.files else None
        self.storages = self.db.storages()
        self.pages_t3 = self.db.pages()
        self.frontend_groups = self.db.frontend_groups()
        self.file_results = {}  # sys_file uid -> {"image": id, "document": id}
        self.by_sha1 = {}  # sha1 -> {"image": id, "document": id}
        self.body_converter_features = PARAGRAPH_FEATURES
        self.changed_originals = (
            set()
        )  # German pages whose content changed (their translation sources follow)
        with translation.override(settings.LANGUAGE_CODE):
            self.kind_names = {}
            for value, label in ArticleKind.choices:
                name = str(label).casefold()
                for ending in ("", "e", "n", "en"):
                    self.kind_names[name + ending] = value

    def restriction_groups(self):
        """The groups of the members' area's restriction (members and office): a members-only
        article is restricted as the area is."""
        area = MembersAreaPage.objects.filter(locale=self.default_locale).first()
        restriction = PageViewRestriction.objects.filter(page=area).first() if area else None
        groups = list(restriction.groups.all()) if restriction is not None else []
        if not groups:
            groups = [Group.objects.get_or_create(name=name)[0] for name in (MEMBERS_GROUP, OFFICE_GROUP)]
        return groups

    def collections(self):
        """The office's collection for imports, and beside it one for members-only records' documents."""
        root = Collection.get_first_root_node()
        public = root.get_children().filter(name=self.options.collection).first()
        if public is None:
            public = root.add_child(name=self.options.collection)
        name = f"{self.options.collection} (Mitglieder)"
        members = public.get_children().filter(name=name).first()
        if members is None:
            members = public.add_child(name=name)
        restriction = CollectionViewRestriction.objects.filter(collection=members).first()
        if restriction is None:
            restriction = CollectionViewRestriction.objects.create(
                collection=members, restriction_type=CollectionViewRestriction.GROUPS
            )
            restriction.groups.set(self.members_groups)
        return public, members

    def mapping(self, table, uid):
        row = self.records.get((table, uid))
        if row is None:
            row = ImportedRecord(source=self.options.source, table=table, uid=uid)
            self.records[(table, uid)] = row
        return row

    # The plan --------------------------------------------------------------------------------

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
        self.plan_old_paths(plans)
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

    def plan_old_paths(self, plans):
        """Each record's old addresses; an address two records share goes to the first that TYPO3
        showed (the lowest uid among visible records, else the lowest uid)."""
        claims = {}
        for uid in sorted(plans):
            plan = plans[uid]
            pattern = self.options.old_urls.get(plan.language)
            if not pattern:
                continue
            row = plan.row
            date = berlin(row["datetime"]) if row["datetime"] else None
            values = {
                "path_segment": row["path_segment"] or "",
                "uid": uid,
                "year": f"{date:%Y}" if date else "",
                "month": f"{date:%m}" if date else "",
                "day": f"{date:%d}" if date else "",
            }
            paths = []
            if row["path_segment"] or "{path_segment}" not in pattern:
                paths.append(pattern.format_map(values))
            base = pattern.split("{", 1)[0]
            base = base[: base.rfind("/") + 1] or "/"
            for news_uid in (uid, plan.original):
                if news_uid:
                    paths.append(f"{base}?tx_news_pi1[news]={news_uid}")
            for path in paths:
                normalised = Redirect.normalise_path(path)
                visible = plan.state == LIVE
                claims.setdefault(normalised, []).append((not visible, uid))
        for path, claimants in claims.items():
            claimants.sort()
            winner = claimants[0][1]
            plans[winner].old_paths.append(path)
            for _hidden, uid in claimants[1:]:
                self.report.record = plans[uid].label
                self.report.note(
                    "old address shared: it goes to the first record", f"{path} -> news {winner}"
                )

    # Categories -----------------------------------------------------------------------------

    def import_categories(self):
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
        used = {category for _news, category in self.db.category_links(list(self.plans))}
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
            mapping = self.mapping(CATEGORY, uid)
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
        from core.translation import translate  # noqa: PLC0415 - wagtail-localize's models load late

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

    # Pages ------------------------------------------------------------------------------------

    def create_pages(self):
        """A draft page for every record that has none yet, originals before their translations."""
        report = self.report
        order = sorted(self.plans.values(), key=lambda plan: (bool(plan.original), plan.uid))
        created = 0
        for plan in order:
            mapping = self.mapping(NEWS, plan.uid)
            report.record = plan.label
            if mapping.pk and mapping.page_id is None:
                report.skip("deleted in Wagtail after an earlier import", str(plan.uid))
                continue
            if mapping.page_id:
                continue
            try:
                with transaction.atomic():
                    page = self.new_page(plan)
                    mapping.page = page
                    mapping.save()
                created += 1
            except Exception as error:  # noqa: BLE001 - a bad record never stops the run
                mapping.pk = None
                report.problem("record not imported", f"{type(error).__name__}: {error}")
                self.records.pop((NEWS, plan.uid), None)
            if created and created % 100 == 0:
                self.progress(f"Pages created: {created}")
        report.record = None

    def new_page(self, plan):
        row = plan.row
        title = (row["title"] or "").strip()[:255] or f"TYPO3 {plan.uid}"
        index = self.indexes[plan.locale.pk]
        if plan.original:
            original = self.records[(NEWS, plan.original)].page
            if original is None:
                raise CannotImport("its original has no page")
            existing = ArticlePage.objects.filter(
                translation_key=original.translation_key, locale=plan.locale
            ).first()
            if existing is not None:
                self.report.note(
                    "the translation existed in Wagtail: TYPO3's translation is its new revision"
                )
                return existing
            page = original.specific.copy_for_translation(plan.locale)
            # The copy is a new draft without children: its own slug without Page.save, which would
            # take the copied slug for an address readers knew and redirect it (auto-created redirects).
            url_path = index.url_path + plan.slug + "/"
            Page.objects.filter(pk=page.pk).update(
                title=title, draft_title=title, slug=plan.slug, url_path=url_path
            )
            return ArticlePage.objects.get(pk=page.pk)
        page = ArticlePage(
            title=title,
            slug=plan.slug,
            date=self.date_of(row),
            teaser=plan.teaser or title[:TEASER_MAX_LENGTH],
            locale=plan.locale,
            live=False,
            has_unpublished_changes=True,
        )
        index.add_child(instance=page)
        return page

    def date_of(self, row):
        if row["datetime"]:
            return berlin(row["datetime"]).date()
        if row["crdate"]:
            self.report.note("no date: the creation date is used")
            return berlin(row["crdate"]).date()
        self.report.note("no date: today is used")
        return timezone.localdate()

    # Records in batches -------------------------------------------------------------------------

    def import_records(self):
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
            self.batch = self.read_batch(read)
            self.import_files(chunk)
            for uid in chunk:
                self.import_record(self.plans[uid])
                done += 1
                if done % 50 == 0:
                    self.progress(f"News records: {done}/{len(uids)}")
        if done % 50:
            self.progress(f"News records: {done}/{len(uids)}")

    def read_batch(self, uids):
        db = self.db
        bodies = db.news_bodies(uids)
        references = {}
        for ref in db.file_references(uids):
            references.setdefault(ref["uid_foreign"], []).append(ref)
        categories = {}
        for news, category in db.category_links(uids):
            categories.setdefault(news, []).append(category)
        return {
            "bodies": bodies,
            "references": references,
            "categories": categories,
            "tags": db.tag_names(uids),
            "related": db.related_news(uids),
            "links": db.related_links(uids),
        }

    def references_of(self, plan, fieldname):
        refs = [ref for ref in self.batch["references"].get(plan.uid, []) if ref["fieldname"] == fieldname]
        if not refs and plan.original:  # a translation without its own files shows its original's
            refs = [
                ref
                for ref in self.batch["references"].get(plan.original, [])
                if ref["fieldname"] == fieldname
            ]
        return refs

    # Files ------------------------------------------------------------------------------------

    def import_files(self, chunk):
        """Every file the batch's records use, each once (by sha1), before the records that show them."""
        db, batch = self.db, self.batch
        uses = {}  # sys_file uid -> {"image", "document"}, "restricted" if only members-only records use it
        public_use = set()
        linked_paths, shown_paths = set(), set()
        for uid in chunk:
            plan = self.plans[uid]
            wanted = []
            for ref in self.references_of(plan, "fal_media"):
                wanted.append((ref["uid_local"], "media"))
            for ref in self.references_of(plan, "fal_related_files"):
                wanted.append((ref["uid_local"], "document"))
            body = batch["bodies"].get(uid) or ""
            wanted += [(file_uid, "linked") for file_uid in linked_file_uids(body)]
            wanted += [(file_uid, "media") for file_uid in shown_file_uids(body)]
            linked_paths |= fileadmin_paths(body, "href")
            shown_paths |= fileadmin_paths(body, "src")
            for file_uid, use in wanted:
                uses.setdefault(file_uid, set()).add(use)
                if not plan.restricted:
                    public_use.add(file_uid)
        self.path_files = (
            db.files_by_identifier(linked_paths | shown_paths) if linked_paths or shown_paths else {}
        )
        for (_storage, identifier), file_uid in self.path_files.items():
            uses.setdefault(file_uid, set()).add("linked" if identifier in linked_paths else "media")
            if identifier in shown_paths:
                uses[file_uid].add("media")
            public_use.add(file_uid)
        todo = [uid for uid in uses if uid not in self.file_results]
        if not todo:
            return
        files = db.files(todo)
        metadata = db.file_metadata(todo)
        first_refs = {}
        for refs in batch["references"].values():
            for ref in refs:
                first_refs.setdefault(ref["uid_local"], ref)
        hashes = {row["sha1"] for row in files.values() if row["sha1"]}
        Image, Document = get_image_model(), get_document_model()
        for image_id, file_hash in Image.objects.filter(file_hash__in=hashes).values_list("id", "file_hash"):
            self.by_sha1.setdefault(file_hash, {}).setdefault("image", image_id)
        for document_id, file_hash in Document.objects.filter(file_hash__in=hashes).values_list(
            "id", "file_hash"
        ):
            self.by_sha1.setdefault(file_hash, {}).setdefault("document", document_id)
        for number, file_uid in enumerate(sorted(todo), start=1):
            self.report.record = f"file {file_uid}"
            row = files.get(file_uid)
            if row is None:
                self.report.problem(MISSING_FILE, "not in sys_file")
                self.file_results[file_uid] = {}
                continue
            try:
                with transaction.atomic():
                    self.file_results[file_uid] = self.import_file(
                        row,
                        metadata.get(file_uid),
                        first_refs.get(file_uid),
                        uses[file_uid],
                        file_uid in public_use,
                    )
            except Exception as error:  # noqa: BLE001 - a bad file never stops the run
                self.report.problem(
                    "file not imported", f"{row['identifier']}: {type(error).__name__}: {error}"
                )
                self.file_results[file_uid] = {}
            if number % 100 == 0:
                self.progress(f"Files: {number}/{len(todo)}")
        self.progress(f"Files: {len(todo)}/{len(todo)}")
        self.report.record = None

    def file_path(self, row):
        identifier = row["identifier"] or ""
        storage = row["storage"]
        if storage == 1:
            base = "fileadmin"
        elif storage == 0:
            base = ""
        elif storage in self.storages:
            base = self.storages[storage]
        else:
            return None
        path = (self.files_dir / base / identifier.lstrip("/")).resolve()
        if not path.is_relative_to(self.files_dir):
            return None  # "../" in an identifier: never outside --files
        return path

    def import_file(self, row, metadata, ref, uses, public):
        report = self.report
        mapping = self.mapping(FILE, row["uid"])
        mime = (row["mime_type"] or mimetypes.guess_type(row["name"] or "")[0] or "").lower()
        name = row["name"] or Path(row["identifier"]).name
        extension = Path(name).suffix.lower().lstrip(".")
        is_image = mime in IMAGE_TYPES and "media" in uses
        wants_document = bool(uses & {"document", "linked"}) or ("media" in uses and not is_image)
        if mapping.pk:
            result = {}
            if mapping.image_id:
                result["image"] = mapping.image_id
            if mapping.document_id:
                result["document"] = mapping.document_id
                if public:
                    self.make_public(mapping.document_id)
            if (not is_image or "image" in result) and (not wants_document or "document" in result):
                report.count("unchanged", "file")
                return result
        if self.files_dir is None:
            report.problem(MISSING_FILE, f"{row['identifier']} (no --files folder given)")
            return {}
        path = self.file_path(row)
        if path is None:
            report.problem(
                "file not imported",
                f"{row['identifier']}: storage {row['storage']} is not a local folder under --files",
            )
            return {}
        if not path.is_file():
            report.problem(
                MISSING_FILE,
                f"{path.relative_to(self.files_dir) if path.is_relative_to(self.files_dir) else path}",
            )
            return {}
        sha1 = hashlib.sha1(path.read_bytes()).hexdigest()  # noqa: S324 - TYPO3's checksum, not security
        if row["sha1"] and row["sha1"].lower() != sha1:
            report.problem(
                "bad sha1", f"{row['identifier']}: the file's sha1 is {sha1}, TYPO3 recorded {row['sha1']}"
            )
            return {}
        known = self.by_sha1.setdefault(sha1, {})
        result = {}
        meta = metadata or {}
        ref = ref or {}
        if is_image:
            if "image" not in known:
                alt = ref.get("alternative")
                if alt is None or not alt.strip():
                    alt = meta.get("alternative") or ""
                credit, _caption = credit_and_caption(
                    ref.get("description"), ref.get("title"), meta.get("description"), meta.get("title")
                )
                credit = credit or (meta.get("copyright") or meta.get("creator") or "").strip()[:255]
                title = (meta.get("title") or "").strip() or Path(name).stem.replace("_", " ").replace(
                    "-", " "
                )
                if not alt.strip():
                    report.note("image without alternative text", row["identifier"])
                known["image"] = self.save_image(path, name, title[:255], alt.strip()[:255], credit, sha1)
            result["image"] = known["image"]
        if wants_document:
            if extension not in settings.WAGTAILDOCS_EXTENSIONS:
                report.problem(
                    "file type not accepted for documents",
                    f"{row['identifier']} (.{extension}; see WAGTAILDOCS_EXTENSIONS)",
                )
            else:
                if "document" not in known:
                    title = (ref.get("title") or meta.get("title") or "").strip() or Path(name).stem.replace(
                        "_", " "
                    ).replace("-", " ")
                    known["document"] = self.save_document(path, name, title[:255], sha1, public)
                elif public:
                    self.make_public(known["document"])
                result["document"] = known["document"]
        previous = {"image": mapping.image_id, "document": mapping.document_id}
        if any(result.get(kind) and result[kind] != previous[kind] for kind in result):
            report.count("updated" if mapping.pk else "imported", "file")
        elif mapping.pk:
            report.count("unchanged", "file")
        if not self.options.dry_run and result:
            mapping.image_id = result.get("image", mapping.image_id)
            mapping.document_id = result.get("document", mapping.document_id)
            mapping.fingerprint = sha1
            mapping.save()
        return result

    def save_image(self, path, name, title, alt, credit, sha1):
        if self.options.dry_run:
            return None
        image = get_image_model()(
            title=title,
            alt_text=alt,
            credit=credit,
            collection=self.collection,
            file_hash=sha1,
            file_size=path.stat().st_size,
        )
        with path.open("rb") as handle:
            image.file.save(name, File(handle), save=False)
        image.save()
        return image.pk

    def save_document(self, path, name, title, sha1, public):
        if self.options.dry_run:
            return None
        document = get_document_model()(
            title=title,
            collection=self.collection if public else self.members_collection,
            file_hash=sha1,
            file_size=path.stat().st_size,
        )
        with path.open("rb") as handle:
            document.file.save(name, File(handle), save=False)
        document.save()
        return document.pk

    def make_public(self, document_id):
        """A document a public record uses leaves the members' collection."""
        if document_id and get_document_model().objects.filter(
            pk=document_id, collection=self.members_collection
        ).update(collection=self.collection):
            self.report.note(
                "document used by a public record: moved to the public collection", str(document_id)
            )

    # Links in texts ---------------------------------------------------------------------------

    def problem(self, kind, detail=""):
        self.report.problem(kind, detail)

    def note(self, kind, detail=""):
        self.report.note(kind, detail)

    def resolve_link(self, href, text):
        """(kind, value) for a link in a TYPO3 text, or None (its text is kept; reported)."""
        report = self.report
        link = typolink_of(href)
        if link is None:
            lowered = href.lower()
            if lowered.startswith(("http://", "https://", "mailto:", "tel:", "ftp://")):
                return ("url", href)
            path = re.match(r"/?fileadmin/([^?#]+)", href)
            if path:
                file_uid = self.path_files.get((1, "/" + path.group(1)))
                document = self.file_results.get(file_uid, {}).get("document") if file_uid else None
                if document:
                    return ("document", document)
                report.problem("unknown link", f"{href} ({text}): the file is not imported; kept as text")
                return None
            if href.startswith("/") or not re.match(r"^[a-z][a-z0-9+.-]*:", lowered):
                report.note("link to an address of the old site kept", href)
                return ("url", href)
            report.problem("unknown link", f"{href} ({text}): kept as text")
            return None
        news = link.news_uid()
        if news:
            mapping = self.records.get((NEWS, news))
            if mapping and mapping.page_id:
                return ("page", self.link_target(mapping.page_id))
            report.problem("unknown link", f"{href} ({text}): news {news} is not imported; kept as text")
            return None
        if link.kind == "page":
            page_id = self.page_for(link.uid)
            if page_id:
                return ("page", page_id)
        elif link.kind == "file":
            document = self.file_results.get(link.uid, {}).get("document")
            if document:
                return ("document", document)
            if self.file_results.get(link.uid) == {}:  # the file's own problem is reported
                report.note("link to a file that is not imported kept as text", f"{href} ({text})")
                return None
        elif link.kind == "url" and link.params.get("url"):
            return ("url", link.params["url"])
        elif link.kind == "email" and link.params.get("email"):
            return ("url", "mailto:" + link.params["email"])
        elif link.kind == "phone" and link.params.get("phone"):
            return ("url", "tel:" + link.params["phone"])
        report.problem("unknown link", f"{href} ({text}): not imported; kept as text")
        return None

    def link_target(self, page_id):
        """Links point at the original: Wagtail shows each reader the version in their language."""
        page = Page.objects.filter(pk=page_id).values_list("translation_key", "locale_id").first()
        if page and page[1] != self.default_locale.pk:
            original = (
                Page.objects.filter(translation_key=page[0], locale=self.default_locale)
                .values_list("pk", flat=True)
                .first()
            )
            return original or page_id
        return page_id

    def page_for(self, t3_uid):
        """The Wagtail page for a TYPO3 page: one at the same address (TYPO3's slug) in the default language."""
        row = self.pages_t3.get(t3_uid)
        if row is None or row["deleted"]:
            return None
        if row["sys_language_uid"] and row["l10n_parent"]:
            row = self.pages_t3.get(row["l10n_parent"], row)
        slug = (row["slug"] or "").strip("/")
        home = self.indexes[self.default_locale.pk].get_parent()
        path = home.url_path + (slug + "/" if slug else "")
        return Page.objects.filter(url_path=path).values_list("pk", flat=True).first()

    def resolve_image(self, node):
        """(image id, caption) for an <img> in a text: TYPO3's data-htmlarea-file-uid or a fileadmin path."""
        uid = node.get("data-htmlarea-file-uid")
        file_uid = int(uid) if uid and uid.isdigit() else None
        src = node.get("src") or ""
        if file_uid is None:
            path = re.match(r"/?fileadmin/([^?#]+)", src)
            if path:
                file_uid = self.path_files.get((1, "/" + path.group(1)))
        image = self.file_results.get(file_uid, {}).get("image") if file_uid else None
        if image is None and file_uid in self.file_results and not self.file_results[file_uid]:
            return None, ""  # the file's own problem was reported
        if image is None:
            self.report.problem("image in the text not imported", src or str(file_uid))
            return None, ""
        return image, (node.get("title") or "").strip()

    # One record -------------------------------------------------------------------------------

    def import_record(self, plan):
        report = self.report
        report.record = plan.label
        mapping = self.records[(NEWS, plan.uid)]
        try:
            with transaction.atomic():
                target = self.target(plan)
                fingerprint = hashlib.sha256(
                    json.dumps(target, sort_keys=True, default=str).encode()
                ).hexdigest()
                if mapping.fingerprint == fingerprint:
                    report.count("unchanged")
                    return
                updated = bool(mapping.fingerprint)
                page = ArticlePage.objects.get(pk=mapping.page_id)
                self.write_page(page, plan, target, mapping)
                mapping.fingerprint = fingerprint
                mapping.save()
                report.count("updated" if updated else "imported")
                if updated:
                    report.note("updated: TYPO3's record changed since the last import", "")
        except Exception as error:  # noqa: BLE001 - a bad record never stops the run
            report.problem("record not imported", f"{type(error).__name__}: {error}")
        finally:
            report.record = None

    def target(self, plan):
        """Everything the record becomes, as plain data: written if its fingerprint changed."""
        row, batch, report = plan.row, self.batch, self.report
        title = (row["title"] or "").strip()[:255] or f"TYPO3 {plan.uid}"
        topics, kind = self.topics_for(
            plan, batch["categories"].get(plan.uid) or batch["categories"].get(plan.original, [])
        )
        blocks = []
        if plan.teaser_rest:
            blocks.append(
                (
                    "paragraph",
                    f"<p>{html.escape(plan.teaser_rest, quote=False)}</p>",
                )
            )
        news_type = str(row["type"] or "0")
        if news_type in ("1", "2"):
            blocks += self.link_entry(plan, news_type, title)
        else:
            blocks += BodyConverter(self, self.body_converter_features).convert(
                batch["bodies"].get(plan.uid) or ""
            )
            if news_type != "0":
                report.note("news of an unknown type imported as an article", f"type {news_type}")
        lead_image = None
        gallery = []
        for ref in self.references_of(plan, "fal_media"):
            result = self.file_results.get(ref["uid_local"], {})
            if result.get("image"):
                credit, caption = credit_and_caption(ref.get("description"), ref.get("title"))
                if lead_image is None and ref.get("showinpreview"):
                    lead_image = result["image"]
                else:
                    gallery.append(("image", {"image": result["image"], "caption": caption}))
            elif result.get("document"):
                gallery.append(("documents", {"title": "", "documents": [result["document"]]}))
        blocks += gallery
        downloads = []
        for ref in self.references_of(plan, "fal_related_files"):
            document = self.file_results.get(ref["uid_local"], {}).get("document")
            if document and document not in downloads:
                downloads.append(document)
        links = batch["links"].get(plan.uid) or batch["links"].get(plan.original) or []
        if links:
            items = []
            for link_title, uri in links:
                item = BeautifulSoup(f'<li><a href="{legacy_typolink(uri)}"></a></li>', "html.parser")
                item.a.string = link_title or uri
                items.append(str(item))
            blocks += BodyConverter(self, self.body_converter_features).convert(
                "<ul>" + "".join(items) + "</ul>"
            )
        related = []
        for uid in batch["related"].get(plan.uid) or batch["related"].get(plan.original) or []:
            mapping = self.records.get((NEWS, uid))
            if mapping and mapping.page_id:
                related.append(self.link_target(mapping.page_id))
            else:
                report.note("related news not imported", f"news {uid}")
        tags = batch["tags"].get(plan.uid) or []
        if tags:
            report.note("tags not imported (articles have topics, no tags)", ", ".join(tags))
        if row["istopnews"]:
            report.note("top news: articles have no such flag")
        if row["content_elements"]:
            report.note("content elements of the news record not imported", f"{row['content_elements']}")
        body = [
            {
                "type": block_type,
                "value": value,
                "id": str(uuid.uuid5(BLOCK_IDS, f"{self.options.source}:{plan.uid}:{number}")),
            }
            for number, (block_type, value) in enumerate(blocks)
        ]
        for block in body:
            if block["type"] == "documents":
                block["value"]["documents"] = [
                    {"type": "item", "value": doc, "id": str(uuid.uuid5(BLOCK_IDS, f"{block['id']}:{doc}"))}
                    for doc in block["value"]["documents"]
                ]
        teaser = plan.teaser
        if not teaser:
            teaser, _rest = split_teaser(self.first_sentences(body) or title)
            report.note("no teaser: it is taken from the text")
        return {
            "title": title,
            "slug": plan.slug,
            "date": self.date_of(row).isoformat(),
            "teaser": teaser,
            "kind": kind or ArticleKind.STATEMENT,
            "author": text_of(row["author"])[:255],
            "topics": topics,
            "lead_image": lead_image,
            "body": body,
            "downloads": downloads,
            "related": related,
            "state": plan.state,
            "go_live_at": plan.go_live_at.isoformat() if plan.go_live_at else None,
            "expire_at": plan.expire_at.isoformat() if plan.expire_at else None,
            "restricted": plan.restricted,
            "old_paths": plan.old_paths,
        }

    def first_sentences(self, body):
        for block in body:
            if block["type"] == "paragraph":
                text = plain(BeautifulSoup(block["value"], "html.parser"))
                if text:
                    return text
        return ""

    def link_entry(self, plan, news_type, title):
        """A news record that is a link (type 1: to a page, 2: to an address) as an article with that link."""
        row = plan.row
        value = (row["internalurl"] if news_type == "1" else row["externalurl"]) or ""
        href = legacy_typolink(value.strip().split(" ")[0]) if value.strip() else ""
        if href and news_type == "2" and not re.match(r"^[a-z][a-z0-9+.-]*:", href):
            href = "https://" + href
        self.report.note("link record imported as an article with its link", href or "(no address)")
        if not href:
            return []
        holder = BeautifulSoup(f'<p><a href="{href}"></a></p>', "html.parser")
        holder.a.string = title
        return BodyConverter(self, self.body_converter_features).convert(str(holder))

    def write_page(self, page, plan, target, mapping):
        page.title = target["title"]
        page.draft_title = target["title"]
        page.slug = target["slug"]
        page.date = datetime.date.fromisoformat(target["date"])
        page.teaser = target["teaser"]
        page.kind = target["kind"]
        page.author = target["author"]
        page.lead_image_id = target["lead_image"]
        page.body = json.dumps(target["body"])
        page.topics = target["topics"]
        page.downloads = [ArticleDownload(document_id=doc) for doc in target["downloads"]]
        page.related_links = [
            RelatedArticle(related_id=related) for related in target["related"] if related != page.pk
        ]
        page.go_live_at = plan.go_live_at
        page.expire_at = plan.expire_at
        if page.locale_id == self.default_locale.pk:
            self.changed_originals.add(page.pk)
        was_live = page.live
        revision = page.save_revision(clean=True)
        state = plan.state
        if state == LIVE:
            revision.publish()
        elif state == SCHEDULED:
            if was_live:
                page.unpublish()
            revision.publish()  # Wagtail publishes it at go_live_at (publish_scheduled)
        elif state == DRAFT and was_live:
            page.unpublish()
        elif state == EXPIRED:
            if was_live:
                page.unpublish(set_expired=True)
            else:
                ArticlePage.objects.filter(pk=page.pk).update(expired=True)
        self.restrict(page, plan, mapping)
        mapping.state = {key: value for key, value in mapping.state.items() if key != "retired"}
        mapping.state.update(restricted=plan.restricted, state=state)
        self.redirect(page, plan, mapping)

    def restrict(self, page, plan, mapping):
        """A members-only record: its page behind the members' area's restriction (every language
        version with it, see core.restrictions)."""
        existing = PageViewRestriction.objects.filter(page=page).first()
        if plan.restricted:
            if existing is None:
                restriction = PageViewRestriction.objects.create(
                    page=page, restriction_type=PageViewRestriction.GROUPS
                )
                restriction.groups.set(self.members_groups)
        elif existing is not None and mapping.state.get("restricted"):
            existing.delete()  # TYPO3's record is public now; a restriction the office added stays

    def redirect(self, page, plan, mapping):
        ours = set(mapping.state.get("old_paths", []))
        made = []
        for path in plan.old_paths:
            if len(path) > 255:
                self.report.problem("old address too long for a redirect", path)
                continue
            existing = Redirect.objects.filter(old_path=path, site=self.site).first()
            if existing is None:
                Redirect.objects.create(old_path=path, site=self.site, redirect_page=page, is_permanent=True)
            elif existing.redirect_page_id != page.pk:
                if path in ours:
                    existing.redirect_page = page
                    existing.redirect_link = ""
                    existing.is_permanent = True
                    existing.save()
                else:
                    self.report.note("old address already redirects elsewhere: left as it is", path)
                    continue
            made.append(path)
        for path in ours - set(made):
            Redirect.objects.filter(old_path=path, site=self.site, redirect_page=page).delete()
        mapping.state = {**mapping.state, "old_paths": made}

    # After the records -----------------------------------------------------------------------

    def translation_sources(self):
        """wagtail-localize's record of each imported translation: the English page is the
        translation of its German page, edited in the page editor (TYPO3's translation is its own
        text, not segments); "Start synced translation" in the editor switches to segments."""
        for plan in self.plans.values():
            if not plan.original:
                continue
            original = self.records.get((NEWS, plan.original))
            own = self.records.get((NEWS, plan.uid))
            if not (original and original.page_id and own and own.page_id):
                continue
            if (
                original.page_id in self.changed_originals
                or not Translation.objects.filter(
                    source__object_id=own.page.translation_key, target_locale=plan.locale
                ).exists()
            ):
                source, _created = TranslationSource.update_or_create_from_instance(original.page.specific)
                Translation.objects.get_or_create(
                    source=source, target_locale=plan.locale, defaults={"enabled": False}
                )

    def retire(self, rows):
        """Records imported before that TYPO3 deleted since (or that are no longer imported): unpublished."""
        present = set(self.plans)
        for (table, uid), mapping in self.records.items():
            if table != NEWS or uid in present or not mapping.pk or not mapping.page_id:
                continue
            if mapping.state.get("retired"):
                continue
            self.report.record = f"news {uid}"
            page = mapping.page
            if page.live:
                page.specific.unpublish()
                self.report.count("unpublished")
                self.report.note("no longer in TYPO3 (or no longer imported): unpublished")
            mapping.state = {**mapping.state, "retired": True}
            mapping.fingerprint = ""
            mapping.save()
        self.report.record = None


class CannotImport(Exception):
    """The import cannot start (no news index, an unknown language)."""
