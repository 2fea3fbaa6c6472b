"""Topics, statements, press releases and publications.

The statement on the state's integration programme is built on the facts of the seed page (a demand to
raise the programme "WIR" to at least 12 million euros, adopted by the social committee in Dreieich on
2 March 2016); its text is our own.
"""

import datetime

from articles.models import ArticleKind
from demo.records import (
    Article,
    Downloads,
    Heading,
    Image,
    IndexPage,
    KeyDemands,
    Paragraph,
    Publication,
    Text,
    Topic,
)

TOPICS = [
    Topic(
        name=Text("Soziales", "Social affairs"),
        slug=Text("soziales", "social-affairs"),
        description=Text(
            "Sozialhilfe, Integration, Jugend und Familie.",
            "Social assistance, integration, youth and family.",
        ),
    ),
    Topic(
        name=Text("Finanzen", "Finance"),
        slug=Text("finanzen", "finance"),
        description=Text(
            "Kommunalfinanzen, Finanzausgleich und Steuern.",
            "Municipal finance, fiscal equalisation and taxes.",
        ),
    ),
    Topic(
        name=Text("Schule und Kultur", "Schools and culture"),
        slug=Text("schule-und-kultur", "schools-and-culture"),
        description=Text(
            "Schulträgerschaft, Bildung und Kultur in den Städten.",
            "Running schools, education and culture in the cities.",
        ),
    ),
    Topic(
        name=Text("Umwelt, Bau und Planung", "Environment, building and planning"),
        slug=Text("umwelt-bau-und-planung", "environment-building-and-planning"),
        description=Text(
            "Stadtentwicklung, Klimaschutz und Mobilität.",
            "Urban development, climate protection and mobility.",
        ),
    ),
    Topic(
        name=Text("Personal", "Personnel"),
        slug=Text("personal", "personnel"),
        description=Text(
            "Dienstrecht und Personalgewinnung in den Verwaltungen.",
            "Civil service law and recruitment in the administrations.",
        ),
    ),
    Topic(
        name=Text("Digitalisierung", "Digitalisation"),
        slug=Text("digitalisierung", "digitalisation"),
        description=Text("Digitale Verwaltung und IT-Sicherheit.", "Digital administration and IT security."),
    ),
    Topic(
        name=Text("Recht", "Law"),
        slug=Text("recht", "law"),
        description=Text(
            "Kommunalverfassung und Ordnungsrecht.", "Municipal constitution and public order law."
        ),
    ),
    Topic(
        name=Text("Städtetag", "The association"),
        slug=Text("staedtetag", "the-association"),
        description=Text(
            "Der Verband, seine Gremien und seine Arbeit.", "The association, its bodies and its work."
        ),
    ),
]

INDEX = IndexPage(
    title=Text("Aktuelles", "News"),
    slug=Text("aktuelles", "news"),
    intro=Text(
        "Stellungnahmen, Pressemitteilungen und Veröffentlichungen des Städtetages.",
        "Policy statements, press releases and publications of the association.",
    ),
)

