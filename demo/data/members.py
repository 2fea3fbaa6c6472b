"""Hessian member cities and their staff, committee seats and about twenty circulars."""

from demo.records import Circular, Organisation, Person, Seat, Text
from members.models import JobFunction, OrganisationKind, Role

ORGANISATIONS = [
    Organisation("Wiesbaden", OrganisationKind.INDEPENDENT_CITY, "wiesbaden.de"),
    Organisation("Frankfurt am Main", OrganisationKind.INDEPENDENT_CITY, "stadt-frankfurt.de"),
    Organisation("Darmstadt", OrganisationKind.INDEPENDENT_CITY, "darmstadt.de"),
    Organisation("Kassel", OrganisationKind.INDEPENDENT_CITY, "kassel.de"),
    Organisation("Offenbach am Main", OrganisationKind.INDEPENDENT_CITY, "offenbach.de"),
    Organisation("Hanau", OrganisationKind.SPECIAL_STATUS, "hanau.de"),
    Organisation("Gießen", OrganisationKind.SPECIAL_STATUS, "giessen.de"),
    Organisation("Marburg", OrganisationKind.SPECIAL_STATUS, "marburg.de"),
    Organisation("Fulda", OrganisationKind.SPECIAL_STATUS, "fulda.de"),
    Organisation("Dreieich", OrganisationKind.TOWN, "dreieich.de"),
    Organisation("Riedstadt", OrganisationKind.TOWN, "riedstadt.de"),
    Organisation("Heppenheim", OrganisationKind.TOWN, "heppenheim.de"),
]

PEOPLE = [
    Person(
        "sozialamt@wiesbaden.de",
        "Sabine",
        "Keller",
        "Wiesbaden",
        JobFunction.SOCIAL_AFFAIRS,
        seats=(Seat("AG Soziales", Role.CHAIR),),
    ),
    Person("kaemmerei@darmstadt.de", "Jonas", "Brandt", "Darmstadt", JobFunction.TREASURER, seats=()),
    Person(
        "sozialamt@kassel.de",
        "Aylin",
        "Demir",
        "Kassel",
        JobFunction.SOCIAL_AFFAIRS,
        seats=(Seat("AG Soziales", Role.MEMBER),),
    ),
    Person(
        "personal@giessen.de",
        "Peter",
        "Lorenz",
        "Gießen",
        JobFunction.HEAD_OF_PERSONNEL,
        seats=(Seat("AG Personalamtsleitungen", Role.CHAIR),),
    ),
    Person(
        "it@fulda.de",
        "Miriam",
        "Schulte",
        "Fulda",
        JobFunction.IT,
        seats=(Seat("AK IT und E-Government", Role.DEPUTY_CHAIR),),
    ),
    Person(
        "buergermeister@dreieich.de",
        "Thomas",
        "Berger",
        "Dreieich",
        JobFunction.MAYOR,
        seats=(Seat("Ausschuss für Soziales und Integration", Role.MEMBER),),
    ),
]
DEMO_LOGINS = ["sozialamt@wiesbaden.de", "kaemmerei@darmstadt.de"]  # in a committee / in none

AREA_TITLE, AREA_SLUG = Text("Mitgliederbereich", "Members' area"), Text("mitglieder", "members")
AREA_INTRO = Text(
    "Rundschreiben, Sitzungsunterlagen und Termine für die Mitgliedsstädte.",
    "Circulars, meeting papers and dates for the member cities.",
)
CIRCULARS_TITLE, CIRCULARS_SLUG = Text("Rundschreiben", "Circulars"), Text("rundschreiben", "circulars")

