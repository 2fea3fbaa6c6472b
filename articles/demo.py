"""Demo content of the articles app: topics, the news index, statements, press releases, publications.

The statement on the state's integration programme is built on the facts of the seed page (a demand to
raise the programme "WIR" to at least 12 million euros, adopted by the social committee in Dreieich on
2 March 2016); its text is our own.
"""

import datetime

from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.images import get_image_model

from home.demo import ensure_index_page, locales
from home.media import make_image_file, make_pdf_file
from home.text import german_slug
from home.translation import translate

from .models import ArticleDownload, ArticleIndexPage, ArticleKind, ArticlePage, Topic

TOPICS = [
    # German name, slug, description, English name, English slug, English description
    (
        "Soziales",
        "soziales",
        "Sozialhilfe, Integration, Jugend und Familie.",
        "Social affairs",
        "social-affairs",
        "Social assistance, integration, youth and family.",
    ),
    (
        "Finanzen",
        "finanzen",
        "Kommunalfinanzen, Finanzausgleich und Steuern.",
        "Finance",
        "finance",
        "Municipal finance, fiscal equalisation and taxes.",
    ),
    (
        "Schule und Kultur",
        "schule-und-kultur",
        "Schulträgerschaft, Bildung und Kultur in den Städten.",
        "Schools and culture",
        "schools-and-culture",
        "Running schools, education and culture in the cities.",
    ),
    (
        "Umwelt, Bau und Planung",
        "umwelt-bau-und-planung",
        "Stadtentwicklung, Klimaschutz und Mobilität.",
        "Environment, building and planning",
        "environment-building-and-planning",
        "Urban development, climate protection and mobility.",
    ),
    (
        "Personal",
        "personal",
        "Dienstrecht und Personalgewinnung in den Verwaltungen.",
        "Personnel",
        "personnel",
        "Civil service law and recruitment in the administrations.",
    ),
    (
        "Digitalisierung",
        "digitalisierung",
        "Digitale Verwaltung und IT-Sicherheit.",
        "Digitalisation",
        "digitalisation",
        "Digital administration and IT security.",
    ),
    (
        "Recht",
        "recht",
        "Kommunalverfassung und Ordnungsrecht.",
        "Law",
        "law",
        "Municipal constitution and public order law.",
    ),
    (
        "Städtetag",
        "staedtetag",
        "Der Verband, seine Gremien und seine Arbeit.",
        "The association",
        "the-association",
        "The association, its bodies and its work.",
    ),
]

INDEX = (
    "Aktuelles",
    "aktuelles",
    "Stellungnahmen, Pressemitteilungen und Veröffentlichungen des Städtetages.",
    "News",
    "news",
    "Policy statements, press releases and publications of the association.",
)


def P(de, en):
    return {"de": de, "en": en}


ARTICLES = [
    {
        "kind": ArticleKind.STATEMENT,
        "date": datetime.date(2016, 3, 2),
        "topics": ["soziales"],
        "image": ("Sitzung des Sozialausschusses", "Blick in einen Sitzungssaal", (120, 60, 40)),
        "title": P(
            "Städte fordern mindestens 12 Millionen Euro für das Landesprogramm „WIR“",
            "Cities call for at least 12 million euros for the state programme “WIR”",
        ),
        "teaser": P(
            "Der Sozialausschuss hat in Dreieich beraten: Das Landesprogramm „WIR“ soll auf mindestens "
            "12 Millionen Euro wachsen, und die „Soziale Stadt“ soll weiterentwickelt werden.",
            "Meeting in Dreieich, the social affairs committee asks for the state programme “WIR” to grow "
            "to at least 12 million euros and for the “Social City” programme to be developed further.",
        ),
        "body": [
            (
                "paragraph",
                P(
                    "Integration entscheidet sich vor Ort. Der Ausschuss für Soziales und Integration hat bei "
                    "seiner Sitzung in Dreieich deutlich gemacht, dass die Städte dafür mehr Unterstützung brauchen.",
                    "Integration succeeds or fails locally. At its meeting in Dreieich the committee on social "
                    "affairs and integration made clear that the cities need more support to make it work.",
                ),
            ),
            (
                "paragraph",
                P(
                    "Bund, Land und Städte tragen gemeinsam Verantwortung. Die zusätzlichen Kosten für Integration "
                    "und soziale Leistungen dürfen nicht allein bei den Kommunen bleiben.",
                    "Federal government, state and cities share the responsibility. The additional cost of "
                    "integration and social services must not be left to the municipalities alone.",
                ),
            ),
            ("heading", P("Vorhandene Programme stärken", "Strengthen existing programmes")),
            (
                "paragraph",
                P(
                    "Statt neue Parallelstrukturen zu schaffen, sollen bewährte Programme ausgebaut werden: "
                    "zuerst gute und aufeinander abgestimmte Angebote zur Sprachförderung.",
                    "Instead of creating new parallel structures, proven programmes should be expanded: "
                    "first of all good, well-coordinated language courses.",
                ),
            ),
            (
                "key_demands",
                {
                    "title": P("Unsere Forderungen", "Our demands"),
                    "demands": [
                        P(
                            "Das Landesprogramm „WIR“ auf mindestens 12 Millionen Euro aufstocken.",
                            "Raise the state programme “WIR” to at least 12 million euros.",
                        ),
                        P(
                            "Das Programm „Soziale Stadt“ weiterentwickeln.",
                            "Develop the “Social City” programme further.",
                        ),
                        P(
                            "Eine Gemeinschaftsinitiative Integration für alle Gemeinden auflegen.",
                            "Launch a joint integration initiative open to all municipalities.",
                        ),
                    ],
                },
            ),
        ],
    },
]

