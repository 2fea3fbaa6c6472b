"""TYPO3's rich text (RTE HTML) as the blocks of an article's body.

TYPO3 stores what its editor (CKEditor, before it htmlArea) wrote: paragraphs, headings, lists,
tables, quotes, images and links in TYPO3's own form (t3://page?uid=12, t3://file?uid=7,
t3://record?identifier=tx_news&uid=3; in texts from before TYPO3 8 `<link 12>` tags and lines
without <p>, which TYPO3's output made paragraphs). The article body is a StreamField: text with
the paragraph block's features, headings, tables, quotes and images are blocks of their own. The
HTML is read with BeautifulSoup and each paragraph cleaned by Wagtail's own converter for the
paragraph block's features, so that what is stored is what Wagtail's editor would store.

Links are resolved by the caller's `resolver`, which knows what was imported; a link it cannot
resolve keeps its text and is reported. No t3:// address survives.
"""

import html
import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from .typo3 import parse_typolink

# The paragraph block's features (articles.blocks.PARAGRAPH_FEATURES), given to Wagtail's converter.
INLINE = {
    "a",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "s",
    "strike",
    "del",
    "ins",
    "sup",
    "sub",
    "span",
    "abbr",
    "acronym",
    "cite",
    "code",
    "kbd",
    "q",
    "small",
    "big",
    "mark",
    "time",
    "var",
    "font",
    "br",
    "label",
    "dfn",
    "samp",
    "tt",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CONTAINERS = {
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "nav",
    "center",
    "body",
    "html",
    "form",
    "fieldset",
}
PARAGRAPHS = {"p", "address", "pre", "dt", "dd", "caption", "figcaption", "summary", "legend"}
DROPPED = {
    "script",
    "style",
    "noscript",
    "head",
    "title",
    "meta",
    "input",
    "button",
    "select",
    "textarea",
    "hr",
    "colgroup",
    "col",
    "map",
    "area",
}
EMBEDS = {"iframe", "object", "embed", "video", "audio", "canvas", "svg"}
LEGACY_LINK = re.compile(r"<link\s+([^>]*)>(.*?)</link>", re.IGNORECASE | re.DOTALL)
SPACE = re.compile(r"\s+")


def legacy_typolink(parameter):
    """The first part of a `<link …>` tag of TYPO3 before version 8 as an address."""
    target = parameter.split()[0] if parameter.split() else ""
    target = target.strip("\"'")
    if target.isdigit() or re.fullmatch(r"\d+#\w*", target):
        uid, _hash, anchor = target.partition("#")
        return f"t3://page?uid={uid}" + (f"#{anchor}" if anchor else "")
    if target.startswith("file:"):
        return f"t3://file?uid={target[5:]}"
    if target.startswith("record:"):
        parts = target.split(":")
        if len(parts) == 3:
            return f"t3://record?identifier={parts[1]}&uid={parts[2]}"
    if "@" in target and "://" not in target and not target.startswith("mailto:"):
        return f"mailto:{target}"
    if "." in target and "://" not in target and not target.startswith(("/", "mailto:", "fileadmin")):
        return f"http://{target}"
    return target


def replace_legacy_links(text):
    return LEGACY_LINK.sub(
        lambda m: f'<a href="{html.escape(legacy_typolink(m.group(1)), quote=True)}">{m.group(2)}</a>', text
    )


def plain(node):
    """The text of a node with its whitespace as a reader sees it."""
    if isinstance(node, NavigableString):
        return SPACE.sub(" ", str(node))
    for br in node.find_all("br"):
        br.replace_with(" ")
    return SPACE.sub(" ", node.get_text(" ")).strip()


class BodyConverter:
    """One record's body text as raw StreamField blocks [(type, value), …]."""

    def __init__(self, resolver, features):
        self.resolver = resolver
        self.converter = EditorHTMLConverter(features=features)
        self.blocks = []
        self.rich = []  # HTML of consecutive paragraphs and lists: one paragraph block
        self.inline = []  # inline nodes outside any paragraph, waiting for the end of their line

    def convert(self, text):
        if not text or not text.strip():
            return []
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        soup = BeautifulSoup(replace_legacy_links(text), "html.parser")
        self.flow(list(soup.contents))
        self.end_line()
        self.end_paragraph()
        return self.blocks

    # The flow of block elements --------------------------------------------------------------

    def flow(self, nodes):
        for node in nodes:
            if isinstance(node, Comment):
                continue
            if isinstance(node, NavigableString):
                # Text outside block elements: each line is a paragraph (TYPO3's parseFunc_RTE).
                lines = str(node).split("\n")
                for number, line in enumerate(lines):
                    if number:
                        self.end_line()
                    if line:
                        self.inline.append(NavigableString(line))
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name.lower()
            if name in INLINE and not node.find(["img", "table", "p", "div", "ul", "ol"] + sorted(HEADINGS)):
                self.inline.append(node)
            elif name in PARAGRAPHS:
                self.end_line()
                self.paragraph(node)
            elif name in CONTAINERS or name in INLINE:
                self.end_line()
                self.flow(list(node.contents))
                self.end_line()
            elif name in HEADINGS:
                self.end_line()
                self.heading(node)
            elif name in ("ul", "ol"):
                self.end_line()
                self.list(node)
            elif name == "dl":
                self.end_line()
                self.flow(list(node.contents))
            elif name == "table":
                self.end_line()
                self.table(node)
            elif name == "blockquote":
                self.end_line()
                self.quote(node)
            elif name == "figure":
                self.end_line()
                self.figure(node)
            elif name == "img":
                self.end_line()
                self.image(node)
            elif name in EMBEDS:
                self.end_line()
                self.resolver.problem(
                    "embedded content", f"<{name}> {node.get('src') or node.get('data') or ''}".strip()
                )
            elif name in DROPPED:
                continue
            else:  # an element HTML does not know: its content counts
                self.inline.append(node)

    def end_line(self):
        if self.inline:
            holder = BeautifulSoup("<p></p>", "html.parser").p
            for node in self.inline:
                holder.append(node.extract() if node.parent else node)
            self.inline = []
            self.paragraph(holder)

    def end_paragraph(self):
        if self.rich:
            self.blocks.append(("paragraph", "".join(self.rich)))
            self.rich = []

    def add_block(self, block_type, value):
        self.end_paragraph()
        self.blocks.append((block_type, value))

    # Text -------------------------------------------------------------------------------------

    def clean(self, node):
        """A paragraph or list as Wagtail stores it, its links resolved."""
        for inner in node.find_all(sorted(DROPPED | EMBEDS)):
            if inner.name in EMBEDS:
                self.resolver.problem(
                    "embedded content",
                    f"<{inner.name}> {inner.get('src') or inner.get('data') or ''}".strip(),
                )
            inner.decompose()
        for anchor in node.find_all("a"):
            self.link(anchor)
        for image in node.find_all("img"):
            image.decompose()
        return self.converter.to_database_format(str(node))

    def paragraph(self, node):
        images = [image.extract() for image in node.find_all("img")]
        node.name = "p"
        node.attrs = {}
        cleaned = self.clean(node)
        if plain(BeautifulSoup(cleaned, "html.parser")):
            self.rich.append(cleaned)
        for image in images:
            self.image(image)

    def list(self, node):
        images = [image.extract() for image in node.find_all("img")]
        for nested in node.find_all(["p", "div"]):
            nested.unwrap()
        for table in node.find_all("table"):
            table.replace_with(plain(table))
        cleaned = self.clean(node)
        if plain(BeautifulSoup(cleaned, "html.parser")):
            self.rich.append(cleaned)
        for image in images:
            self.image(image)

    def heading(self, node):
        for anchor in node.find_all("a"):
            self.link(anchor)  # reported if it points nowhere; a heading is plain text
        text = plain(node)
        if text:
            level = "h2" if node.name.lower() in ("h1", "h2") else "h3"
            self.add_block("heading", {"text": text[:255], "level": level})

    def quote(self, node):
        attribution = ""
        source = node.find(["cite", "footer"])
        if source is not None:
            attribution = plain(source.extract())
        for anchor in node.find_all("a"):
            self.link(anchor)
        for image in node.find_all("img"):
            self.image(image.extract())
        paragraphs = [plain(p) for p in node.find_all("p")] or [plain(node)]
        text = "\n\n".join(p for p in paragraphs if p)
        if text:
            self.add_block("quote", {"text": text, "attribution": attribution[:255]})

    def table(self, node, caption=""):
        caption_node = node.find("caption")
        if caption_node is not None:
            caption = caption or plain(caption_node.extract())
        for anchor in node.find_all("a"):
            href = anchor.get("href", "")
            if self.link(anchor):
                self.resolver.note("link in a table kept as its text", href)
        rows, header_rows = [], 0
        for row in node.find_all("tr"):
            if row.find_parent("table") is not node:
                continue  # a table in a cell is read as that cell's text
            cells = []
            for cell in row.find_all(["td", "th"], recursive=False):
                cells.append(plain(cell))
                try:
                    span = min(int(cell.get("colspan", 1)), 50)
                except ValueError:
                    span = 1
                cells += [""] * (span - 1)
            if not cells:
                continue
            in_head = row.find_parent("thead") is not None
            all_th = all(c.name == "th" for c in row.find_all(["td", "th"], recursive=False))
            if len(rows) == header_rows and (in_head or all_th):
                header_rows += 1
            rows.append(cells)
        if not rows:
            return
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        body = [row for row in node.find_all("tr") if row.find_parent("table") is node][header_rows:]
        first_col = bool(body) and all(
            (row.find(["td", "th"], recursive=False) or Tag(name="td")).name == "th" for row in body
        )
        first_row = header_rows > 0
        if header_rows > 1:  # the table block has one header row: the others become body rows
            self.resolver.note("table with several header rows", caption or rows[0][0])
        choice = {(True, True): "both", (True, False): "row", (False, True): "col"}.get(
            (first_row, first_col), "neither"
        )
        self.add_block(
            "table",
            {
                "data": rows,
                "first_row_is_table_header": first_row,
                "first_col_is_header": first_col,
                "table_header_choice": choice,
                "table_caption": caption[:255],
                "cell": [],
                "mergeCells": [],
            },
        )

    def figure(self, node):
        caption_node = node.find("figcaption")
        caption = plain(caption_node.extract()) if caption_node is not None else ""
        table = node.find("table")
        if table is not None:
            self.table(table, caption)
            return
        images = node.find_all("img")
        for number, image in enumerate(images):
            self.image(image, caption if number == 0 else "")
        if not images and caption:
            self.rich.append(f"<p>{html.escape(caption)}</p>")

    # Links and images -------------------------------------------------------------------------

    def link(self, anchor):
        """Resolve one link in place; False (and its text kept) where it points nowhere."""
        href = (anchor.get("href") or "").strip()
        title = plain(anchor)
        target = self.resolver.resolve_link(href, title) if href and not href.startswith("#") else None
        if target is None:
            anchor.unwrap()
            return False
        kind, value = target
        anchor.attrs = {}
        if kind == "page":
            anchor["data-linktype"] = "page"
            anchor["data-id"] = str(value)
        elif kind == "document":
            anchor["data-linktype"] = "document"
            anchor["data-id"] = str(value)
        else:
            anchor["href"] = value
        return True

    def image(self, node, caption=""):
        image_id, file_caption = self.resolver.resolve_image(node)
        if image_id:
            self.add_block("image", {"image": image_id, "caption": (caption or file_caption or "")[:255]})


def typolink_of(href):
    """A Typolink for t3:// addresses, index.php?id= and tx_news_pi1[news]= links; else None."""
    link = parse_typolink(href)
    if link is not None:
        return link
    match = re.search(r"(?:^|/)index\.php\?([^#]*)", href)
    query = match.group(1) if match else ""
    news = re.search(r"tx_news_pi1(?:\[|%5B)news(?:\]|%5D)=(\d+)", href)
    page = re.search(r"(?:^|[?&])id=(\d+)", query)
    if news:
        return parse_typolink(
            f"t3://page?uid={page.group(1) if page else 0}&tx_news_pi1[news]={news.group(1)}"
        )
    if page:
        return parse_typolink(f"t3://page?uid={page.group(1)}")
    return None
