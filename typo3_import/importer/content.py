"""What a news record becomes, as plain data: the article's fields, its body blocks (text, images,
documents, links), topics, downloads and related articles. Its fingerprint decides whether a later
run writes it again."""

import html
import re
import uuid

from bs4 import BeautifulSoup

from articles.blocks import PARAGRAPH_FEATURES
from articles.models import ArticleKind
from typo3_import.richtext import BodyConverter, legacy_typolink, plain

from .plan import NEWS, date_of
from .text import credit_and_caption, split_teaser, text_of

BLOCK_IDS = uuid.UUID("5b0c4a52-6f0e-4b55-9a4f-2b7e0c1d3e8a")  # namespace of the body blocks' ids


class ArticleContent:
    """The article each planned record becomes, from its batch, its files, topics and links."""

    def __init__(self, source, report, records, topics, files, links):
        self.source = source
        self.report = report
        self.records = records
        self.topics = topics  # importer.topics.Topics
        self.files = files  # importer.files.Files
        self.links = links  # importer.links.LinkResolver, the body converter's resolver

    def target(self, plan, batch):
        """Everything the record becomes, as plain data: written if its fingerprint changed."""
        row, report = plan.row, self.report
        title = (row["title"] or "").strip()[:255] or f"TYPO3 {plan.uid}"
        topics, kind = self.topics.topics_for(
            plan, batch.categories.get(plan.uid) or batch.categories.get(plan.original, [])
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
            blocks += BodyConverter(self.links, PARAGRAPH_FEATURES).convert(batch.bodies.get(plan.uid) or "")
            if news_type != "0":
                report.note("news of an unknown type imported as an article", f"type {news_type}")
        lead_image = None
        gallery = []
        for ref in batch.references_of(plan, "fal_media"):
            result = self.files.results.get(ref["uid_local"], {})
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
        for ref in batch.references_of(plan, "fal_related_files"):
            document = self.files.results.get(ref["uid_local"], {}).get("document")
            if document and document not in downloads:
                downloads.append(document)
        links = batch.links.get(plan.uid) or batch.links.get(plan.original) or []
        if links:
            items = []
            for link_title, uri in links:
                item = BeautifulSoup(f'<li><a href="{legacy_typolink(uri)}"></a></li>', "html.parser")
                item.a.string = link_title or uri
                items.append(str(item))
            blocks += BodyConverter(self.links, PARAGRAPH_FEATURES).convert("<ul>" + "".join(items) + "</ul>")
        related = []
        for uid in batch.related.get(plan.uid) or batch.related.get(plan.original) or []:
            mapping = self.records.get((NEWS, uid))
            if mapping and mapping.page_id:
                related.append(self.links.link_target(mapping.page_id))
            else:
                report.note("related news not imported", f"news {uid}")
        tags = batch.tags.get(plan.uid) or []
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
                "id": str(uuid.uuid5(BLOCK_IDS, f"{self.source}:{plan.uid}:{number}")),
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
            "date": date_of(row, report).isoformat(),
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
        return BodyConverter(self.links, PARAGRAPH_FEATURES).convert(str(holder))
