"""TYPO3's rich text, teasers, credits and addresses as the import reads them (no database needed)."""

import pytest

from typo3_import.importer.text import credit_and_caption, split_teaser
from typo3_import.richtext import BodyConverter, legacy_typolink, typolink_of
from typo3_import.typo3 import DatabaseAddress, Typo3Error, linked_file_uids, parse_typolink, shown_file_uids

FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class Resolver:
    """What the import knows: page 5 is TYPO3 page 3, document 7 is file 4, image 9 is file 6."""

    def __init__(self):
        self.problems, self.notes = [], []

    def resolve_link(self, href, text):
        link = typolink_of(href)
        if link is None:
            return ("url", href)
        if link.news_uid() == 2:
            return ("page", 8)
        if link.kind == "page" and link.uid == 3:
            return ("page", 5)
        if link.kind == "file" and link.uid == 4:
            return ("document", 7)
        self.problems.append(("unknown link", href))
        return None

    def resolve_image(self, node):
        if node.get("data-htmlarea-file-uid") == "6":
            return 9, node.get("title", "")
        self.problems.append(("image", node.get("src")))
        return None, ""

    def problem(self, kind, detail=""):
        self.problems.append((kind, detail))

    def note(self, kind, detail=""):
        self.notes.append((kind, detail))


def convert(text):
    resolver = Resolver()
    return BodyConverter(resolver, FEATURES).convert(text), resolver


def test_paragraphs_lists_and_links_become_one_paragraph_block_in_wagtails_format():
    blocks, resolver = convert(
        '<p class="bodytext">Die Städte fordern <b>mehr</b> „Geld“.</p>\n'
        '<ul><li><a href="t3://page?uid=3" target="_blank">Aktuelles</a></li>'
        '<li><a href="t3://file?uid=4" class="download">Papier</a></li>'
        '<li><a href="t3://record?identifier=tx_news&amp;uid=2">Haushalt</a></li></ul>'
        '<p><a href="t3://page?uid=99">weg</a> und <a href="https://example.org/x?a=1&amp;b=2">extern</a></p>'
    )
    assert blocks == [
        (
            "paragraph",
            "<p>Die Städte fordern <b>mehr</b> „Geld“.</p>"
            '<ul><li><a id="5" linktype="page">Aktuelles</a></li>'
            '<li><a id="7" linktype="document">Papier</a></li>'
            '<li><a id="8" linktype="page">Haushalt</a></li></ul>'
            '<p>weg und <a href="https://example.org/x?a=1&amp;b=2">extern</a></p>',
        )
    ]
    assert resolver.problems == [("unknown link", "t3://page?uid=99")]


def test_text_before_typo3_8_lines_and_link_tags():
    blocks, _resolver = convert(
        "Erste Zeile mit <link 3 - internal-link>Link</link>.\r\nZweite <link file:4>Datei</link>.\r\n"
    )
    assert blocks == [
        (
            "paragraph",
            '<p>Erste Zeile mit <a id="5" linktype="page">Link</a>.</p>'
            '<p>Zweite <a id="7" linktype="document">Datei</a>.</p>',
        )
    ]


