"""OParl 1.1: a client crawls the interface from its System object and checks every object against the
specification; the filters select what they say; what was removed is a deleted object; nothing
members-only appears; errors are JSON; a page of meetings costs the same queries at any size."""

import datetime
import io
import json

import pytest
import recurrence
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from calendar_app.models import EventPage, Occurrence, OccurrenceChange
from members.models import AgendaItem, MeetingPaper, MemberProfile
from tests import factories
from tests.members.helpers import make_agenda, next_meeting, paper_for
from tests.members.oparl_client import Crawler

SECRET_ITEM = "Personalangelegenheit Vertraulich"
BASE = "http://testserver/oparl/1.1/"


def get(url, **headers):
    response = Client().get(url.removeprefix("http://testserver"), **headers)
    return response, json.loads(response.content) if response["Content-Type"].startswith(
        "application/json"
    ) else None


def every(url):
    """All entries of a list, page by page."""
    entries = []
    while url:
        _response, data = get(url)
        entries += data["data"]
        url = data["links"].get("next")
    return entries


def stamp(moment):
    return moment.isoformat(timespec="seconds")


@pytest.fixture
def session(world):
    """Committee X's next meeting, invited, with a public item carrying a public and a members-only
    paper, a non-public item, and an item with a result."""
    series = world.public.weekly
    occurrence = next_meeting(series)
    agenda = make_agenda(
        series,
        occurrence,
        items=(("1", "Begrüßung", True), ("2", SECRET_ITEM, False), ("3", "Haushalt", True)),
    )
    day = agenda.meeting_date
    public_paper = paper_for(series, day, "Vorlage öffentlich", kind="proposal", public=True)
    members_paper = paper_for(series, day, "Vorlage intern", kind="proposal")
    item = agenda.items.get(number="1")
    item.papers.set([public_paper, members_paper])
    item.save()
    third = agenda.items.get(number="3")
    third.result = "Einstimmig beschlossen."
    third.save()
    agenda.invited_at = timezone.now()
    agenda.save()
    return factories.SimpleNamespace(
        series=series,
        occurrence=occurrence,
        agenda=agenda,
        public_paper=public_paper,
        members_paper=members_paper,
    )


def meeting_url(occurrence):
    return BASE + "meeting/" + occurrence.identity


@pytest.mark.django_db
def test_the_demo_crawls_clean_from_the_system_object_to_every_object():
    call_command("load_demo", stdout=io.StringIO())
    crawler = Crawler()
    crawler.crawl()
    by_type = {}
    for entry in crawler.listed.values():
        by_type.setdefault(entry["type"].rsplit("/", 1)[1], []).append(entry)
    assert {"Body", "Organization", "Meeting", "Paper", "File", "Location"} <= set(by_type)
    live = [m for m in by_type["Meeting"] if not m.get("deleted")]
    assert len(live) == Occurrence.objects.visible().count()
    assert any(m["cancelled"] for m in live), "the demo's cancelled meeting"
    agendas = [m for m in live if m.get("agendaItem")]
    assert agendas, "the demo's invited meeting has its agenda"
    items = [item for m in agendas for item in m["agendaItem"]]
    assert any(
        not item["public"] and item["name"] == "Nichtöffentlicher Tagesordnungspunkt" for item in items
    ), "a non-public item by its number and a neutral name"
    # The withdrawn (deleted) series is gone from the list, and a client that synchronises learns it.
    assert not EventPage.objects.filter(slug="projektgruppe-radverkehrsplanung").exists()
    assert not any("Projektgruppe Radverkehrsplanung" in text for text in crawler.texts)
    since = stamp(timezone.now() - datetime.timedelta(days=1))
    deleted = [m for m in every(BASE + f"body/1/meeting?modified_since={since}") if m.get("deleted")]
    assert len(deleted) == 6 and all(
        set(m) == {"id", "type", "created", "modified", "deleted"} for m in deleted
    )
    for entry in deleted:  # each at its own URL, still 200 (2-08)
        assert get(entry["id"])[1] == entry
    # Nothing members-only: no circular, no members' paper, no non-public item's title.
    secrets = [p.title for p in MeetingPaper.objects.filter(public=False)]
    secrets += [i.title for i in AgendaItem.objects.filter(public=False)]
    assert secrets
    for text in crawler.texts:
        for secret in secrets:
            assert secret not in text
    assert len(by_type["Paper"]) == MeetingPaper.objects.filter(public=True).count()


