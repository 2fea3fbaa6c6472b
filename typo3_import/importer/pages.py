"""The records' pages and their translations: a draft page for every record first (originals before
their translations), then each record's content as a revision published, scheduled, unpublished or
expired as in TYPO3, members-only records behind the members' area's restriction, wagtail-localize's
record of each translation, and pages of records TYPO3 no longer has unpublished."""

import datetime
import json

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from articles.models import TEASER_MAX_LENGTH, ArticleDownload, ArticlePage, RelatedArticle
from members.models import MEMBERS_GROUP, OFFICE_GROUP, MembersAreaPage

from .plan import DRAFT, EXPIRED, LIVE, NEWS, SCHEDULED, CannotImport, date_of
from .redirects import redirect


def members_groups(default_locale):
    """The groups of the members' area's restriction (members and office): a members-only
    article is restricted as the area is."""
    area = MembersAreaPage.objects.filter(locale=default_locale).first()
    restriction = PageViewRestriction.objects.filter(page=area).first() if area else None
    groups = list(restriction.groups.all()) if restriction is not None else []
    if not groups:
        groups = [Group.objects.get_or_create(name=name)[0] for name in (MEMBERS_GROUP, OFFICE_GROUP)]
    return groups


class Pages:
    """The article pages of a run's records, under the news index of each record's language."""

    def __init__(self, report, records, indexes, default_locale, members_groups, site, progress):
        self.report = report
        self.records = records
        self.indexes = indexes  # locale id -> the news index (ArticleIndexPage)
        self.default_locale = default_locale
        self.members_groups = members_groups
        self.site = site  # the old addresses' redirects are the news index's site's
        self.progress = progress
        # German pages whose content changed: their translations' sources follow
        self.changed_originals = set()

    def create_pages(self, plans):
        """A draft page for every record that has none yet, originals before their translations."""
        report = self.report
        order = sorted(plans.values(), key=lambda plan: (bool(plan.original), plan.uid))
        created = 0
        for plan in order:
            mapping = self.records.mapping(NEWS, plan.uid)
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
            date=date_of(row, self.report),
            teaser=plan.teaser or title[:TEASER_MAX_LENGTH],
            locale=plan.locale,
            live=False,
            has_unpublished_changes=True,
        )
        index.add_child(instance=page)
        return page

    def write_page(self, page, plan, target, mapping):
        """The record's content (importer.content) as the page's new revision, in TYPO3's state."""
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
        redirect(page, plan, mapping, self.site, self.report)

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

    def translation_sources(self, plans):
        """wagtail-localize's record of each imported translation: the English page is the
        translation of its German page, edited in the page editor (TYPO3's translation is its own
        text, not segments); "Start synced translation" in the editor switches to segments."""
        for plan in plans.values():
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

    def retire(self, plans):
        """Records imported before that TYPO3 deleted since (or that are no longer imported): unpublished."""
        present = set(plans)
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
