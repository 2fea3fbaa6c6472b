"""Demo content of the calendar: the bodies and places of the seed's "Termine" box, with series
around the day the demo is loaded, so that it never goes stale."""

import datetime

import dateutil.rrule
import recurrence
from django.utils import timezone
from wagtail.models import Page

from home.demo import ensure_index_page, locales
from home.text import german_slug
from home.translation import translate

from .models import Committee, CommitteeKind, EventIndexPage, EventPage, OccurrenceChange, OnlineMode, Venue
from .storage import rebuild_series

COMMITTEES = [
    # name, English name, kind, topic slug, description, English description
    (
        "Ausschuss für Soziales und Integration",
        "Committee on social affairs and integration",
        CommitteeKind.COMMITTEE,
        "soziales",
        "Bürgermeisterinnen, Bürgermeister und Sozialdezernate der Mitgliedsstädte.",
        "Mayors and heads of social affairs departments of the member cities.",
    ),
    (
        "AG Frauenbeauftragte",
        "Equal opportunities officers' working group",
        CommitteeKind.WORKING_GROUP,
        "soziales",
        "Die Frauen- und Gleichstellungsbeauftragten der Mitgliedsstädte.",
        "The equal opportunities officers of the member cities.",
    ),
    (
        "AG Soziales",
        "Social affairs working group",
        CommitteeKind.WORKING_GROUP,
        "soziales",
        "Die Leitungen der Sozialämter.",
        "The heads of the social welfare offices.",
    ),
    (
        "AG Kämmereien",
        "Treasurers' working group",
        CommitteeKind.WORKING_GROUP,
        "finanzen",
        "Die Kämmerinnen und Kämmerer der Mitgliedsstädte.",
        "The treasurers of the member cities.",
    ),
    (
        "AG Personalamtsleitungen",
        "Heads of personnel working group",
        CommitteeKind.WORKING_GROUP,
        "personal",
        "Die Leitungen der Personalämter.",
        "The heads of the personnel departments.",
    ),
    (
        "AK Mobilität und Umwelt",
        "Mobility and environment working group",
        CommitteeKind.WORKING_CIRCLE,
        "umwelt-bau-und-planung",
        "Fachleute für Verkehr und Umwelt.",
        "Experts on transport and the environment.",
    ),
    (
        "AK IT und E-Government",
        "IT and e-government working group",
        CommitteeKind.WORKING_CIRCLE,
        "digitalisierung",
        "Die IT-Verantwortlichen der Städte.",
        "The cities' heads of IT.",
    ),
    (
        "Gemeinsamer Ausschuss KJC",
        "Joint committee KJC",
        CommitteeKind.JOINT_COMMITTEE,
        "soziales",
        "Gemeinsamer Ausschuss mit dem Landkreistag.",
        "Joint committee with the association of counties.",
    ),
    (
        "Ausschuss für Schule und Kultur",
        "Committee on schools and culture",
        CommitteeKind.COMMITTEE,
        "schule-und-kultur",
        "Bürgermeisterinnen, Bürgermeister und Dezernate für Schule und Kultur.",
        "Mayors and heads of department for schools and culture.",
    ),
    (
        "Sonderausschuss Sport",
        "Special committee on sport",
        CommitteeKind.SPECIAL_COMMITTEE,
        "schule-und-kultur",
        "Sportstätten und Vereinsförderung.",
        "Sports facilities and support for clubs.",
    ),
    (
        "Präsidium",
        "Executive board",
        CommitteeKind.EXECUTIVE_BOARD,
        "staedtetag",
        "Das Präsidium leitet den Verband.",
        "The executive board leads the association.",
    ),
]

VENUES = [
    # name, English name, short name, address, city
    (
        "Haus der kommunalen Selbstverwaltung",
        "House of Local Self-Government",
        "HdKS",
        "Frankfurter Straße 2",
        "Wiesbaden",
    ),
    ("Rathaus Marburg", "Marburg town hall", "", "Markt 1", "Marburg"),
    ("Bürgerhaus Riedstadt", "Riedstadt community centre", "", "Rathausplatz 1", "Riedstadt"),
    ("Kongresszentrum darmstadtium", "darmstadtium conference centre", "", "Schlossgraben 1", "Darmstadt"),
    ("Rathaus Kassel", "Kassel town hall", "", "Obere Königsstraße 8", "Kassel"),
]

INDEX = (
    "Termine",
    "termine",
    "Sitzungen der Gremien und Arbeitsgemeinschaften des Städtetages.",
    "Events",
    "events",
    "Meetings of the association's committees and working groups.",
)


def first_match(after, **rule):
    """The first date on or after `after` that the rule gives (for series that look real)."""
    start = datetime.datetime.combine(after, datetime.time(0))
    return dateutil.rrule.rrule(dtstart=start, count=1, **rule)[0].date()