@pytest.mark.django_db
def test_a_meeting_shows_its_agenda_public_items_and_public_papers_only(world, session):
    response, meeting = get(meeting_url(session.occurrence))
    assert response.status_code == 200
    assert meeting["meetingState"] == "eingeladen" and meeting["cancelled"] is False
    assert meeting["start"] == stamp(timezone.localtime(session.occurrence.start))
    assert meeting["organization"] == [BASE + f"organization/{world.committee.translation_key}"]
    items = {item["number"]: item for item in meeting["agendaItem"]}
    assert [items[n]["order"] for n in ("1", "2", "3")] == [1, 2, 3]
    assert items["1"]["name"] == "Begrüßung"
    assert [f["name"] for f in items["1"]["auxiliaryFile"]] == ["Vorlage öffentlich"]
    assert items["2"] == {
        "id": items["2"]["id"],
        "type": "https://schema.oparl.org/1.1/AgendaItem",
        "meeting": meeting["id"],
        "number": "2",
        "order": 2,
        "name": "Nichtöffentlicher Tagesordnungspunkt",
        "public": False,
        "created": items["2"]["created"],
        "modified": items["2"]["modified"],
    }
    assert items["3"]["result"] == "Einstimmig beschlossen."
    text = json.dumps(meeting, ensure_ascii=False)
    assert SECRET_ITEM not in text and "Vorlage intern" not in text
    assert [f["name"] for f in meeting["auxiliaryFile"]] == ["Vorlage öffentlich"]
    # The agenda item at its own URL is the one the meeting embeds.
    _response, item = get(items["1"]["id"])
    assert item == items["1"]
    # Before the invitation the agenda is the office's draft: not shown; an invitation taken back
    # leaves its items as deleted objects.
    session.agenda.invited_at = None
    session.agenda.save()
    _response, draft = get(meeting_url(session.occurrence))
    assert "agendaItem" not in draft and draft["meetingState"] == "terminiert"
    response, gone = get(items["1"]["id"])
    assert response.status_code == 200 and gone["deleted"] is True


@pytest.mark.django_db
def test_papers_and_files_are_the_public_ones_with_file_access_as_the_spec_says(world, session):
    papers = every(BASE + "body/1/paper")
    assert [p["name"] for p in papers] == ["Vorlage öffentlich"]
    paper = papers[0]
    assert paper["paperType"] == "Beschlussvorschlag"
    assert paper["underDirectionOf"] == [BASE + f"organization/{world.committee.translation_key}"]
    main = paper["mainFile"]
    assert main["meeting"] == [meeting_url(session.occurrence)]
    assert main["mimeType"] == "application/pdf" and main["size"] > 0
    assert every(BASE + "body/1/file") == [main]
    access = Client().get(main["accessUrl"].removeprefix("http://testserver"))
    assert access.status_code == 200 and b"".join(access.streaming_content).startswith(b"%PDF")
    assert "attachment" not in access.get("Content-Disposition", "")
    assert access["Content-Length"] and access["Last-Modified"]
    assert "Content-Encoding" not in access
    download = Client().get(main["downloadUrl"].removeprefix("http://testserver"))
    assert download["Content-Disposition"].startswith("attachment; filename=")
    # The members' paper has no address here at all.
    for path in (f"paper/{session.members_paper.pk}", f"file/{session.members_paper.pk}/access"):
        response, data = get(BASE + path)
        assert response.status_code == 404 and data["type"] == "https://schema.oparl.org/1.1/Error"
    # Withdrawn by the office: a deleted object, and its file is gone (410).
    session.public_paper.public = False
    session.public_paper.save()
    response, gone = get(paper["id"])
    assert response.status_code == 200 and gone["deleted"] is True
    assert Client().get(main["accessUrl"].removeprefix("http://testserver")).status_code == 410
    assert every(BASE + "body/1/paper") == []
    since = stamp(timezone.now() - datetime.timedelta(minutes=5))
    assert [p["id"] for p in every(BASE + f"body/1/paper?modified_since={since}")] == [paper["id"]]