SHORT_ARTICLES = [
    # kind, date, topics, de title, en title, de teaser, en teaser
    (
        ArticleKind.PRESS_RELEASE,
        datetime.date(2016, 5, 12),
        ["finanzen"],
        "Kommunaler Finanzausgleich: Städte verlangen verlässliche Zahlen",
        "Fiscal equalisation: cities demand reliable figures",
        "Die Städte brauchen frühzeitig belastbare Zahlen, um ihre Haushalte planen zu können.",
        "Cities need reliable figures early on to be able to plan their budgets.",
    ),
    (
        ArticleKind.STATEMENT,
        datetime.date(2017, 2, 20),
        ["schule-und-kultur"],
        "Schulbau braucht ein eigenes Förderprogramm",
        "School building needs its own funding programme",
        "Viele Schulgebäude sind sanierungsbedürftig; die Städte schlagen ein mehrjähriges Programm vor.",
        "Many school buildings need renovation; the cities propose a programme over several years.",
    ),
    (
        ArticleKind.PRESS_RELEASE,
        datetime.date(2018, 9, 4),
        ["umwelt-bau-und-planung"],
        "Mehr Wohnraum in den Innenstädten",
        "More housing in city centres",
        "Der Bauausschuss setzt sich für schnellere Verfahren und aktivierbare Flächen ein.",
        "The building committee calls for faster procedures and land that can actually be used.",
    ),
    (
        ArticleKind.STATEMENT,
        datetime.date(2019, 6, 17),
        ["personal"],
        "Fachkräfte für die Verwaltung gewinnen",
        "Attracting skilled staff to the administration",
        "Die Personalamtsleitungen beschreiben, wie Städte als Arbeitgeber attraktiver werden können.",
        "The heads of personnel describe how cities can become more attractive employers.",
    ),
    (
        ArticleKind.PRESS_RELEASE,
        datetime.date(2020, 4, 3),
        ["soziales", "finanzen"],
        "Pandemie: Soforthilfe für die Städte notwendig",
        "Pandemic: immediate aid for the cities needed",
        "Wegbrechende Gewerbesteuer und steigende Sozialausgaben belasten die Haushalte zugleich.",
        "Collapsing business tax revenue and rising social spending strain the budgets at the same time.",
    ),
    (
        ArticleKind.STATEMENT,
        datetime.date(2021, 1, 25),
        ["digitalisierung"],
        "Onlinezugang: Die Städte brauchen gemeinsame Standards",
        "Online access: cities need common standards",
        "Damit digitale Verwaltungsleistungen funktionieren, müssen Land und Städte dieselben Schnittstellen nutzen.",
        "For digital public services to work, state and cities must use the same interfaces.",
    ),
    (
        ArticleKind.PRESS_RELEASE,
        datetime.date(2022, 3, 10),
        ["soziales"],
        "Aufnahme von Geflüchteten: Städte sagen Hilfe zu",
        "Receiving refugees: cities pledge their help",
        "Die Städte sind bereit zu helfen und bitten das Land um schnelle Klarheit bei der Finanzierung.",
        "The cities are ready to help and ask the state for quick clarity on funding.",
    ),
    (
        ArticleKind.STATEMENT,
        datetime.date(2022, 11, 8),
        ["recht"],
        "Änderung der Gemeindeordnung: Ehrenamt stärken",
        "Amending the municipal code: support volunteer councillors",
        "Der Rechtsausschuss begrüßt den Entwurf und schlägt Erleichterungen für ehrenamtliche Mandate vor.",
        "The legal committee welcomes the draft and suggests relief for volunteer councillors.",
    ),
    (
        ArticleKind.PRESS_RELEASE,
        datetime.date(2023, 5, 22),
        ["umwelt-bau-und-planung"],
        "Klimaanpassung in der Stadtplanung verankern",
        "Making climate adaptation part of urban planning",
        "Hitze und Starkregen verlangen neue Antworten; die Städte bitten um dauerhafte Förderung.",
        "Heat and heavy rain call for new answers; the cities ask for lasting funding.",
    ),
    (
        ArticleKind.STATEMENT,
        datetime.date(2024, 2, 14),
        ["schule-und-kultur"],
        "Ganztagsbetreuung an Grundschulen: Finanzierung sichern",
        "All-day primary schooling: secure the funding",
        "Der Rechtsanspruch ab 2026 ist nur zu erfüllen, wenn Bau- und Betriebskosten gedeckt sind.",
        "The legal entitlement from 2026 can only be met if building and running costs are covered.",
    ),
    (
        ArticleKind.PRESS_RELEASE,
        datetime.date(2024, 10, 1),
        ["staedtetag"],
        "Hauptversammlung wählt neues Präsidium",
        "General assembly elects a new executive board",
        "Die Mitgliedsstädte haben ein neues Präsidium gewählt und die Schwerpunkte der nächsten Jahre beraten.",
        "The member cities elected a new executive board and discussed the priorities for the coming years.",
    ),
    (
        ArticleKind.STATEMENT,
        datetime.date(2025, 6, 30),
        ["finanzen"],
        "Haushaltsjahr 2026: Defizite in fast allen Städten",
        "Budget year 2026: deficits in almost every city",
        "Eine Umfrage unter den Kämmereien zeigt, dass kaum eine Stadt ihren Haushalt ausgleichen kann.",
        "A survey of the finance departments shows that hardly any city can balance its budget.",
    ),
    (
        ArticleKind.POSITION_PAPER,
        datetime.date(2025, 9, 15),
        ["digitalisierung", "recht"],
        "Positionspapier: Künstliche Intelligenz in der Verwaltung",
        "Position paper: artificial intelligence in administration",
        "Die Städte beschreiben Chancen und Grenzen von KI und was sie vom Land erwarten.",
        "The cities set out the opportunities and limits of AI and what they expect from the state.",
    ),
]