ARTICLES = [
    Article(
        kind=ArticleKind.STATEMENT,
        date=datetime.date(2016, 3, 2),
        topics=("soziales",),
        title=Text(
            "Städte fordern mindestens 12 Millionen Euro für das Landesprogramm „WIR“",
            "Cities call for at least 12 million euros for the state programme “WIR”",
        ),
        teaser=Text(
            "Der Sozialausschuss hat in Dreieich beraten: Das Landesprogramm „WIR“ soll auf mindestens 12 Millionen Euro wachsen, und die „Soziale Stadt“ soll weiterentwickelt werden.",
            "Meeting in Dreieich, the social affairs committee asks for the state programme “WIR” to grow to at least 12 million euros and for the “Social City” programme to be developed further.",
        ),
        body=(
            Paragraph(
                Text(
                    "Integration entscheidet sich vor Ort. Der Ausschuss für Soziales und Integration hat bei seiner Sitzung in Dreieich deutlich gemacht, dass die Städte dafür mehr Unterstützung brauchen.",
                    "Integration succeeds or fails locally. At its meeting in Dreieich the committee on social affairs and integration made clear that the cities need more support to make it work.",
                )
            ),
            Paragraph(
                Text(
                    "Bund, Land und Städte tragen gemeinsam Verantwortung. Die zusätzlichen Kosten für Integration und soziale Leistungen dürfen nicht allein bei den Kommunen bleiben.",
                    "Federal government, state and cities share the responsibility. The additional cost of integration and social services must not be left to the municipalities alone.",
                )
            ),
            Heading(Text("Vorhandene Programme stärken", "Strengthen existing programmes")),
            Paragraph(
                Text(
                    "Statt neue Parallelstrukturen zu schaffen, sollen bewährte Programme ausgebaut werden: zuerst gute und aufeinander abgestimmte Angebote zur Sprachförderung.",
                    "Instead of creating new parallel structures, proven programmes should be expanded: first of all good, well-coordinated language courses.",
                )
            ),
            KeyDemands(
                title=Text("Unsere Forderungen", "Our demands"),
                demands=(
                    Text(
                        "Das Landesprogramm „WIR“ auf mindestens 12 Millionen Euro aufstocken.",
                        "Raise the state programme “WIR” to at least 12 million euros.",
                    ),
                    Text(
                        "Das Programm „Soziale Stadt“ weiterentwickeln.",
                        "Develop the “Social City” programme further.",
                    ),
                    Text(
                        "Eine Gemeinschaftsinitiative Integration für alle Gemeinden auflegen.",
                        "Launch a joint integration initiative open to all municipalities.",
                    ),
                ),
            ),
        ),
        image=Image("Sitzung des Sozialausschusses", "Blick in einen Sitzungssaal", (120, 60, 40)),
    ),
    Article(
        kind=ArticleKind.PRESS_RELEASE,
        date=datetime.date(2016, 5, 12),
        topics=("finanzen",),
        title=Text(
            "Kommunaler Finanzausgleich: Städte verlangen verlässliche Zahlen",
            "Fiscal equalisation: cities demand reliable figures",
        ),
        teaser=Text(
            "Die Städte brauchen frühzeitig belastbare Zahlen, um ihre Haushalte planen zu können.",
            "Cities need reliable figures early on to be able to plan their budgets.",
        ),
        body=(
            Paragraph(
                Text(
                    "Die Haushaltspläne entstehen im Herbst. Liegen die Orientierungsdaten des Landes erst im Frühjahr vor, planen die Kämmereien ins Blaue. Der Städtetag bittet darum, die Zahlen bis Ende September zu veröffentlichen.",
                    "Budgets are drawn up in autumn. If the state's guidance figures only arrive in spring, finance departments plan blind. The association asks for the figures to be published by the end of September.",
                )
            ),
        ),
        image=Image(
            "Kommunaler Finanzausgleich: Städte verlangen verlässliche Zahlen",
            "Kommunaler Finanzausgleich: Städte verlangen verlässliche Zahlen",
            (0, 69, 125),
        ),
    ),
    Article(
        kind=ArticleKind.STATEMENT,
        date=datetime.date(2017, 2, 20),
        topics=("schule-und-kultur",),
        title=Text(
            "Schulbau braucht ein eigenes Förderprogramm", "School building needs its own funding programme"
        ),
        teaser=Text(
            "Viele Schulgebäude sind sanierungsbedürftig; die Städte schlagen ein mehrjähriges Programm vor.",
            "Many school buildings need renovation; the cities propose a programme over several years.",
        ),
        body=(
            Paragraph(
                Text(
                    "Zwischen Sanierungsstau und wachsenden Schülerzahlen reichen die allgemeinen Investitionsmittel nicht aus. Vorgeschlagen wird ein Programm über zehn Jahre mit festen jährlichen Raten.",
                    "Between the backlog of repairs and growing pupil numbers, general investment funds are not enough. The association proposes a ten-year programme with fixed annual instalments.",
                )
            ),
        ),
    ),
    Article(
        kind=ArticleKind.PRESS_RELEASE,
        date=datetime.date(2018, 9, 4),
        topics=("umwelt-bau-und-planung",),
        title=Text("Mehr Wohnraum in den Innenstädten", "More housing in city centres"),
        teaser=Text(
            "Der Bauausschuss setzt sich für schnellere Verfahren und aktivierbare Flächen ein.",
            "The building committee calls for faster procedures and land that can actually be used.",
        ),
        body=(
            Paragraph(
                Text(
                    "Leerstehende Geschäftsflächen und Brachen könnten Wohnungen werden, wenn Genehmigungen schneller gehen. Der Ausschuss nennt fünf Änderungen im Baurecht, die sofort helfen würden.",
                    "Empty shops and derelict sites could become homes if permits came faster. The committee names five changes to building law that would help at once.",
                )
            ),
        ),
    ),
    Article(
        kind=ArticleKind.STATEMENT,
        date=datetime.date(2019, 6, 17),
        topics=("personal",),
        title=Text(
            "Fachkräfte für die Verwaltung gewinnen", "Attracting skilled staff to the administration"
        ),
        teaser=Text(
            "Die Personalamtsleitungen beschreiben, wie Städte als Arbeitgeber attraktiver werden können.",
            "The heads of personnel describe how cities can become more attractive employers.",
        ),
        body=(
            Paragraph(
                Text(
                    "Bis 2030 geht ein Drittel der Beschäftigten in Ruhestand. Flexible Arbeitszeiten, gezielte Ausbildung und eine gemeinsame Arbeitgebermarke der Städte sollen den Wechsel auffangen.",
                    "By 2030 a third of the staff will retire. Flexible working hours, targeted training and a shared employer brand of the cities are meant to absorb the change.",
                )
            ),
        ),
        image=Image(
            "Fachkräfte für die Verwaltung gewinnen", "Fachkräfte für die Verwaltung gewinnen", (90, 70, 20)
        ),
    ),
    Article(
        kind=ArticleKind.PRESS_RELEASE,
        date=datetime.date(2020, 4, 3),
        topics=("soziales", "finanzen"),
        title=Text(
            "Pandemie: Soforthilfe für die Städte notwendig", "Pandemic: immediate aid for the cities needed"
        ),
        teaser=Text(
            "Wegbrechende Gewerbesteuer und steigende Sozialausgaben belasten die Haushalte zugleich.",
            "Collapsing business tax revenue and rising social spending strain the budgets at the same time.",
        ),
        body=(
            Paragraph(
                Text(
                    "Die Einnahmen fallen, während die Kosten für Gesundheitsämter und Grundsicherung steigen. Der Städtetag fordert einen Rettungsschirm, der die Ausfälle des laufenden Jahres vollständig ausgleicht.",
                    "Revenue falls while the costs of health offices and basic income support rise. The association calls for a rescue package that fully covers this year's losses.",
                )
            ),
        ),
    ),
    Article(
        kind=ArticleKind.STATEMENT,
        date=datetime.date(2021, 1, 25),
        topics=("digitalisierung",),
        title=Text(
            "Onlinezugang: Die Städte brauchen gemeinsame Standards",
            "Online access: cities need common standards",
        ),
        teaser=Text(
            "Damit digitale Verwaltungsleistungen funktionieren, müssen Land und Städte dieselben Schnittstellen nutzen.",
            "For digital public services to work, state and cities must use the same interfaces.",
        ),
        body=(
            Paragraph(
                Text(
                    "Jede Stadt einzeln kann keine hundert Verfahren digitalisieren. Ein Landesportal mit offenen Schnittstellen würde es erlauben, Lösungen einmal zu bauen und überall zu nutzen.",
                    "No city can digitise a hundred procedures on its own. A state portal with open interfaces would let solutions be built once and used everywhere.",
                )
            ),
        ),
    ),
    Article(
        kind=ArticleKind.PRESS_RELEASE,
        date=datetime.date(2022, 3, 10),
        topics=("soziales",),
        title=Text(
            "Aufnahme von Geflüchteten: Städte sagen Hilfe zu", "Receiving refugees: cities pledge their help"
        ),
        teaser=Text(
            "Die Städte sind bereit zu helfen und bitten das Land um schnelle Klarheit bei der Finanzierung.",
            "The cities are ready to help and ask the state for quick clarity on funding.",
        ),
        body=(
            Paragraph(
                Text(
                    "Unterkünfte, Sprachkurse und Schulplätze müssen schnell bereitstehen. Die Städte erwarten, dass das Land die Kosten pro Person vollständig und ohne Verzögerung erstattet.",
                    "Housing, language courses and school places must be ready quickly. The cities expect the state to refund the costs per person in full and without delay.",
                )
            ),
        ),
        image=Image(
            "Aufnahme von Geflüchteten: Städte sagen Hilfe zu",
            "Aufnahme von Geflüchteten: Städte sagen Hilfe zu",
            (46, 110, 60),
        ),
    ),
    Article(
        kind=ArticleKind.STATEMENT,
        date=datetime.date(2022, 11, 8),
        topics=("recht",),
        title=Text(
            "Änderung der Gemeindeordnung: Ehrenamt stärken",
            "Amending the municipal code: support volunteer councillors",
        ),
        teaser=Text(
            "Der Rechtsausschuss begrüßt den Entwurf und schlägt Erleichterungen für ehrenamtliche Mandate vor.",
            "The legal committee welcomes the draft and suggests relief for volunteer councillors.",
        ),
        body=(
            Paragraph(
                Text(
                    "Sitzungen am Abend, digitale Teilnahme und eine angemessene Aufwandsentschädigung machen das Mandat vereinbar mit Beruf und Familie. Diese drei Punkte sollten in das Gesetz.",
                    "Evening meetings, taking part online and a fair allowance make a council seat compatible with work and family. These three points belong in the law.",
                )
            ),
        ),
    ),
    Article(
        kind=ArticleKind.PRESS_RELEASE,
        date=datetime.date(2023, 5, 22),
        topics=("umwelt-bau-und-planung",),
        title=Text(
            "Klimaanpassung in der Stadtplanung verankern", "Making climate adaptation part of urban planning"
        ),
        teaser=Text(
            "Hitze und Starkregen verlangen neue Antworten; die Städte bitten um dauerhafte Förderung.",
            "Heat and heavy rain call for new answers; the cities ask for lasting funding.",
        ),
        body=(
            Paragraph(
                Text(
                    "Schattige Plätze, entsiegelte Flächen und Speicher für Regenwasser kosten Geld, das in keinem Haushalt vorgesehen ist. Nötig ist eine Förderung, die nicht nach zwei Jahren endet.",
                    "Shaded squares, unsealed ground and storage for rainwater cost money that no budget provides for. What is needed is funding that does not end after two years.",
                )
            ),
        ),
    ),
    Article(
        kind=ArticleKind.STATEMENT,
        date=datetime.date(2024, 2, 14),
        topics=("schule-und-kultur",),
        title=Text(
            "Ganztagsbetreuung an Grundschulen: Finanzierung sichern",
            "All-day primary schooling: secure the funding",
        ),
        teaser=Text(
            "Der Rechtsanspruch ab 2026 ist nur zu erfüllen, wenn Bau- und Betriebskosten gedeckt sind.",
            "The legal entitlement from 2026 can only be met if building and running costs are covered.",
        ),
        body=(
            Paragraph(
                Text(
                    "Für Räume, Mensen und Personal fehlen nach Berechnungen der Städte hohe Millionenbeträge. Der Städtetag schlägt vor, die Betriebskosten dauerhaft zu teilen.",
                    "By the cities' calculations, tens of millions are missing for rooms, canteens and staff. The association proposes sharing the running costs permanently.",
                )
            ),
        ),
        image=Image(
            "Ganztagsbetreuung an Grundschulen: Finanzierung sichern",
            "Ganztagsbetreuung an Grundschulen: Finanzierung sichern",
            (30, 90, 110),
        ),
    ),
    Article(
        kind=ArticleKind.PRESS_RELEASE,
        date=datetime.date(2024, 10, 1),
        topics=("staedtetag",),
        title=Text("Hauptversammlung wählt neues Präsidium", "General assembly elects a new executive board"),
        teaser=Text(
            "Die Mitgliedsstädte haben ein neues Präsidium gewählt und die Schwerpunkte der nächsten Jahre beraten.",
            "The member cities elected a new executive board and discussed the priorities for the coming years.",
        ),
        body=(
            Paragraph(
                Text(
                    "Die Delegierten bestätigten die bisherige Präsidentin im Amt. Zu den Schwerpunkten gehören die Kommunalfinanzen, die Digitalisierung und die Gewinnung von Personal.",
                    "The delegates confirmed the president in office. The priorities include municipal finance, digitalisation and recruiting staff.",
                )
            ),
        ),
    ),
    Article(
        kind=ArticleKind.STATEMENT,
        date=datetime.date(2025, 6, 30),
        topics=("finanzen",),
        title=Text(
            "Haushaltsjahr 2026: Defizite in fast allen Städten",
            "Budget year 2026: deficits in almost every city",
        ),
        teaser=Text(
            "Eine Umfrage unter den Kämmereien zeigt, dass kaum eine Stadt ihren Haushalt ausgleichen kann.",
            "A survey of the finance departments shows that hardly any city can balance its budget.",
        ),
        body=(
            Paragraph(
                Text(
                    "Nur zwei von einundzwanzig Städten erwarten einen ausgeglichenen Haushalt. Hauptursachen sind steigende Sozialausgaben und Tarifabschlüsse, denen keine neuen Einnahmen gegenüberstehen.",
                    "Only two of twenty-one cities expect a balanced budget. The main causes are rising social spending and pay settlements with no new revenue to match.",
                )
            ),
        ),
    ),
    Article(
        kind=ArticleKind.POSITION_PAPER,
        date=datetime.date(2025, 9, 15),
        topics=("digitalisierung", "recht"),
        title=Text(
            "Positionspapier: Künstliche Intelligenz in der Verwaltung",
            "Position paper: artificial intelligence in administration",
        ),
        teaser=Text(
            "Die Städte beschreiben Chancen und Grenzen von KI und was sie vom Land erwarten.",
            "The cities set out the opportunities and limits of AI and what they expect from the state.",
        ),
        body=(
            Paragraph(
                Text(
                    "KI kann Anträge vorsortieren und Texte verständlicher machen; entscheiden müssen Menschen. Das Papier beschreibt Regeln für Datenschutz, Transparenz und gemeinsame Beschaffung.",
                    "AI can pre-sort applications and make texts easier to read; people must make the decisions. The paper sets out rules for data protection, transparency and joint procurement.",
                )
            ),
        ),
        image=Image(
            "Positionspapier: Künstliche Intelligenz in der Verwaltung",
            "Positionspapier: Künstliche Intelligenz in der Verwaltung",
            (130, 40, 70),
        ),
    ),
    Article(
        kind=ArticleKind.PUBLICATION,
        date=datetime.date(2025, 4, 1),
        topics=("staedtetag",),
        title=Text("Jahresbericht 2024", "Annual report 2024"),
        teaser=Text(
            "Der Jahresbericht fasst die Arbeit der Geschäftsstelle und der Gremien im Jahr 2024 zusammen.",
            "The annual report sums up the work of the head office and the bodies in 2024.",
        ),
        body=(Downloads(Text("Download", "Download")),),
        publication=Publication(
            "Jahresbericht 2024",
            "jahresbericht-2024.pdf",
            (
                "Der Jahresbericht fasst die Arbeit der Geschäftsstelle und der Gremien im Jahr 2024 zusammen.",
                "The annual report sums up the work of the head office and the bodies in 2024.",
            ),
        ),
    ),
    Article(
        kind=ArticleKind.PUBLICATION,
        date=datetime.date(2025, 11, 20),
        topics=("finanzen",),
        title=Text("Gemeindefinanzbericht 2025", "Municipal finance report 2025"),
        teaser=Text(
            "Zahlen und Analysen zur Finanzlage der Städte im Land.",
            "Figures and analyses of the cities' financial situation in the state.",
        ),
        body=(Downloads(Text("Download", "Download")),),
        publication=Publication(
            "Gemeindefinanzbericht 2025",
            "gemeindefinanzbericht-2025.pdf",
            (
                "Zahlen und Analysen zur Finanzlage der Städte im Land.",
                "Figures and analyses of the cities' financial situation in the state.",
            ),
        ),
    ),
]