def series_specs(today):
    """(committee, title, English title, start, time, end, days, rule, venue, online) around `today`."""
    M, W = recurrence.MONTHLY, recurrence.WEEKLY
    return [
        (
            "AG Frauenbeauftragte",
            "Sitzung der AG Frauenbeauftragte",
            "Meeting of the equal opportunities officers",
            first_match(
                today - datetime.timedelta(days=400),
                freq=dateutil.rrule.MONTHLY,
                byweekday=dateutil.rrule.MO(1),
            ),
            (10, 0),
            (13, 0),
            1,
            recurrence.Rule(M, byday=[recurrence.MO(1)]),
            "Wiesbaden",
            OnlineMode.NONE,
        ),
        (
            "AG Soziales",
            "Zweitägige Klausur der AG Soziales",
            "Two-day retreat of the social affairs working group",
            first_match(
                today - datetime.timedelta(days=200),
                freq=dateutil.rrule.MONTHLY,
                bymonth=(2, 5, 8, 11),
                byweekday=dateutil.rrule.MO(2),
            ),
            (14, 0),
            (13, 0),
            2,
            recurrence.Rule(recurrence.YEARLY, bymonth=[2, 5, 8, 11], byday=[recurrence.MO(2)]),
            "Wiesbaden",
            OnlineMode.NONE,
        ),
        (
            "AG Kämmereien",
            "Sitzung der AG Kämmereien",
            "Meeting of the treasurers' working group",
            first_match(
                datetime.date(today.year - 6, 1, 1),
                freq=dateutil.rrule.MONTHLY,
                byweekday=dateutil.rrule.TU(2),
            ),
            (10, 0),
            (15, 0),
            1,
            recurrence.Rule(M, byday=[recurrence.TU(2)]),
            "Wiesbaden",
            OnlineMode.NONE,
        ),
        (
            "AK Mobilität und Umwelt",
            "Videokonferenz des AK Mobilität und Umwelt",
            "Video conference of the mobility and environment circle",
            first_match(
                today - datetime.timedelta(days=90),
                freq=dateutil.rrule.MONTHLY,
                byweekday=dateutil.rrule.WE(3),
            ),
            (13, 30),
            (15, 0),
            1,
            recurrence.Rule(M, byday=[recurrence.WE(3)]),
            None,
            OnlineMode.VIDEO,
        ),
        (
            "AK IT und E-Government",
            "Telefonkonferenz IT",
            "IT telephone conference",
            first_match(
                datetime.date(today.year - 5, 1, 1), freq=dateutil.rrule.WEEKLY, byweekday=dateutil.rrule.FR
            ),
            (9, 30),
            (10, 0),
            1,
            recurrence.Rule(W, interval=2, byday=[recurrence.FR]),
            None,
            OnlineMode.PHONE,
        ),
        (
            "Gemeinsamer Ausschuss KJC",
            "Sitzung des Gemeinsamen Ausschusses KJC",
            "Meeting of the joint committee KJC",
            first_match(
                today - datetime.timedelta(days=60),
                freq=dateutil.rrule.MONTHLY,
                interval=2,
                byweekday=dateutil.rrule.TH(2),
            ),
            (10, 0),
            (12, 0),
            1,
            recurrence.Rule(M, interval=2, byday=[recurrence.TH(2)]),
            None,
            OnlineMode.VIDEO,
        ),
        (
            "AG Personalamtsleitungen",
            "Sitzung der AG Personalamtsleitungen",
            "Meeting of the heads of personnel",
            first_match(
                today - datetime.timedelta(days=100),
                freq=dateutil.rrule.MONTHLY,
                interval=3,
                byweekday=dateutil.rrule.TH(3),
            ),
            (10, 0),
            (14, 0),
            1,
            recurrence.Rule(M, interval=3, byday=[recurrence.TH(3)]),
            "Marburg",
            OnlineMode.NONE,
        ),
        (
            "Ausschuss für Schule und Kultur",
            "Sitzung des Ausschusses für Schule und Kultur",
            "Meeting of the committee on schools and culture",
            first_match(
                today - datetime.timedelta(days=30),
                freq=dateutil.rrule.MONTHLY,
                interval=3,
                byweekday=dateutil.rrule.TU(4),
            ),
            (10, 0),
            (13, 0),
            1,
            recurrence.Rule(M, interval=3, byday=[recurrence.TU(4)]),
            "Wiesbaden",
            OnlineMode.VIDEO,
        ),
        (
            "Sonderausschuss Sport",
            "Sitzung des Sonderausschusses Sport",
            "Meeting of the special committee on sport",
            today + datetime.timedelta(days=23),
            (10, 0),
            (12, 30),
            1,
            None,
            "Riedstadt",
            OnlineMode.NONE,
        ),
        (
            "Präsidium",
            "Jahresklausur des Präsidiums",
            "Annual retreat of the executive board",
            first_match(
                today + datetime.timedelta(days=40), freq=dateutil.rrule.WEEKLY, byweekday=dateutil.rrule.TH
            ),
            None,
            None,
            2,
            None,
            "Darmstadt",
            OnlineMode.NONE,
        ),
    ]