PUBLICATIONS = [
    (
        datetime.date(2025, 4, 1),
        ["staedtetag"],
        "Jahresbericht 2024",
        "Annual report 2024",
        "Der Jahresbericht fasst die Arbeit der Geschäftsstelle und der Gremien im Jahr 2024 zusammen.",
        "The annual report sums up the work of the head office and the bodies in 2024.",
        "jahresbericht-2024.pdf",
    ),
    (
        datetime.date(2025, 11, 20),
        ["finanzen"],
        "Gemeindefinanzbericht 2025",
        "Municipal finance report 2025",
        "Zahlen und Analysen zur Finanzlage der Städte im Land.",
        "Figures and analyses of the cities' financial situation in the state.",
        "gemeindefinanzbericht-2025.pdf",
    ),
]


def ensure_topics(de, en):
    topics = {}
    for name, slug, description, en_name, en_slug, en_description in TOPICS:
        topic = Topic.objects.filter(locale=de, slug=slug).first()
        if topic is None:
            topic = Topic.objects.create(locale=de, name=name, slug=slug, description=description)
        if not Topic.objects.filter(locale=en, translation_key=topic.translation_key).exists():
            translate(topic, en, {name: en_name, slug: en_slug, description: en_description})
        topics[slug] = topic
    return topics


def _image(title, alt, colour):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image.objects.create(
            title=title,
            alt_text=alt,
            credit="Städtetag",
            file=make_image_file(f"{slugify(title)}.jpg", colour=colour),
        )
    return image


def _document(title, filename, lines):
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document.objects.create(title=title, file=make_pdf_file(filename, title, lines))
    return document