@pytest.mark.django_db
def test_filters_select_what_they_say_and_removed_meetings_are_deleted_objects(world):
    committee = world.committee
    series = factories.make_series(
        world.public.events,
        committee,
        "Arbeitskreis Filter",
        rule=recurrence.Rule(recurrence.WEEKLY, count=4),
        start_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    meetings = list(Occurrence.objects.filter(translation_key=series.translation_key).order_by("start"))
    assert len(meetings) == 4
    before = timezone.now()
    Occurrence.objects.filter(translation_key=series.translation_key).update(
        created_at=before - datetime.timedelta(days=30), modified_at=before - datetime.timedelta(days=30)
    )
    # One meeting cancelled, one dropped from the rule (count 4 -> 3).
    page = EventPage.objects.get(pk=series.pk)
    page.changes.add(
        OccurrenceChange(original_date=timezone.localtime(meetings[0].start).date(), cancelled=True)
    )
    page.recurrence = recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=3)])
    page.save_revision().publish()
    since = stamp(before)
    listed = every(BASE + f"organization/{committee.translation_key}/meeting?modified_since={since}")
    ours = {m["id"]: m for m in listed if str(series.translation_key) in m["id"]}
    dropped = meeting_url(meetings[3])
    assert ours[dropped]["deleted"] is True and set(ours[dropped]) == {
        "id",
        "type",
        "created",
        "modified",
        "deleted",
    }
    assert ours[meeting_url(meetings[0])]["cancelled"] is True
    assert set(ours) == {meeting_url(m) for m in meetings}  # title unchanged: all modified (new fingerprint)
    # Without modified_since there are no deleted objects; the dropped meeting's URL still answers.
    plain = every(BASE + f"organization/{committee.translation_key}/meeting")
    assert not any(m.get("deleted") for m in plain)
    assert dropped not in {m["id"] for m in plain}
    response, gone = get(dropped)
    assert response.status_code == 200 and gone["deleted"] is True
    # modified_until before the change: none of ours; created_until: the old ones.
    until = stamp(before - datetime.timedelta(days=1))
    assert not [
        m
        for m in every(
            BASE
            + f"body/1/meeting?modified_since={stamp(before - datetime.timedelta(days=60))}&modified_until={until}"
        )
        if str(series.translation_key) in m["id"] and not m.get("deleted")
    ]
    created = every(BASE + f"body/1/meeting?created_until={until}")
    assert {meeting_url(m) for m in meetings[:3]} <= {m["id"] for m in created}
    # Unpublished: every meeting of the series is a deleted object for those who synchronise.
    page.unpublish()
    later = every(BASE + f"body/1/meeting?modified_since={since}")
    gone = {m["id"] for m in later if m.get("deleted")}
    assert {meeting_url(m) for m in meetings} <= gone
    # Published again: its meetings are back, no longer deleted.
    page = EventPage.objects.get(pk=series.pk)
    page.save_revision().publish()
    back = {m["id"]: m for m in every(BASE + f"body/1/meeting?modified_since={since}")}
    assert not back[meeting_url(meetings[1])].get("deleted")


@pytest.mark.django_db
def test_a_restricted_series_is_nowhere_not_even_as_deleted(world):
    """A series restricted before it was published never reaches the interface; one restricted
    after readers saw it leaves as deleted objects (it was public: clients may hold it)."""
    secret = EventPage(
        title="Klausur Nur Intern",
        slug="klausur-nur-intern",
        committee=world.committee,
        start_date=timezone.localdate() + datetime.timedelta(days=2),
        start_time=datetime.time(10),
        end_time=datetime.time(12),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.MONTHLY)]),
        live=False,
    )
    world.public.events.add_child(instance=secret)
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    secret.save_revision().publish()
    assert Occurrence.objects.filter(translation_key=secret.translation_key).exists()
    texts = []
    since = stamp(timezone.now() - datetime.timedelta(days=1))
    for url in ("body/1/meeting", f"body/1/meeting?modified_since={since}", "body/1/paper", "body/1/file"):
        texts += [json.dumps(e, ensure_ascii=False) for e in every(BASE + url)]
    assert texts and not any(str(secret.translation_key) in t or secret.title in t for t in texts)
    live = [json.dumps(e) for e in every(BASE + "body/1/meeting")]
    assert not any(str(world.secret.translation_key) in t for t in live)
    occurrence = Occurrence.objects.filter(translation_key=secret.translation_key).first()
    assert get(meeting_url(occurrence))[0].status_code == 404
    # A public series restricted later: its meetings leave as deleted objects.
    weekly = world.public.weekly
    one = Occurrence.objects.filter(translation_key=weekly.translation_key).first()
    restriction = PageViewRestriction.objects.create(page=weekly, restriction_type=PageViewRestriction.LOGIN)
    response, gone = get(meeting_url(one))
    assert response.status_code == 200 and gone["deleted"] is True
    restriction.delete()
    response, back = get(meeting_url(one))
    assert response.status_code == 200 and "deleted" not in back


