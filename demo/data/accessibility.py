"""What German accessibility law asks beyond WCAG, as the demo's office fills it in: the accessibility
statement, the page in Leichte Sprache (Easy Read in English) and the page in sign language."""

from demo.records import Text

# The statement of an association in Hesse (HessBGG, HVBIT), in the demo's own words.
STATEMENT = {
    "title": Text("Erklärung zur Barrierefreiheit", "Accessibility statement"),
    "slug": Text("barrierefreiheit", "accessibility"),
    "scope": Text(
        "Diese Erklärung gilt für die Website des Städtetags mit ihrem Mitgliederbereich. Der Städtetag arbeitet "
        "für öffentliche Stellen und will seine Website nach dem Hessischen Behinderten-Gleichstellungsgesetz "
        "(HessBGG) und der Hessischen Verordnung über barrierefreie Informationstechnik (HVBIT) barrierefrei "
        "zugänglich machen.",
        "This statement covers the website of the Association of Cities with its members' area. The association "
        "works for public bodies and aims to make its website accessible under the Hessian Disability Equality "
        "Act (HessBGG) and the Hessian regulation on accessible information technology (HVBIT).",
    ),
    "conformance_text": Text(
        "Die Anforderungen ergeben sich aus § 3 Absätze 1 bis 4 und § 4 HVBIT; technisch gelten die WCAG 2.1 "
        "auf Stufe AA und die europäische Norm EN 301 549.",
        "The requirements follow from section 3 (1) to (4) and section 4 HVBIT; technically, WCAG 2.1 at level "
        "AA and the European standard EN 301 549 apply.",
    ),
    "non_accessible": [
        {
            "content": Text("Ältere PDF-Dokumente (vor 2021)", "Older PDF documents (before 2021)"),
            "reason": "non_compliance",
            "explanation": Text(
                "Stellungnahmen und Rundschreiben vor 2021 liegen als PDF ohne Struktur vor. Wir ersetzen sie bis "
                "Ende 2027 nach und nach. Auf Anfrage senden wir Ihnen jedes Dokument sofort als barrierefreie "
                "Datei oder als Text.",
                "Statements and circulars before 2021 are PDF files without structure. We are replacing them "
                "step by step until the end of 2027. On request we send you any document at once as an "
                "accessible file or as text.",
            ),
        },
        {
            "content": Text("Aufzeichnungen von Fachtagungen", "Recordings of conferences"),
            "reason": "disproportionate_burden",
            "explanation": Text(
                "Die Aufzeichnungen haben Untertitel, aber keine Audiodeskription. Eine Audiodeskription für "
                "mehrstündige Tagungen wäre eine unverhältnismäßige Belastung; die Folien stehen als "
                "barrierefreie Dokumente daneben.",
                "The recordings have captions but no audio description. An audio description of conferences "
                "lasting several hours would be a disproportionate burden; the slides are available beside them "
                "as accessible documents.",
            ),
        },
    ],
    "assessment_text": Text(
        "Die Geschäftsstelle prüft jede Änderung der Seitenvorlagen automatisch mit axe-core im Browser und "
        "prüft die Bedienung mit Tastatur und Bildschirmleser vierteljährlich von Hand.",
        "The office checks every change to the page templates automatically with axe-core in the browser and "
        "checks keyboard and screen-reader use by hand every quarter.",
    ),
    "feedback_text": Text(
        "Barrieren im Mitgliederbereich melden Sie auf demselben Weg.",
        "Report barriers in the members' area the same way.",
    ),
    "feedback_phone": "0611 1702 0",
    "enforcement_body": "hessen",
    # Days before loading: prepared a year and a half ago, reviewed two months ago.
    "prepared_days_ago": 540,
    "reviewed_days_ago": 60,
}