def _body(blocks, strings):
    """StreamField data in German, recording German -> English for every translatable text."""
    data = []
    for block_type, value in blocks:
        if block_type == "paragraph":
            data.append(("paragraph", f"<p>{value['de']}</p>"))
            strings[value["de"]] = value["en"]
        elif block_type == "heading":
            data.append(("heading", {"text": value["de"], "level": "h2"}))
            strings[value["de"]] = value["en"]
        elif block_type == "key_demands":
            data.append(
                (
                    "key_demands",
                    {"title": value["title"]["de"], "demands": [d["de"] for d in value["demands"]]},
                )
            )
            strings[value["title"]["de"]] = value["title"]["en"]
            strings.update({d["de"]: d["en"] for d in value["demands"]})
        elif block_type == "image":
            data.append(("image", {"image": value["image"], "caption": value["caption"]["de"]}))
            strings[value["caption"]["de"]] = value["caption"]["en"]
        elif block_type == "documents":
            data.append(("documents", {"title": value["title"]["de"], "documents": value["documents"]}))
            strings[value["title"]["de"]] = value["title"]["en"]
    return data


def ensure_article(index, en, topics, spec, image=None, downloads=()):
    title = spec["title"]
    slug = german_slug(title["de"])
    article = ArticlePage.objects.child_of(index).filter(slug=slug).first()
    if article is None:
        strings = {}
        article = ArticlePage(
            title=title["de"],
            slug=slug,
            kind=spec["kind"],
            date=spec["date"],
            teaser=spec["teaser"]["de"],
            lead_image=image,
            body=_body(spec.get("body", []), strings),
        )
        article.topics = [topics[slug] for slug in spec["topics"]]
        for document in downloads:
            article.downloads.add(ArticleDownload(document=document))
        index.add_child(instance=article)
        article.save_revision().publish()
    if not ArticlePage.objects.filter(locale=en, translation_key=article.translation_key).exists():
        strings = {
            title["de"]: title["en"],
            slug: slugify(title["en"]),
            spec["teaser"]["de"]: spec["teaser"]["en"],
        }
        _body(spec.get("body", []), strings)
        translate(article, en, strings)
    return article


