"""The bodies and places of the seed's "Termine" box, and the series they meet in."""

import datetime
from datetime import time

import dateutil.rrule
import recurrence

from calendar_app.models import CommitteeKind, OnlineMode
from demo.records import Change, Committee, IndexPage, Series, Text, Venue

COMMITTEES = [
    Committee(
        name=Text("Ausschuss für Soziales und Integration", "Committee on social affairs and integration"),
        kind=CommitteeKind.COMMITTEE,
        topic="soziales",
        description=Text(
            "Bürgermeisterinnen, Bürgermeister und Sozialdezernate der Mitgliedsstädte.",
            "Mayors and heads of social affairs departments of the member cities.",
        ),
    ),
    Committee(
        name=Text("AG Frauenbeauftragte", "Equal opportunities officers' working group"),
        kind=CommitteeKind.WORKING_GROUP,
        topic="soziales",
        description=Text(
            "Die Frauen- und Gleichstellungsbeauftragten der Mitgliedsstädte.",
            "The equal opportunities officers of the member cities.",
        ),
    ),
    Committee(
        name=Text("AG Soziales", "Social affairs working group"),
        kind=CommitteeKind.WORKING_GROUP,
        topic="soziales",
        description=Text("Die Leitungen der Sozialämter.", "The heads of the social welfare offices."),
    ),
    Committee(
        name=Text("AG Kämmereien", "Treasurers' working group"),
        kind=CommitteeKind.WORKING_GROUP,
        topic="finanzen",
        description=Text(
            "Die Kämmerinnen und Kämmerer der Mitgliedsstädte.", "The treasurers of the member cities."
        ),
    ),
    Committee(
        name=Text("AG Personalamtsleitungen", "Heads of personnel working group"),
        kind=CommitteeKind.WORKING_GROUP,
        topic="personal",
        description=Text("Die Leitungen der Personalämter.", "The heads of the personnel departments."),
    ),
    Committee(
        name=Text("AK Mobilität und Umwelt", "Mobility and environment working group"),
        kind=CommitteeKind.WORKING_CIRCLE,
        topic="umwelt-bau-und-planung",
        description=Text("Fachleute für Verkehr und Umwelt.", "Experts on transport and the environment."),
    ),
    Committee(
        name=Text("AK IT und E-Government", "IT and e-government working group"),
        kind=CommitteeKind.WORKING_CIRCLE,
        topic="digitalisierung",
        description=Text("Die IT-Verantwortlichen der Städte.", "The cities' heads of IT."),
    ),
    Committee(
        name=Text("Gemeinsamer Ausschuss KJC", "Joint committee KJC"),
        kind=CommitteeKind.JOINT_COMMITTEE,
        topic="soziales",
        description=Text(
            "Gemeinsamer Ausschuss mit dem Landkreistag.", "Joint committee with the association of counties."
        ),
    ),
    Committee(
        name=Text("Ausschuss für Schule und Kultur", "Committee on schools and culture"),
        kind=CommitteeKind.COMMITTEE,
        topic="schule-und-kultur",
        description=Text(
            "Bürgermeisterinnen, Bürgermeister und Dezernate für Schule und Kultur.",
            "Mayors and heads of department for schools and culture.",
        ),
    ),
    Committee(
        name=Text("Sonderausschuss Sport", "Special committee on sport"),
        kind=CommitteeKind.SPECIAL_COMMITTEE,
        topic="schule-und-kultur",
        description=Text("Sportstätten und Vereinsförderung.", "Sports facilities and support for clubs."),
    ),
    Committee(
        name=Text("Präsidium", "Executive board"),
        kind=CommitteeKind.EXECUTIVE_BOARD,
        topic="staedtetag",
        description=Text("Das Präsidium leitet den Verband.", "The executive board leads the association."),
    ),
]