EASY = {
    "title": Text("Leichte Sprache", "Easy Read"),
    "slug": Text("leichte-sprache", "easy-read"),
    "intro": Text(
        "Hier erklären wir unsere Internet-Seite in Leichter Sprache.",
        "Here we explain our website in Easy Read.",
    ),
    "contents": [
        (
            "sentences",
            [
                Text("Wir sind der Städtetag.", "We are the Association of Cities."),
                Text(
                    "Im Städtetag arbeiten viele Städte zusammen.",
                    "Many cities work together in the association.",
                ),
                Text("Die Städte sind aus Hessen.", "The cities are in Hesse."),
                Text(
                    "Wir sprechen für die Städte mit der Landes-Regierung.",
                    "We speak for the cities with the state government.",
                ),
            ],
        ),
        ("subheading", Text("Das finden Sie hier", "What you find here")),
        (
            "sentences",
            [
                Text("Nachrichten von uns.", "News from us."),
                Text("Die Termine von unseren Gruppen.", "The meetings of our groups."),
                Text("Unsere Meinung zu wichtigen Themen.", "What we think about important topics."),
            ],
        ),
        (
            "glossary",
            {
                "heading": Text("Wörter-Buch", "Word list"),
                "entries": [
                    (
                        Text("Landes-Regierung", "State government"),
                        [
                            Text(
                                "Die Landes-Regierung leitet das Bundes-Land Hessen.",
                                "The state government runs the state of Hesse.",
                            ),
                            Text(
                                "Zur Landes-Regierung gehören der Minister-Präsident und die Minister.",
                                "The Minister-President and the ministers belong to the state government.",
                            ),
                        ],
                    )
                ],
            },
        ),
    ],
    "navigation": [
        (
            "sentences",
            [
                Text("Oben auf jeder Seite ist das Menü.", "At the top of every page is the menu."),
                Text(
                    "Im Menü stehen die Teile von der Internet-Seite.",
                    "The menu lists the parts of the website.",
                ),
                Text("Sie können auch suchen.", "You can also search."),
                Text("Dafür gibt es oben ein Such-Feld.", "There is a search box at the top."),
                Text("Schreiben Sie ein Wort in das Feld.", "Write a word in the box."),
                Text("Dann klicken Sie auf Suchen.", "Then click on Search."),
            ],
        ),
        (
            "sentences",
            [
                Text("Oben rechts steht English.", "At the top right it says Deutsch."),
                Text("Dann ist die Seite auf Englisch.", "Then the page is in German."),
                Text(
                    "Ganz unten auf jeder Seite sind noch mehr Links.",
                    "At the very bottom of every page are more links.",
                ),
            ],
        ),
    ],
    "statement": [
        (
            "sentences",
            [
                Text(
                    "Wir wollen: Alle Menschen können unsere Internet-Seite benutzen.",
                    "We want everyone to be able to use our website.",
                ),
                Text("Das nennt man: barriere-frei.", "This is called: accessible."),
                Text(
                    "Fast alles auf der Seite ist barriere-frei.",
                    "Almost everything on the website is accessible.",
                ),
                Text(
                    "Manche alten Dokumente sind noch nicht barriere-frei.",
                    "Some old documents are not accessible yet.",
                ),
                Text("Wir machen die Dokumente bald besser.", "We will make the documents better soon."),
            ],
        ),
        (
            "sentences",
            [
                Text("Etwas funktioniert für Sie nicht?", "Something does not work for you?"),
                Text("Dann sagen Sie es uns.", "Then tell us."),
                Text(
                    "Unten auf jeder Seite steht: Barriere melden.",
                    "At the bottom of every page it says: Report a barrier.",
                ),
                Text("Dort können Sie uns schreiben.", "There you can write to us."),
                Text("Wir antworten Ihnen in 1 Monat.", "We answer you within 1 month."),
            ],
        ),
        (
            "link:statement",
            Text(
                "Hier ist die ganze Erklärung zur Barriere-Freiheit.",
                "Here is the full accessibility statement.",
            ),
        ),
    ],
    "more": [
        (
            "sentences",
            [
                Text("Es gibt auch Videos in Gebärden-Sprache.", "There are also videos in sign language."),
                Text("Die Videos erklären unsere Internet-Seite.", "The videos explain our website."),
            ],
        ),
        (
            "link:sign",
            Text("Hier sind die Videos in Gebärden-Sprache.", "Here are the videos in sign language."),
        ),
    ],
}

# The sign-language page: each section a short video (made with ffmpeg when it is installed; the
# demo has no signer, so the picture is ffmpeg's test pattern and the captions say what a signer
# would sign) and a few words for those who do not sign.
SIGN = {
    "title": Text("Gebärdensprache", "Sign language"),
    "slug": Text("gebaerdensprache", "sign-language"),
    "intro": Text(
        "Informationen über diese Website in Deutscher Gebärdensprache (DGS).",
        "Information about this website in German Sign Language (DGS).",
    ),
    "sections": {
        "contents": (
            Text("Was auf dieser Website steht", "What is on this website"),
            Text(
                "Der Städtetag stellt seine Stellungnahmen, Pressemitteilungen und die Termine seiner Gremien vor.",
                "The association presents its statements, press releases and the meetings of its committees.",
            ),
        ),
        "navigation": (
            Text("So finden Sie sich zurecht", "Finding your way"),
            Text(
                "Oben finden Sie das Menü, die Suche und den Wechsel ins Englische, unten die Kontaktangaben.",
                "At the top you find the menu, the search and the switch to German; at the bottom the contact details.",
            ),
        ),
        "statement": (
            Text("Barrierefreiheit in Kürze", "Accessibility in brief"),
            Text(
                "Fast alle Inhalte sind barrierefrei. Barrieren melden Sie über „Barriere melden“ unten auf jeder Seite.",
                "Almost all content is accessible. Report barriers with “Report a barrier” at the bottom of every page.",
            ),
        ),
        "more": (
            Text("Weitere Angebote", "More"),
            Text(
                "Informationen in Leichter Sprache finden Sie oben auf jeder Seite.",
                "Information in Easy Read is at the top of every page.",
            ),
        ),
    },
    "no_video": Text(
        "Die Videos in Gebärdensprache sind in Vorbereitung.",
        "The videos in sign language are being prepared.",
    ),
    "video_title": "Städtetag in Gebärdensprache: {heading}",
}
