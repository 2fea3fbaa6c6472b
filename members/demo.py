"""Demo content of the members' half: Hessian member cities and their staff, committee seats, the
members' area with about twenty circulars, and papers for the next meetings. Idempotent.

Two demo member logins (passwords are set by `manage.py dev_admin`, with DEBUG on only):
one seated in the "AG Soziales", one in no committee.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from articles.models import Topic
from calendar_app.models import Committee, EventPage, Occurrence
from home.demo import locales
from home.media import make_pdf_file
from home.translation import translate

from .models import (
    MEMBERS_GROUP,
    OFFICE_GROUP,
    CircularAttachment,
    CircularIndexPage,
    CircularPage,
    CommitteeMembership,
    Function,
    MeetingPaper,
    MemberOrganisation,
    MemberProfile,
    MembersAreaPage,
    OrganisationKind,
    PaperKind,
    Role,
)

ORGANISATIONS = [
    ("Wiesbaden", OrganisationKind.INDEPENDENT_CITY, "wiesbaden.de"),
    ("Frankfurt am Main", OrganisationKind.INDEPENDENT_CITY, "stadt-frankfurt.de"),
    ("Darmstadt", OrganisationKind.INDEPENDENT_CITY, "darmstadt.de"),
    ("Kassel", OrganisationKind.INDEPENDENT_CITY, "kassel.de"),
    ("Offenbach am Main", OrganisationKind.INDEPENDENT_CITY, "offenbach.de"),
    ("Hanau", OrganisationKind.SPECIAL_STATUS, "hanau.de"),
    ("Gießen", OrganisationKind.SPECIAL_STATUS, "giessen.de"),
    ("Marburg", OrganisationKind.SPECIAL_STATUS, "marburg.de"),
    ("Fulda", OrganisationKind.SPECIAL_STATUS, "fulda.de"),
    ("Dreieich", OrganisationKind.TOWN, "dreieich.de"),
    ("Riedstadt", OrganisationKind.TOWN, "riedstadt.de"),
    ("Heppenheim", OrganisationKind.TOWN, "heppenheim.de"),
]

# e-mail, first name, last name, organisation, function, seats (committee name, role)
PEOPLE = [
    (
        "sozialamt@wiesbaden.de",
        "Sabine",
        "Keller",
        "Wiesbaden",
        Function.SOCIAL_AFFAIRS,
        [("AG Soziales", Role.CHAIR)],
    ),
    ("kaemmerei@darmstadt.de", "Jonas", "Brandt", "Darmstadt", Function.TREASURER, []),
    (
        "sozialamt@kassel.de",
        "Aylin",
        "Demir",
        "Kassel",
        Function.SOCIAL_AFFAIRS,
        [("AG Soziales", Role.MEMBER)],
    ),
    (
        "personal@giessen.de",
        "Peter",
        "Lorenz",
        "Gießen",
        Function.HEAD_OF_PERSONNEL,
        [("AG Personalamtsleitungen", Role.CHAIR)],
    ),
    (
        "it@fulda.de",
        "Miriam",
        "Schulte",
        "Fulda",
        Function.IT,
        [("AK IT und E-Government", Role.DEPUTY_CHAIR)],
    ),
    (
        "buergermeister@dreieich.de",
        "Thomas",
        "Berger",
        "Dreieich",
        Function.MAYOR,
        [("Ausschuss für Soziales und Integration", Role.MEMBER)],
    ),
]
DEMO_LOGINS = ["sozialamt@wiesbaden.de", "kaemmerei@darmstadt.de"]  # in a committee / in none

AREA = ("Mitgliederbereich", "mitglieder", "Members' area", "members")
CIRCULARS_INDEX = ("Rundschreiben", "rundschreiben", "Circulars", "circulars")

# year, number, topic slug, title, summary, functions
CIRCULARS = [
    (
        2024,
        12,
        "finanzen",
        "Orientierungsdaten für die Haushalte 2025",
        "Das Land hat die Orientierungsdaten veröffentlicht; die Schlüsselzuweisungen steigen leicht.",
        [Function.TREASURER, Function.MAYOR],
    ),
    (
        2024,
        27,
        "soziales",
        "Neue Richtlinie zur Integrationsförderung",
        "Die Richtlinie gilt ab Juli; Anträge sind bis zum 30. September zu stellen.",
        [Function.SOCIAL_AFFAIRS],
    ),
    (
        2024,
        41,
        "personal",
        "Tarifeinigung im öffentlichen Dienst",
        "Die Tarifparteien haben sich geeinigt; wir fassen die Folgen für die Personalhaushalte zusammen.",
        [Function.HEAD_OF_PERSONNEL, Function.TREASURER],
    ),
    (
        2024,
        55,
        "digitalisierung",
        "Onlinezugang: Stand der Landesplattform",
        "Das Land nennt neue Termine für die Anbindung der kommunalen Fachverfahren.",
        [Function.IT],
    ),
    (
        2024,
        63,
        "schule-und-kultur",
        "Ganztag: Förderaufruf des Landes",
        "Investitionsmittel für den Ausbau der Ganztagsbetreuung können ab sofort beantragt werden.",
        [Function.SCHOOLS_CULTURE, Function.TREASURER],
    ),
    (
        2025,
        3,
        "finanzen",
        "Kommunaler Finanzausgleich 2025: erste Berechnungen",
        "Die Modellrechnungen zeigen für die meisten Städte leichte Zuwächse, für einige Rückgänge.",
        [Function.TREASURER],
    ),
    (
        2025,
        9,
        "umwelt-bau-und-planung",
        "Wärmeplanung: Fristen und Förderung",
        "Städte über 100.000 Einwohnern müssen ihre Wärmeplanung bis Mitte 2026 vorlegen.",
        [Function.BUILDING],
    ),
    (
        2025,
        18,
        "soziales",
        "Unterbringung Geflüchteter: Kostenerstattung",
        "Das Land erhöht die Pauschalen; die Abrechnung erfolgt künftig vierteljährlich.",
        [Function.SOCIAL_AFFAIRS, Function.MAYOR],
    ),
    (
        2025,
        24,
        "recht",
        "Änderung der Gemeindeordnung beschlossen",
        "Der Landtag hat die Novelle verabschiedet; die wichtigsten Änderungen im Überblick.",
        [Function.LEGAL, Function.MAYOR],
    ),
    (
        2025,
        31,
        "personal",
        "Fachkräftegewinnung: Ergebnisse der Umfrage",
        "Drei Viertel der Städte melden unbesetzte Stellen, vor allem in Technik und Kitas.",
        [Function.HEAD_OF_PERSONNEL],
    ),
    (
        2025,
        37,
        "digitalisierung",
        "Künstliche Intelligenz: Handreichung",
        "Die Handreichung beschreibt, wie Städte KI-Anwendungen rechtssicher erproben können.",
        [Function.IT, Function.LEGAL],
    ),
    (
        2025,
        46,
        "finanzen",
        "Grundsteuer: Hebesätze nach der Reform",
        "Eine Übersicht der neuen Hebesätze in den Mitgliedsstädten.",
        [Function.TREASURER],
    ),
    (
        2025,
        52,
        "schule-und-kultur",
        "Schulbau: Sonderprogramm verlängert",
        "Das Sonderprogramm läuft bis 2028; nicht abgerufene Mittel verfallen nicht.",
        [Function.SCHOOLS_CULTURE],
    ),
    (
        2025,
        60,
        "soziales",
        "Frauenhäuser: neue Finanzierung",
        "Das Land übernimmt künftig einen festen Anteil der Platzkosten.",
        [Function.EQUALITY, Function.SOCIAL_AFFAIRS],
    ),
    (
        2026,
        2,
        "finanzen",
        "Haushaltsgenehmigung 2026: Hinweise der Aufsicht",
        "Die Kommunalaufsicht verlangt bei Defiziten einen Konsolidierungsplan über fünf Jahre.",
        [Function.TREASURER, Function.MAYOR],
    ),
    (
        2026,
        7,
        "umwelt-bau-und-planung",
        "Starkregenvorsorge: Förderrichtlinie",
        "Gefördert werden Gefährdungsanalysen und bauliche Maßnahmen bis zu 80 Prozent.",
        [Function.BUILDING],
    ),
    (
        2026,
        13,
        "soziales",
        "Landesprogramm WIR: Aufstockung",
        "Das Programm wird auf 12 Millionen Euro aufgestockt, wie es der Städtetag gefordert hatte.",
        [Function.SOCIAL_AFFAIRS],
    ),
    (
        2026,
        19,
        "digitalisierung",
        "IT-Sicherheit: Meldepflichten",
        "Neue Meldepflichten bei Sicherheitsvorfällen gelten ab dem kommenden Jahr.",
        [Function.IT],
    ),
    (
        2026,
        26,
        "personal",
        "Beamtenbesoldung: Anpassung zum 1. Februar",
        "Die Besoldung steigt; die Tabellen liegen diesem Rundschreiben bei.",
        [Function.HEAD_OF_PERSONNEL, Function.TREASURER],
    ),
    (
        2026,
        33,
        "recht",
        "Vergaberecht: neue Wertgrenzen",
        "Die Wertgrenzen für freihändige Vergaben werden angehoben.",
        [Function.LEGAL],
    ),
]


def ensure_groups():
    members, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
    office, _ = Group.objects.get_or_create(name=OFFICE_GROUP)
    return members, office


def ensure_collection(name, groups):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    restriction.groups.set(groups)
    return collection


def ensure_people():
    organisations = {}
    for name, kind, domain in ORGANISATIONS:
        organisations[name], _created = MemberOrganisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "email_domains": domain}
        )
    committees = {c.name: c for c in Committee.objects.filter(locale__language_code="de")}
    User = get_user_model()
    profiles = {}
    for email, first, last, organisation, function, seats in PEOPLE:
        user = User.objects.filter(username=email).first()
        if user is None:
            user = User(username=email, email=email, first_name=first, last_name=last)
            user.set_unusable_password()
            user.save()
        profile = MemberProfile.objects.filter(user=user).first()
        if profile is None:
            profile = MemberProfile.objects.create(
                user=user, organisation=organisations[organisation], function=function
            )
        for committee_name, role in seats:
            if committee_name in committees:
                CommitteeMembership.objects.get_or_create(
                    profile=profile, committee=committees[committee_name], defaults={"role": role}
                )
        profiles[email] = profile
    return profiles


def ensure_area(home_de, en, members, office):
    title, slug, en_title, en_slug = AREA
    area = MembersAreaPage.objects.child_of(home_de).first()
    if area is None:
        area = MembersAreaPage(
            title=title,
            slug=slug,
            intro="Rundschreiben, Sitzungsunterlagen und Termine für die Mitgliedsstädte.",
            show_in_menus=False,
        )
        home_de.add_child(instance=area)
        area.save_revision().publish()
    restriction = PageViewRestriction.objects.filter(page=area).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=area, restriction_type=PageViewRestriction.GROUPS
        )
    restriction.groups.set([members, office])
    restriction.save()  # mirrored to the English area (home.restrictions)
    if not MembersAreaPage.objects.filter(locale=en, translation_key=area.translation_key).exists():
        translate(
            area,
            en,
            {
                title: en_title,
                slug: en_slug,
                area.intro: "Circulars, meeting papers and dates for the member cities.",
            },
        )
    index = CircularIndexPage.objects.child_of(area).first()
    if index is None:
        index = CircularIndexPage(title=CIRCULARS_INDEX[0], slug=CIRCULARS_INDEX[1])
        area.add_child(instance=index)
        index.save_revision().publish()
    if not CircularIndexPage.objects.filter(locale=en, translation_key=index.translation_key).exists():
        translate(index, en, {CIRCULARS_INDEX[0]: CIRCULARS_INDEX[2], CIRCULARS_INDEX[1]: CIRCULARS_INDEX[3]})
    return area, index


def ensure_circulars(index, collection):
    topics = {t.slug: t for t in Topic.objects.filter(locale__language_code="de")}
    for year, number, topic_slug, title, summary, functions in CIRCULARS:
        if CircularPage.objects.filter(slug=f"{year}-{number:03d}").exists():
            continue
        circular = CircularPage(
            title=title,
            slug=f"{year}-{number:03d}",
            number=number,
            date=datetime.date(year, 1, 1) + datetime.timedelta(days=number * 5),  # in order through the year
            summary=summary,
            addressees=[str(f) for f in functions],
            body=[("paragraph", f"<p>{summary} Rückfragen beantwortet die Geschäftsstelle.</p>")],
        )
        if topic_slug in topics:
            circular.topics = [topics[topic_slug]]
        if number % 3 == 0:
            document = Document.objects.create(
                title=f"Anlage zu Rundschreiben {number}/{year}",
                file=make_pdf_file(f"rundschreiben-{year}-{number}.pdf", title, [summary]),
                collection=collection,
            )
            circular.attachments = [CircularAttachment(document=document)]
        index.add_child(instance=circular)
        circular.save_revision().publish()


def ensure_papers(collection):
    now = timezone.now()
    for series in EventPage.objects.live().filter(locale__language_code="de", committee__name="AG Soziales"):
        if MeetingPaper.objects.filter(series=series).exists():
            continue
        upcoming = Occurrence.objects.filter(translation_key=series.translation_key).upcoming(now).first()
        past = Occurrence.objects.filter(translation_key=series.translation_key).past(now).first()
        for occurrence, kind, label in (
            (upcoming, PaperKind.INVITATION, "Einladung"),
            (upcoming, PaperKind.AGENDA, "Tagesordnung"),
            (past, PaperKind.MINUTES, "Niederschrift"),
        ):
            if occurrence is None:
                continue
            day = timezone.localtime(occurrence.original_start).date()
            title = f"{label} {series.committee.name} am {day:%d.%m.%Y}"
            document = Document.objects.create(
                title=title,
                file=make_pdf_file(
                    f"{kind}-{day:%Y%m%d}.pdf", title, ["Vertraulich: nur für die Mitglieder des Gremiums."]
                ),
                collection=collection,
            )
            MeetingPaper.objects.create(
                series=series, meeting_date=day, kind=kind, title=title, document=document
            )


def load(context):
    de, en = locales()
    members, office = ensure_groups()
    members_files = ensure_collection("Mitgliederbereich", [members, office])
    papers_files = ensure_collection(
        "Sitzungsunterlagen", [office]
    )  # members download through the paper view
    ensure_people()
    _area, index = ensure_area(context.home_de, en, members, office)
    ensure_circulars(index, members_files)
    ensure_papers(papers_files)