VENUES = [
    Venue(
        name=Text("Haus der kommunalen Selbstverwaltung", "House of Local Self-Government"),
        short_name="HdKS",
        address="Frankfurter Straße 2",
        city="Wiesbaden",
    ),
    Venue(
        name=Text("Rathaus Marburg", "Marburg town hall"), short_name="", address="Markt 1", city="Marburg"
    ),
    Venue(
        name=Text("Bürgerhaus Riedstadt", "Riedstadt community centre"),
        short_name="",
        address="Rathausplatz 1",
        city="Riedstadt",
    ),
    Venue(
        name=Text("Kongresszentrum darmstadtium", "darmstadtium conference centre"),
        short_name="",
        address="Schlossgraben 1",
        city="Darmstadt",
    ),
    Venue(
        name=Text("Rathaus Kassel", "Kassel town hall"),
        short_name="",
        address="Obere Königsstraße 8",
        city="Kassel",
    ),
]

INDEX = IndexPage(
    title=Text("Termine", "Events"),
    slug=Text("termine", "events"),
    intro=Text(
        "Sitzungen der Gremien und Arbeitsgemeinschaften des Städtetages.",
        "Meetings of the association's committees and working groups.",
    ),
)


def first_match(after, **rule):
    """The first date on or after `after` that the rule gives (for series that look real)."""
    start = datetime.datetime.combine(after, datetime.time(0))
    return dateutil.rrule.rrule(dtstart=start, count=1, **rule)[0].date()


def series(today):
    """The meetings around `today`, the day the demo is loaded, so that it never goes stale."""
    days = datetime.timedelta
    monthly, weekly = dateutil.rrule.MONTHLY, dateutil.rrule.WEEKLY
    M, W, Y = recurrence.MONTHLY, recurrence.WEEKLY, recurrence.YEARLY
    return [
        Series(
            committee="AG Frauenbeauftragte",
            title=Text("Sitzung der AG Frauenbeauftragte", "Meeting of the equal opportunities officers"),
            start_date=first_match(today - days(400), freq=monthly, byweekday=dateutil.rrule.MO(1)),
            start_time=time(10, 0),
            end_time=time(13, 0),
            rule=recurrence.Rule(M, byday=[recurrence.MO(1)]),
            city="Wiesbaden",
        ),
        Series(
            committee="AG Soziales",
            title=Text(
                "Zweitägige Klausur der AG Soziales", "Two-day retreat of the social affairs working group"
            ),
            start_date=first_match(
                today - days(200), freq=monthly, bymonth=(2, 5, 8, 11), byweekday=dateutil.rrule.MO(2)
            ),
            start_time=time(14, 0),
            end_time=time(13, 0),
            duration_days=2,
            rule=recurrence.Rule(Y, bymonth=[2, 5, 8, 11], byday=[recurrence.MO(2)]),
            city="Wiesbaden",
        ),
        Series(
            committee="AG Kämmereien",
            title=Text("Sitzung der AG Kämmereien", "Meeting of the treasurers' working group"),
            start_date=first_match(
                datetime.date(today.year - 6, 1, 1), freq=monthly, byweekday=dateutil.rrule.TU(2)
            ),
            start_time=time(10, 0),
            end_time=time(15, 0),
            rule=recurrence.Rule(M, byday=[recurrence.TU(2)]),
            city="Wiesbaden",
        ),
        Series(
            committee="AK Mobilität und Umwelt",
            title=Text(
                "Videokonferenz des AK Mobilität und Umwelt",
                "Video conference of the mobility and environment circle",
            ),
            start_date=first_match(today - days(90), freq=monthly, byweekday=dateutil.rrule.WE(3)),
            start_time=time(13, 30),
            end_time=time(15, 0),
            rule=recurrence.Rule(M, byday=[recurrence.WE(3)]),
            online_mode=OnlineMode.VIDEO,
        ),
        Series(
            committee="AK IT und E-Government",
            title=Text("Telefonkonferenz IT", "IT telephone conference"),
            start_date=first_match(
                datetime.date(today.year - 5, 1, 1), freq=weekly, byweekday=dateutil.rrule.FR
            ),
            start_time=time(9, 30),
            end_time=time(10, 0),
            rule=recurrence.Rule(W, interval=2, byday=[recurrence.FR]),
            online_mode=OnlineMode.PHONE,
        ),
        Series(
            committee="Gemeinsamer Ausschuss KJC",
            title=Text("Sitzung des Gemeinsamen Ausschusses KJC", "Meeting of the joint committee KJC"),
            start_date=first_match(
                today - days(60), freq=monthly, interval=2, byweekday=dateutil.rrule.TH(2)
            ),
            start_time=time(10, 0),
            end_time=time(12, 0),
            rule=recurrence.Rule(M, interval=2, byday=[recurrence.TH(2)]),
            online_mode=OnlineMode.VIDEO,
        ),
        Series(
            committee="AG Personalamtsleitungen",
            title=Text("Sitzung der AG Personalamtsleitungen", "Meeting of the heads of personnel"),
            start_date=first_match(
                today - days(100), freq=monthly, interval=3, byweekday=dateutil.rrule.TH(3)
            ),
            start_time=time(10, 0),
            end_time=time(14, 0),
            rule=recurrence.Rule(M, interval=3, byday=[recurrence.TH(3)]),
            city="Marburg",
        ),
        Series(
            committee="Ausschuss für Schule und Kultur",
            title=Text(
                "Sitzung des Ausschusses für Schule und Kultur",
                "Meeting of the committee on schools and culture",
            ),
            start_date=first_match(
                today - days(30), freq=monthly, interval=3, byweekday=dateutil.rrule.TU(4)
            ),
            start_time=time(10, 0),
            end_time=time(13, 0),
            rule=recurrence.Rule(M, interval=3, byday=[recurrence.TU(4)]),
            city="Wiesbaden",
            online_mode=OnlineMode.VIDEO,
        ),
        Series(
            committee="Sonderausschuss Sport",
            title=Text("Sitzung des Sonderausschusses Sport", "Meeting of the special committee on sport"),
            start_date=today + days(23),
            start_time=time(10, 0),
            end_time=time(12, 30),
            city="Riedstadt",
        ),
        Series(
            committee="Präsidium",
            title=Text("Jahresklausur des Präsidiums", "Annual retreat of the executive board"),
            start_date=first_match(today + days(40), freq=weekly, byweekday=dateutil.rrule.TH),
            start_time=None,
            end_time=None,
            duration_days=2,
            city="Darmstadt",
        ),
    ]