CIRCULARS = [
    Circular(
        2024,
        12,
        "finanzen",
        "Orientierungsdaten für die Haushalte 2025",
        "Das Land hat die Orientierungsdaten veröffentlicht; die Schlüsselzuweisungen steigen leicht.",
        (
            JobFunction.TREASURER,
            JobFunction.MAYOR,
        ),
    ),
    Circular(
        2024,
        27,
        "soziales",
        "Neue Richtlinie zur Integrationsförderung",
        "Die Richtlinie gilt ab Juli; Anträge sind bis zum 30. September zu stellen.",
        (JobFunction.SOCIAL_AFFAIRS,),
    ),
    Circular(
        2024,
        41,
        "personal",
        "Tarifeinigung im öffentlichen Dienst",
        "Die Tarifparteien haben sich geeinigt; wir fassen die Folgen für die Personalhaushalte zusammen.",
        (
            JobFunction.HEAD_OF_PERSONNEL,
            JobFunction.TREASURER,
        ),
    ),
    Circular(
        2024,
        55,
        "digitalisierung",
        "Onlinezugang: Stand der Landesplattform",
        "Das Land nennt neue Termine für die Anbindung der kommunalen Fachverfahren.",
        (JobFunction.IT,),
    ),
    Circular(
        2024,
        63,
        "schule-und-kultur",
        "Ganztag: Förderaufruf des Landes",
        "Investitionsmittel für den Ausbau der Ganztagsbetreuung können ab sofort beantragt werden.",
        (
            JobFunction.SCHOOLS_CULTURE,
            JobFunction.TREASURER,
        ),
    ),
    Circular(
        2025,
        3,
        "finanzen",
        "Kommunaler Finanzausgleich 2025: erste Berechnungen",
        "Die Modellrechnungen zeigen für die meisten Städte leichte Zuwächse, für einige Rückgänge.",
        (JobFunction.TREASURER,),
    ),
    Circular(
        2025,
        9,
        "umwelt-bau-und-planung",
        "Wärmeplanung: Fristen und Förderung",
        "Städte über 100.000 Einwohnern müssen ihre Wärmeplanung bis Mitte 2026 vorlegen.",
        (JobFunction.BUILDING,),
    ),
    Circular(
        2025,
        18,
        "soziales",
        "Unterbringung Geflüchteter: Kostenerstattung",
        "Das Land erhöht die Pauschalen; die Abrechnung erfolgt künftig vierteljährlich.",
        (
            JobFunction.SOCIAL_AFFAIRS,
            JobFunction.MAYOR,
        ),
    ),
    Circular(
        2025,
        24,
        "recht",
        "Änderung der Gemeindeordnung beschlossen",
        "Der Landtag hat die Novelle verabschiedet; die wichtigsten Änderungen im Überblick.",
        (
            JobFunction.LEGAL,
            JobFunction.MAYOR,
        ),
    ),
    Circular(
        2025,
        31,
        "personal",
        "Fachkräftegewinnung: Ergebnisse der Umfrage",
        "Drei Viertel der Städte melden unbesetzte Stellen, vor allem in Technik und Kitas.",
        (JobFunction.HEAD_OF_PERSONNEL,),
    ),
    Circular(
        2025,
        37,
        "digitalisierung",
        "Künstliche Intelligenz: Handreichung",
        "Die Handreichung beschreibt, wie Städte KI-Anwendungen rechtssicher erproben können.",
        (
            JobFunction.IT,
            JobFunction.LEGAL,
        ),
    ),
    Circular(
        2025,
        46,
        "finanzen",
        "Grundsteuer: Hebesätze nach der Reform",
        "Eine Übersicht der neuen Hebesätze in den Mitgliedsstädten.",
        (JobFunction.TREASURER,),
    ),
    Circular(
        2025,
        52,
        "schule-und-kultur",
        "Schulbau: Sonderprogramm verlängert",
        "Das Sonderprogramm läuft bis 2028; nicht abgerufene Mittel verfallen nicht.",
        (JobFunction.SCHOOLS_CULTURE,),
    ),
    Circular(
        2025,
        60,
        "soziales",
        "Frauenhäuser: neue Finanzierung",
        "Das Land übernimmt künftig einen festen Anteil der Platzkosten.",
        (
            JobFunction.EQUALITY,
            JobFunction.SOCIAL_AFFAIRS,
        ),
    ),
    Circular(
        2026,
        2,
        "finanzen",
        "Haushaltsgenehmigung 2026: Hinweise der Aufsicht",
        "Die Kommunalaufsicht verlangt bei Defiziten einen Konsolidierungsplan über fünf Jahre.",
        (
            JobFunction.TREASURER,
            JobFunction.MAYOR,
        ),
    ),
    Circular(
        2026,
        7,
        "umwelt-bau-und-planung",
        "Starkregenvorsorge: Förderrichtlinie",
        "Gefördert werden Gefährdungsanalysen und bauliche Maßnahmen bis zu 80 Prozent.",
        (JobFunction.BUILDING,),
    ),
    Circular(
        2026,
        13,
        "soziales",
        "Landesprogramm WIR: Aufstockung",
        "Das Programm wird auf 12 Millionen Euro aufgestockt, wie es der Städtetag gefordert hatte.",
        (JobFunction.SOCIAL_AFFAIRS,),
    ),
    Circular(
        2026,
        19,
        "digitalisierung",
        "IT-Sicherheit: Meldepflichten",
        "Neue Meldepflichten bei Sicherheitsvorfällen gelten ab dem kommenden Jahr.",
        (JobFunction.IT,),
    ),
    Circular(
        2026,
        26,
        "personal",
        "Beamtenbesoldung: Anpassung zum 1. Februar",
        "Die Besoldung steigt; die Tabellen liegen diesem Rundschreiben bei.",
        (
            JobFunction.HEAD_OF_PERSONNEL,
            JobFunction.TREASURER,
        ),
    ),
    Circular(
        2026,
        33,
        "recht",
        "Vergaberecht: neue Wertgrenzen",
        "Die Wertgrenzen für freihändige Vergaben werden angehoben.",
        (JobFunction.LEGAL,),
    ),
]

# The AG Soziales' next meeting: its agenda (number, title, public?) with the invitation sent; the
# public decision paper goes with item 3, the members-only draft with item 4 (not public).
NEXT_AGENDA = [
    ("1", Text("Begrüßung und Feststellung der Tagesordnung", "Welcome and adoption of the agenda"), True),
    ("2", Text("Bericht der Geschäftsstelle", "Report of the office"), True),
    (
        "3",
        Text(
            "Kita-Finanzierung: Stand der Gespräche mit dem Land", "Childcare funding: talks with the state"
        ),
        True,
    ),
    ("3.1", Text("Positionspapier der AG zur Kita-Finanzierung", "The working group's position paper"), True),
    ("4", Text("Personalangelegenheiten der Geschäftsstelle", "Staff matters of the office"), False),
    ("5", Text("Verschiedenes", "Any other business"), True),
]
PUBLIC_PAPER = Text("Beschlussvorlage Kita-Finanzierung", "Decision paper on childcare funding")
MEMBERS_PAPER = Text("Entwurf Stellungnahme Kita-Finanzierung (intern)", "Draft statement (internal)")
# The last meeting: its agenda with the results the office entered afterwards.
PAST_AGENDA = [
    ("1", Text("Begrüßung", "Welcome"), True, Text("", "")),
    (
        "2",
        Text(
            "Wohngeldreform: Erfahrungen der Mitgliedsstädte",
            "Housing benefit reform: the cities' experience",
        ),
        True,
        Text("Die AG nimmt den Bericht zur Kenntnis.", "The working group takes note of the report."),
    ),
    ("3", Text("Vertrauliche Vertragsangelegenheit", "Confidential contract matter"), False, Text("", "")),
]