def ensure_committees(de, en, topics):
    committees = {}
    for name, en_name, kind, topic_slug, description, en_description in COMMITTEES:
        slug = german_slug(name)
        committee = Committee.objects.filter(locale=de, slug=slug).first()
        if committee is None:
            committee = Committee.objects.create(
                locale=de,
                name=name,
                slug=slug,
                kind=kind,
                topic=topics.get(topic_slug),
                description=description,
            )
        if not Committee.objects.filter(locale=en, translation_key=committee.translation_key).exists():
            translate(committee, en, {name: en_name, slug: german_slug(en_name), description: en_description})
        committees[name] = committee
    return committees


def ensure_venues(de, en):
    venues = {}
    for name, en_name, short_name, address, city in VENUES:
        venue = Venue.objects.filter(locale=de, name=name).first()
        if venue is None:
            venue = Venue.objects.create(
                locale=de, name=name, short_name=short_name, address=address, city=city
            )
        if not Venue.objects.filter(locale=en, translation_key=venue.translation_key).exists():
            strings = {name: en_name}
            if short_name:
                strings[short_name] = short_name
            translate(venue, en, strings)
        venues[city] = venue
    return venues


def ensure_series(index, en, committees, venues, today):
    pages = {}
    for committee, title, en_title, start, start_time, end_time, days, rule, city, online in series_specs(
        today
    ):
        slug = german_slug(title)
        page = EventPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = EventPage(
                title=title,
                slug=slug,
                committee=committees[committee],
                start_date=start,
                start_time=datetime.time(*start_time) if start_time else None,
                end_time=datetime.time(*end_time) if end_time else None,
                duration_days=days,
                recurrence=recurrence.Recurrence(rrules=[rule]) if rule else None,
                venue=venues.get(city),
                online_mode=online,
            )
            index.add_child(instance=page)
            page.save_revision().publish()
        pages[committee] = (page, title, en_title, slug)
    return pages


def add_changes(pages, today):
    """One cancelled and one moved meeting in the weeks after today (only once: idempotent)."""
    from . import occurrences as expansion

    specs = [
        ("AG Frauenbeauftragte", True, None, "Entfällt wegen der Personalversammlung."),
        ("AK Mobilität und Umwelt", False, 1, "Verschoben wegen einer Landtagsanhörung."),
    ]
    for committee, cancel, shift_days, note in specs:
        page = pages[committee][0]
        if page.changes.exists():
            continue
        horizon = expansion.horizon_end(timezone.now(), 3)
        day = next(
            o.start.date()
            for o in expansion.expand(page.schedule(), horizon)
            if o.start.date() >= today + datetime.timedelta(days=7)
        )
        page.changes.add(
            OccurrenceChange(
                original_date=day,
                cancelled=cancel,
                new_date=day + datetime.timedelta(days=shift_days) if shift_days else None,
                note=note,
            )
        )
        page.save_revision().publish()


NOTES = {
    "Entfällt wegen der Personalversammlung.": "Cancelled because of the staff assembly.",
    "Verschoben wegen einer Landtagsanhörung.": "Moved because of a hearing in the state parliament.",
}


def translate_series(pages, en):
    for page, title, en_title, slug in pages.values():
        page = Page.objects.get(pk=page.pk).specific
        strings = {title: en_title, slug: german_slug(en_title), **NOTES}
        translate(page, en, strings)


def link_seed_statement(committees, en):
    """The demo statement was adopted by the social affairs committee (in Dreieich, 2 March 2016)."""
    from articles.models import ArticlePage

    committee = committees["Ausschuss für Soziales und Integration"]
    english_committee = Committee.objects.get(locale=en, translation_key=committee.translation_key)
    for article in ArticlePage.objects.filter(date=datetime.date(2016, 3, 2), committee__isnull=True):
        article.committee = english_committee if article.locale_id == en.pk else committee
        article.save_revision().publish()


def load(context):
    de, en = locales()
    today = timezone.localdate()
    committees = ensure_committees(de, en, context.topics)
    venues = ensure_venues(de, en)
    index = ensure_index_page(EventIndexPage, context.home_de, en, INDEX)
    link_seed_statement(committees, en)
    pages = ensure_series(index, en, committees, venues, today)
    add_changes(pages, today)
    missing = {
        k: v
        for k, v in pages.items()
        if not EventPage.objects.filter(locale=en, translation_key=v[0].translation_key).exists()
    }
    translate_series(missing, en)
    for page, *_rest in pages.values():
        rebuild_series(page.translation_key)