@pytest.mark.django_db
def test_people_only_with_their_consent(world):
    insider = world.visitors["insider"].member_profile
    assert every(BASE + "body/1/person") == [] and every(BASE + "body/1/membership") == []
    since = stamp(timezone.now() - datetime.timedelta(minutes=5))
    insider.published = True
    insider.save()
    people = every(BASE + "body/1/person")
    assert [p["name"] for p in people] == [insider.user.get_full_name()]
    assert "email" not in people[0] and "phone" not in people[0]
    seats = every(BASE + "body/1/membership")
    assert [s["organization"] for s in seats] == [BASE + f"organization/{world.committee.translation_key}"]
    assert people[0]["membership"] == seats
    insider = MemberProfile.objects.get(pk=insider.pk)
    insider.published = False
    insider.save()
    assert every(BASE + "body/1/person") == []
    assert [p["deleted"] for p in every(BASE + f"body/1/person?modified_since={since}")] == [True]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, status, words",
    [
        ("body/1/meeting?x=1", 400, "Unbekannter Parameter „x“"),
        ("body/1/meeting?modified_since=gestern", 400, "kein Zeitpunkt"),
        ("body/1/meeting?created_since=0099-01-01T00:00:00%2B01:00", 400, "außerhalb der Jahre"),
        (
            "body/1/meeting?modified_since=2027-01-01T00:00:00Z&modified_until=2026-01-01T00:00:00Z",
            400,
            "liegt nach",
        ),
        ("body/1/meeting?page=0", 400, "Seitenzahl"),
        ("body/1/meeting?page=١", 400, "Seitenzahl"),
        ("body/1/meeting?page=9999", 404, "Seite 9999 gibt es nicht"),
        ("body/1/meeting?limit=abc", 400, "limit"),
        ("body/1/meeting?omit_internal=vielleicht", 400, "true oder false"),
        ("body/1/meeting?page=1&page=2", 400, "mehrfach"),
        ("body/1/meeting?modified_since=%00", 400, "NUL"),
        ("meeting/nicht-da/20270101T000000Z", 404, "gibt es nicht"),
        ("meeting/6f1f0f0e-0000-4000-8000-000000000000/kaputt", 404, "gibt es nicht"),
        ("organization/6f1f0f0e-0000-4000-8000-000000000000", 404, "gibt es nicht"),
        ("paper/99999999999999999999", 404, "gibt es nicht"),
        ("body/2", 404, "gibt es nicht"),
        ("gibt/es/nicht", 404, "system"),
        ("system?foo=bar", 400, "Unbekannter Parameter"),
    ],
)
def test_bad_requests_get_a_json_error_in_german(world, url, status, words):
    response, data = get(BASE + url)
    assert response.status_code == status
    assert data["type"] == "https://schema.oparl.org/1.1/Error"
    assert words in data["message"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
def test_only_get_and_no_cookies_and_every_origin(world):
    response = Client().post("/oparl/1.1/system")
    assert response.status_code == 405 and "GET" in response["Allow"]
    response, data = get(BASE + "system", HTTP_ORIGIN="https://app.example", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Access-Control-Allow-Origin"] == "*" and not response.cookies
    assert data["oparlVersion"] == "https://schema.oparl.org/1.1/"
    _response, organizations = get(BASE + "body/1/organization", HTTP_ACCEPT_LANGUAGE="en")
    assert organizations["data"][0]["organizationType"] == "Gremium"  # German, whatever is asked


@pytest.mark.django_db
def test_a_page_of_meetings_costs_the_same_queries_at_any_size(world):
    def queries(url):
        with CaptureQueriesContext(connection) as context:
            response = Client().get(url)
        assert response.status_code == 200
        return len(context.captured_queries)

    def add_agendas():
        for occurrence in Occurrence.objects.visible().order_by("original_start")[:3]:
            series = EventPage.objects.get(
                translation_key=occurrence.translation_key, locale__language_code="de"
            )
            agenda = make_agenda(series, occurrence)
            agenda.invited_at = timezone.now()
            agenda.save()
            paper_for(series, agenda.meeting_date, f"Vorlage {agenda.pk}", public=True)

    add_agendas()
    small = queries("/oparl/1.1/body/1/meeting")
    papers_small = queries("/oparl/1.1/body/1/paper")
    items_small = queries("/oparl/1.1/body/1/agendaitem")
    for n in range(5):
        factories.make_series(
            world.public.events,
            world.committee,
            f"Mehr Sitzungen {n}",
            rule=recurrence.Rule(recurrence.WEEKLY),
            start_date=timezone.localdate() - datetime.timedelta(days=200),
            slug=f"mehr-{n}",
        )
    add_agendas()
    assert Occurrence.objects.visible().count() > 300
    assert queries("/oparl/1.1/body/1/meeting") == small
    assert queries("/oparl/1.1/body/1/meeting?page=3") <= small
    assert queries("/oparl/1.1/body/1/paper") == papers_small
    assert AgendaItem.objects.count() == 12
    assert queries("/oparl/1.1/body/1/agendaitem") == items_small


@pytest.mark.django_db
def test_links_keep_the_filters_and_pages_are_stable(world):
    since = "2000-01-01T00:00:00+01:00"
    first = get(BASE + "body/1/meeting?limit=7&modified_since=2000-01-01T00%3A00%3A00%2B01%3A00")[1]
    assert first["pagination"]["elementsPerPage"] == 7
    assert "modified_since=2000-01-01T00%3A00%3A00%2B01%3A00" in first["links"]["next"]
    assert "limit=7" in first["links"]["next"] and "page=2" in first["links"]["next"]
    second = get(first["links"]["next"])[1]
    assert second["links"]["prev"] == first["links"]["self"]
    assert not {m["id"] for m in first["data"]} & {m["id"] for m in second["data"]}
    assert get(first["links"]["next"])[1] == second  # the same page twice is the same
    # A "+" the client did not encode arrives as a space: read as the offset it was.
    assert get(BASE + f"body/1/meeting?limit=7&modified_since={since}")[1]["data"] == first["data"]
    # A limit larger than 100 means pages of 100 (2-05: the server decides): the list without it.
    response, _data = get(BASE + "body/1/meeting?limit=5000")
    assert response.status_code == 301 and response["Location"] == BASE + "body/1/meeting"
    assert get(BASE + "body/1/meeting")[1]["pagination"]["elementsPerPage"] == 100


@pytest.mark.django_db
def test_the_page_cache_keeps_answers_and_a_change_drops_exactly_its_series(
    world, session, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    client = Client()
    other = Occurrence.objects.filter(translation_key=world.public.single.translation_key).first()
    ours, theirs = (meeting_url(o).removeprefix("http://testserver") for o in (session.occurrence, other))
    urls = (
        ours,
        theirs,
        "/oparl/1.1/body/1/meeting",
        "/oparl/1.1/body/1/paper",
        "/oparl/1.1/body/1/location",
    )
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    with django_capture_on_commit_callbacks(execute=True):
        item = session.agenda.items.get(number="1")
        item.title = "Begrüßung und Tagesordnung"
        item.save()
    changed = client.get(ours)
    assert changed["X-Page-Cache"] == "miss" and "Begrüßung und Tagesordnung" in changed.content.decode()
    assert client.get("/oparl/1.1/body/1/meeting")["X-Page-Cache"] == "miss"  # it shows that meeting
    for url in (theirs, "/oparl/1.1/body/1/location"):
        assert client.get(url)["X-Page-Cache"] == "hit", url
    with django_capture_on_commit_callbacks(execute=True):
        paper_for(world.public.single, other.start.date(), "Neue öffentliche Vorlage", public=True)
    papers = client.get("/oparl/1.1/body/1/paper")
    assert papers["X-Page-Cache"] == "miss" and "Neue öffentliche Vorlage" in papers.content.decode()


@pytest.mark.django_db
def test_ids_come_from_one_address_whatever_host_the_request_named(world, settings):
    settings.ALLOWED_HOSTS = ["testserver", "oparl.intern"]
    inside = Client().get("/oparl/1.1/body/1/meeting", HTTP_HOST="oparl.intern").json()
    assert inside == get(BASE + "body/1/meeting")[1]
    assert inside["data"][0]["id"].startswith(BASE) and inside["links"]["first"].startswith(BASE)
    settings.OPARL_BASE_URL = "https://daten.staedtetag.example"
    system = Client().get("/oparl/1.1/system", HTTP_HOST="oparl.intern").json()
    assert system["id"] == "https://daten.staedtetag.example/oparl/1.1/system"
    assert system["body"] == "https://daten.staedtetag.example/oparl/1.1/body"
    assert system["website"] == "https://daten.staedtetag.example/"
    meeting = get(BASE + "body/1/meeting")[1]["data"][0]
    assert meeting["web"].startswith("https://daten.staedtetag.example/de/termine/")


@pytest.mark.django_db
def test_an_address_written_otherwise_is_moved_to_the_one_the_interface_writes(world, session):
    key = str(world.committee.translation_key)
    series, stamp_ = session.occurrence.identity.split("/")
    since = "modified_since=2026-01-01T00%3A00%3A00%2B01%3A00"
    moves = {
        f"paper/0{session.public_paper.pk}": f"paper/{session.public_paper.pk}",
        f"organization/{key.upper()}": f"organization/{key}",
        f"organization/{key.replace('-', '')}/meeting": f"organization/{key}/meeting",
        f"meeting/{series.upper()}/{stamp_.lower()}": f"meeting/{series}/{stamp_}",
        "body/01": "body/1",
        "body/1/meeting?page=1": "body/1/meeting",
        "body/1/meeting?limit=100": "body/1/meeting",
        f"body/1/meeting?{since}&limit=5": f"body/1/meeting?limit=5&{since}",
        "body/1/meeting?page=02&limit=5": "body/1/meeting?limit=5&page=2",
        "body/1/paper/": "body/1/paper",
        "system/": "system",
    }
    for asked, canonical in moves.items():
        response, _data = get(BASE + asked)
        assert response.status_code == 301, asked
        assert response["Location"] == BASE + canonical, asked
        assert response["Access-Control-Allow-Origin"] == "*"
        assert get(response["Location"])[0].status_code == 200, canonical
    for written in ("body/1/meeting?limit=5&page=2", f"body/1/meeting?{since}", "paper/1"):
        assert get(BASE + written)[0].status_code in (200, 404), written  # no move


@pytest.mark.django_db
def test_the_body_has_every_list_of_oparl_1_1_and_its_list_honours_the_filters(world, session):
    body = get(BASE + "body/1")[1]
    assert every(body["consultation"]) == [] and every(body["legislativeTermList"]) == []
    assert body["legislativeTerm"] == []
    meeting = get(meeting_url(session.occurrence))[1]
    assert every(body["agendaItem"]) == meeting["agendaItem"]
    assert {"ags", "rgs", "equivalent"}.isdisjoint(body)  # a Städtetag has no keys of its own
    assert [b["id"] for b in every(BASE + "body")] == [body["id"]]
    for selecting, found in (
        ("modified_since=2100-01-01T00:00:00%2B01:00", []),
        ("created_until=2026-11-30T23:59:59%2B01:00", []),
        ("created_since=2026-11-30T23:59:59%2B01:00", [body["id"]]),
        (f"modified_until={body['modified'].replace('+', '%2B')}", [body["id"]]),
    ):
        assert [b["id"] for b in every(BASE + "body?" + selecting)] == found, selecting


@pytest.mark.django_db
def test_the_body_carries_the_keys_the_settings_give(world, settings):
    settings.OPARL_AGS, settings.OPARL_RGS = "06414000", "064140000000"
    settings.OPARL_EQUIVALENT = ["https://www.wikidata.org/entity/Q1"]
    body = get(BASE + "body/1")[1]
    assert (body["ags"], body["rgs"], body["equivalent"]) == (
        "06414000",
        "064140000000",
        ["https://www.wikidata.org/entity/Q1"],
    )


@pytest.mark.django_db
def test_bounds_include_an_object_at_the_second_it_shows(world):
    occurrence = Occurrence.objects.visible().order_by("original_start").first()
    shown = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1)
    Occurrence.objects.filter(pk=occurrence.pk).update(
        created_at=shown + datetime.timedelta(microseconds=700000),
        modified_at=shown + datetime.timedelta(microseconds=700000),
    )
    url = meeting_url(occurrence)
    assert get(url)[1]["modified"] == stamp(timezone.localtime(shown))
    at = stamp(timezone.localtime(shown)).replace("+", "%2B")
    before = stamp(timezone.localtime(shown - datetime.timedelta(seconds=1))).replace("+", "%2B")
    for selecting, included in (
        (f"modified_until={at}", True),
        (f"created_until={at}", True),
        (f"modified_since={at}", True),
        (f"modified_since={at}&modified_until={at}", True),
        (f"modified_until={before}", False),
        (f"created_until={before}", False),
    ):
        ids = {m["id"] for m in every(BASE + "body/1/meeting?" + selecting)}
        assert (url in ids) is included, selecting


@pytest.mark.django_db
def test_an_answer_not_modified_is_readable_by_every_origin(world, settings):
    settings.PAGE_CACHE_ENABLED = True
    client = Client()
    first = client.get("/oparl/1.1/body/1/organization", HTTP_ORIGIN="https://app.example")
    again = client.get(
        "/oparl/1.1/body/1/organization", HTTP_ORIGIN="https://app.example", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
def test_seats_leave_as_deleted_objects_and_move_their_person(world):
    insider = world.visitors["insider"].member_profile
    insider.published = True
    insider.save()
    (seat,) = every(BASE + "body/1/membership")
    person = get(BASE + f"person/{insider.pk}")[1]
    since = person["modified"].replace("+", "%2B")
    MemberProfile.objects.filter(pk=insider.pk).update(
        modified_at=timezone.now() - datetime.timedelta(days=1)
    )
    insider.memberships.get().delete()
    response, gone = get(seat["id"])
    assert response.status_code == 200 and set(gone) == {"id", "type", "created", "modified", "deleted"}
    assert [s["id"] for s in every(BASE + f"body/1/membership?modified_since={since}")] == [seat["id"]]
    assert [p["id"] for p in every(BASE + f"body/1/person?modified_since={since}")] == [person["id"]]
    assert "membership" not in get(person["id"])[1]


@pytest.mark.django_db
def test_a_file_has_a_validator_and_a_client_may_ask_for_a_part(world, session):
    url = f"/oparl/1.1/file/{session.public_paper.pk}/access"
    whole = Client().get(url)
    content = b"".join(whole.streaming_content)
    size = len(content)
    assert whole["Accept-Ranges"] == "bytes" and whole["ETag"]
    current = Client().get(url, HTTP_IF_NONE_MATCH=whole["ETag"])
    assert current.status_code == 304 and current["Access-Control-Allow-Origin"] == "*"
    for asked, first, last in (
        ("bytes=0-9", 0, 9),
        ("bytes=-5", size - 5, size - 1),
        ("bytes=10-", 10, size - 1),
    ):
        part = Client().get(url, HTTP_RANGE=asked)
        assert part.status_code == 206, asked
        assert b"".join(part.streaming_content) == content[first : last + 1], asked
        assert part["Content-Range"] == f"bytes {first}-{last}/{size}", asked
        assert part["Content-Length"] == str(last - first + 1) and part["Content-Disposition"] == "inline"
    beyond = Client().get(url, HTTP_RANGE=f"bytes={size}-")
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{size}"
    for headers in ({"HTTP_RANGE": "bytes=0-1,5-6"}, {"HTTP_RANGE": "bytes=0-9", "HTTP_IF_RANGE": '"alt"'}):
        everything = Client().get(url, **headers)
        assert everything.status_code == 200 and b"".join(everything.streaming_content) == content, headers
    download = Client().get(url.replace("/access", "/download"), HTTP_RANGE="bytes=0-9")
    assert download.status_code == 206 and download["Content-Disposition"].startswith("attachment; filename=")
    # The office replaces the document's file: another validator, and the paper is modified.
    yesterday = timezone.now() - datetime.timedelta(days=1)
    MeetingPaper.objects.filter(pk=session.public_paper.pk).update(modified_at=yesterday)
    document = session.public_paper.document
    document.file.save("neu.pdf", io.BytesIO(content + b"\n% Nachtrag\n"))
    assert Client().get(url)["ETag"] != whole["ETag"]
    paper = get(BASE + f"paper/{session.public_paper.pk}")[1]
    assert paper["modified"] > stamp(timezone.localtime(yesterday)) and paper["mainFile"]["size"] == size + 12