def test_headings_tables_quotes_and_images_are_blocks_of_their_own():
    blocks, resolver = convert(
        "<h1>Titel</h1><h4>Klein</h4>"
        "<table><caption>Mittel</caption><thead><tr><th>Jahr</th><th>Land</th></tr></thead>"
        '<tbody><tr><th>2016</th><td><a href="t3://page?uid=3">9,5</a></td></tr>'
        '<tr><td colspan="2">Summe</td></tr></tbody></table>'
        "<blockquote><p>Gemeinsam.</p><footer>Die Präsidentin</footer></blockquote>"
        '<p>Vor dem Bild <img data-htmlarea-file-uid="6" src="fileadmin/x.jpg" title="Der Platz"> nach dem Bild</p>'
        '<iframe src="https://video.example.org/1"></iframe>'
    )
    assert blocks == [
        ("heading", {"text": "Titel", "level": "h2"}),
        ("heading", {"text": "Klein", "level": "h3"}),
        (
            "table",
            {
                "data": [["Jahr", "Land"], ["2016", "9,5"], ["Summe", ""]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_header_choice": "row",
                "table_caption": "Mittel",
                "cell": [],
                "mergeCells": [],
            },
        ),
        ("quote", {"text": "Gemeinsam.", "attribution": "Die Präsidentin"}),
        ("paragraph", "<p>Vor dem Bild  nach dem Bild</p>"),
        ("image", {"image": 9, "caption": "Der Platz"}),
    ]
    assert resolver.notes == [("link in a table kept as its text", "t3://page?uid=3")]
    assert resolver.problems == [("embedded content", "<iframe> https://video.example.org/1")]


def test_nothing_unsafe_survives():
    blocks, _resolver = convert(
        '<p onclick="x()"><a href="javascript:alert(1)">klick</a><script>alert(2)</script><style>p{}</style></p>'
    )
    assert blocks == [("paragraph", "<p><a>klick</a></p>")]


@pytest.mark.parametrize(
    ("parameter", "address"),
    [
        ("12", "t3://page?uid=12"),
        ("12#c34 _blank", "t3://page?uid=12#c34"),
        ("file:7 - download", "t3://file?uid=7"),
        ("record:tx_news:5", "t3://record?identifier=tx_news&uid=5"),
        ("presse@staedtetag.example", "mailto:presse@staedtetag.example"),
        ("www.example.org _blank", "http://www.example.org"),
        ("https://example.org/a", "https://example.org/a"),
    ],
)
def test_link_tags_of_typo3_before_version_8(parameter, address):
    assert legacy_typolink(parameter) == address


def test_typolinks_and_old_news_addresses():
    assert parse_typolink("t3://record?identifier=tx_news&uid=5").news_uid() == 5
    assert parse_typolink("t3://record?identifier=news&uid=6").news_uid() == 6
    assert parse_typolink("t3://record?identifier=address&uid=6").news_uid() == 0
    assert typolink_of("index.php?id=12&tx_news_pi1%5Bnews%5D=7&cHash=1").news_uid() == 7
    assert typolink_of("/index.php?id=12").uid == 12
    assert typolink_of("https://example.org/") is None
    text = '<a href="t3://file?uid=4">a</a> <link file:9>b</link> <img data-htmlarea-file-uid="6">'
    assert linked_file_uids(text) == {4, 9}
    assert shown_file_uids(text) == {6}


def test_teasers_that_are_too_long_are_split_at_a_sentence():
    short = "Kurz."
    assert split_teaser(short) == (short, "")
    sentences = "Erster Satz über die Städte. " * 12 + "Der letzte Satz."
    teaser, rest = split_teaser(sentences)
    assert len(teaser) <= 300 and teaser.endswith("Städte.")
    assert f"{teaser} {rest}" == sentences
    one_long_sentence = "wort " * 100
    teaser, rest = split_teaser(one_long_sentence.strip())
    assert len(teaser) <= 300 and teaser.endswith("…")
    assert rest == one_long_sentence.strip()  # the body opens with the whole teaser


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Foto: HStT",), ("HStT", "")),
        (
            ("Die Präsidentin in Dreieich. Foto: Geschäftsstelle",),
            ("Geschäftsstelle", "Die Präsidentin in Dreieich."),
        ),
        (
            ("Blick auf den Rathausplatz", "© Stadt Wiesbaden"),
            ("Stadt Wiesbaden", "Blick auf den Rathausplatz"),
        ),
        (("Ohne Angabe",), ("", "Ohne Angabe")),
        ((None, None), ("", "")),
    ],
)
def test_credits_are_found_in_description_or_title(texts, expected):
    assert credit_and_caption(*texts) == expected


def test_database_addresses():
    address = DatabaseAddress.parse("mysql://typo3:p%40ss@db.example:3307/site")
    assert (address.user, address.password, address.host, address.port, address.database) == (
        "typo3",
        "p@ss",
        "db.example",
        3307,
        "site",
    )
    assert DatabaseAddress.parse("mariadb://root@127.0.0.1/t").port == 3306
    for wrong in ("postgres://x/y", "mysql://root@localhost", "mysql://root@localhost:port/x"):
        with pytest.raises(Typo3Error):
            DatabaseAddress.parse(wrong)
