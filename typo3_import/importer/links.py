"""Links and images in TYPO3's body texts, resolved to what the import made of them: the body
converter's resolver (typo3_import.richtext.BodyConverter). A link it cannot resolve keeps its text
and is reported."""

import re

from wagtail.models import Page

from typo3_import.richtext import typolink_of

from .plan import NEWS


class LinkResolver:
    """Resolves a record's links to pages, documents and addresses, and its images to images."""

    def __init__(self, report, records, files, pages_t3, news_index, default_locale):
        self.report = report
        self.records = records
        self.files = files  # the run's files (importer.files.Files): what each sys_file became
        self.pages_t3 = pages_t3  # TYPO3's pages by uid
        self.news_index = news_index  # the default language's; TYPO3's page slugs are paths under its parent
        self.default_locale = default_locale

    def problem(self, kind, detail=""):
        self.report.problem(kind, detail)

    def note(self, kind, detail=""):
        self.report.note(kind, detail)

    def resolve_link(self, href, text):
        """(kind, value) for a link in a TYPO3 text, or None (its text is kept; reported)."""
        report = self.report
        file_results = self.files.results
        link = typolink_of(href)
        if link is None:
            lowered = href.lower()
            if lowered.startswith(("http://", "https://", "mailto:", "tel:", "ftp://")):
                return ("url", href)
            path = re.match(r"/?fileadmin/([^?#]+)", href)
            if path:
                file_uid = self.files.path_files.get((1, "/" + path.group(1)))
                document = file_results.get(file_uid, {}).get("document") if file_uid else None
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
            document = file_results.get(link.uid, {}).get("document")
            if document:
                return ("document", document)
            if file_results.get(link.uid) == {}:  # the file's own problem is reported
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
        home = self.news_index.get_parent()
        path = home.url_path + (slug + "/" if slug else "")
        return Page.objects.filter(url_path=path).values_list("pk", flat=True).first()

    def resolve_image(self, node):
        """(image id, caption) for an <img> in a text: TYPO3's data-htmlarea-file-uid or a fileadmin path."""
        file_results = self.files.results
        uid = node.get("data-htmlarea-file-uid")
        file_uid = int(uid) if uid and uid.isdigit() else None
        src = node.get("src") or ""
        if file_uid is None:
            path = re.match(r"/?fileadmin/([^?#]+)", src)
            if path:
                file_uid = self.files.path_files.get((1, "/" + path.group(1)))
        image = file_results.get(file_uid, {}).get("image") if file_uid else None
        if image is None and file_uid in file_results and not file_results[file_uid]:
            return None, ""  # the file's own problem was reported
        if image is None:
            self.report.problem("image in the text not imported", src or str(file_uid))
            return None, ""
        return image, (node.get("title") or "").strip()