def withdrawn_series(today):
    """A series the office published and then withdrew (deleted): its meetings are gone from the
    site, and the open data interface (OParl) lists them as deleted for the clients that kept them."""
    days = datetime.timedelta
    return Series(
        committee="AK Mobilität und Umwelt",
        title=Text("Projektgruppe Radverkehrsplanung", "Project group on cycling infrastructure"),
        start_date=first_match(today - days(60), freq=dateutil.rrule.MONTHLY, byweekday=dateutil.rrule.TU(2)),
        start_time=time(14, 0),
        end_time=time(16, 0),
        rule=recurrence.Rule(recurrence.MONTHLY, byday=[recurrence.TU(2)], count=6),
        city="Wiesbaden",
    )


# One cancelled and one moved meeting in the weeks after the demo is loaded.
CHANGES = [
    Change(
        "AG Frauenbeauftragte",
        Text("Entfällt wegen der Personalversammlung.", "Cancelled because of the staff assembly."),
        cancelled=True,
    ),
    Change(
        "AK Mobilität und Umwelt",
        Text(
            "Verschoben wegen einer Landtagsanhörung.", "Moved because of a hearing in the state parliament."
        ),
        moved_by_days=1,
    ),
]

# The demo statement was adopted by this committee (in Dreieich, 2 March 2016).
SEED_STATEMENT_DATE = datetime.date(2016, 3, 2)
SEED_STATEMENT_COMMITTEE = "Ausschuss für Soziales und Integration"