# The text below each teaser: what the statement says beyond its summary (German, English).
BODIES = {
    "Kommunaler Finanzausgleich: Städte verlangen verlässliche Zahlen": (
        "Die Haushaltspläne entstehen im Herbst. Liegen die Orientierungsdaten des Landes erst im Frühjahr vor, "
        "planen die Kämmereien ins Blaue. Der Städtetag bittet darum, die Zahlen bis Ende September zu veröffentlichen.",
        "Budgets are drawn up in autumn. If the state's guidance figures only arrive in spring, finance departments "
        "plan blind. The association asks for the figures to be published by the end of September.",
    ),
    "Schulbau braucht ein eigenes Förderprogramm": (
        "Zwischen Sanierungsstau und wachsenden Schülerzahlen reichen die allgemeinen Investitionsmittel nicht aus. "
        "Vorgeschlagen wird ein Programm über zehn Jahre mit festen jährlichen Raten.",
        "Between the backlog of repairs and growing pupil numbers, general investment funds are not enough. The "
        "association proposes a ten-year programme with fixed annual instalments.",
    ),
    "Mehr Wohnraum in den Innenstädten": (
        "Leerstehende Geschäftsflächen und Brachen könnten Wohnungen werden, wenn Genehmigungen schneller gehen. "
        "Der Ausschuss nennt fünf Änderungen im Baurecht, die sofort helfen würden.",
        "Empty shops and derelict sites could become homes if permits came faster. The committee names five changes "
        "to building law that would help at once.",
    ),
    "Fachkräfte für die Verwaltung gewinnen": (
        "Bis 2030 geht ein Drittel der Beschäftigten in Ruhestand. Flexible Arbeitszeiten, gezielte Ausbildung und "
        "eine gemeinsame Arbeitgebermarke der Städte sollen den Wechsel auffangen.",
        "By 2030 a third of the staff will retire. Flexible working hours, targeted training and a shared employer "
        "brand of the cities are meant to absorb the change.",
    ),
    "Pandemie: Soforthilfe für die Städte notwendig": (
        "Die Einnahmen fallen, während die Kosten für Gesundheitsämter und Grundsicherung steigen. Der Städtetag "
        "fordert einen Rettungsschirm, der die Ausfälle des laufenden Jahres vollständig ausgleicht.",
        "Revenue falls while the costs of health offices and basic income support rise. The association calls for "
        "a rescue package that fully covers this year's losses.",
    ),
    "Onlinezugang: Die Städte brauchen gemeinsame Standards": (
        "Jede Stadt einzeln kann keine hundert Verfahren digitalisieren. Ein Landesportal mit offenen Schnittstellen "
        "würde es erlauben, Lösungen einmal zu bauen und überall zu nutzen.",
        "No city can digitise a hundred procedures on its own. A state portal with open interfaces would let "
        "solutions be built once and used everywhere.",
    ),
    "Aufnahme von Geflüchteten: Städte sagen Hilfe zu": (
        "Unterkünfte, Sprachkurse und Schulplätze müssen schnell bereitstehen. Die Städte erwarten, dass das Land "
        "die Kosten pro Person vollständig und ohne Verzögerung erstattet.",
        "Housing, language courses and school places must be ready quickly. The cities expect the state to refund "
        "the costs per person in full and without delay.",
    ),
    "Änderung der Gemeindeordnung: Ehrenamt stärken": (
        "Sitzungen am Abend, digitale Teilnahme und eine angemessene Aufwandsentschädigung machen das Mandat "
        "vereinbar mit Beruf und Familie. Diese drei Punkte sollten in das Gesetz.",
        "Evening meetings, taking part online and a fair allowance make a council seat compatible with work and "
        "family. These three points belong in the law.",
    ),
    "Klimaanpassung in der Stadtplanung verankern": (
        "Schattige Plätze, entsiegelte Flächen und Speicher für Regenwasser kosten Geld, das in keinem Haushalt "
        "vorgesehen ist. Nötig ist eine Förderung, die nicht nach zwei Jahren endet.",
        "Shaded squares, unsealed ground and storage for rainwater cost money that no budget provides for. What is "
        "needed is funding that does not end after two years.",
    ),
    "Ganztagsbetreuung an Grundschulen: Finanzierung sichern": (
        "Für Räume, Mensen und Personal fehlen nach Berechnungen der Städte hohe Millionenbeträge. Der Städtetag "
        "schlägt vor, die Betriebskosten dauerhaft zu teilen.",
        "By the cities' calculations, tens of millions are missing for rooms, canteens and staff. The association "
        "proposes sharing the running costs permanently.",
    ),
    "Hauptversammlung wählt neues Präsidium": (
        "Die Delegierten bestätigten die bisherige Präsidentin im Amt. Zu den Schwerpunkten gehören die "
        "Kommunalfinanzen, die Digitalisierung und die Gewinnung von Personal.",
        "The delegates confirmed the president in office. The priorities include municipal finance, "
        "digitalisation and recruiting staff.",
    ),
    "Haushaltsjahr 2026: Defizite in fast allen Städten": (
        "Nur zwei von einundzwanzig Städten erwarten einen ausgeglichenen Haushalt. Hauptursachen sind steigende "
        "Sozialausgaben und Tarifabschlüsse, denen keine neuen Einnahmen gegenüberstehen.",
        "Only two of twenty-one cities expect a balanced budget. The main causes are rising social spending and "
        "pay settlements with no new revenue to match.",
    ),
    "Positionspapier: Künstliche Intelligenz in der Verwaltung": (
        "KI kann Anträge vorsortieren und Texte verständlicher machen; entscheiden müssen Menschen. Das Papier "
        "beschreibt Regeln für Datenschutz, Transparenz und gemeinsame Beschaffung.",
        "AI can pre-sort applications and make texts easier to read; people must make the decisions. The paper "
        "sets out rules for data protection, transparency and joint procurement.",
    ),
}


def load(context):
    de, en = locales()
    topics = ensure_topics(de, en)
    index = ensure_index_page(ArticleIndexPage, context.home_de, en, INDEX)
    main = ARTICLES[0]
    image_title, alt, colour = main["image"]
    ensure_article(index, en, topics, main, image=_image(image_title, alt, colour))
    palette = [(0, 69, 125), (46, 110, 60), (130, 40, 70), (90, 70, 20), (30, 90, 110)]
    for number, (kind, date, topic_slugs, de_title, en_title, de_teaser, en_teaser) in enumerate(
        SHORT_ARTICLES
    ):
        spec = {
            "kind": kind,
            "date": date,
            "topics": topic_slugs,
            "title": P(de_title, en_title),
            "teaser": P(de_teaser, en_teaser),
            "body": [("paragraph", P(*BODIES[de_title]))],
        }
        image = _image(de_title, de_title, palette[number % len(palette)]) if number % 3 == 0 else None
        ensure_article(index, en, topics, spec, image=image)
    for date, topic_slugs, de_title, en_title, de_teaser, en_teaser, filename in PUBLICATIONS:
        document = _document(de_title, filename, [de_teaser, en_teaser])
        spec = {
            "kind": ArticleKind.PUBLICATION,
            "date": date,
            "topics": topic_slugs,
            "title": P(de_title, en_title),
            "teaser": P(de_teaser, en_teaser),
            "body": [("documents", {"title": P("Download", "Download"), "documents": [document]})],
        }
        ensure_article(index, en, topics, spec, downloads=[document])
    context.news_index = index
    context.topics = topics
