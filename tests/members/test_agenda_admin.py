"""The office's agendas in the admin: "Tagesordnungen und Sitzungen" lists each meeting once, the
agenda in German (to which invitations, replies and the attendance list belong) with its English
translation beside it; the agenda item's paper chooser offers this meeting's papers first, marks
the others of the series with their meeting's date and offers no paper of another series."""

import datetime
import re
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from core.translation import translate
from members.models import Agenda, AgendaItem
from tests.core.test_multiple_upload import form_fields
from tests.members.helpers import make_agenda, next_meeting, paper_for

LISTING = "/admin/snippets/members/agenda/"


def rows(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [
        (" ".join(row.get_text(" ").split()), [a["href"] for a in row.find_all("a", href=True)])
        for row in page.select("table tbody tr")
    ]


def meetings(world, count):
    """`count` agendas of the weekly series' next meetings, the first `count - 1` translated."""
    series = world.public.weekly
    agendas = []
    for week in range(count):
        occurrence = next_meeting(series, after_days=1 + 7 * week)
        agenda = make_agenda(series, occurrence)
        if week < count - 1:
            translate(agenda, world.public.site.en, {"Begrüßung": "Welcome", "Haushalt 2027": "Budget 2027"})
        agendas.append(agenda)
    return agendas


@pytest.fixture
def office(client, admin_user):
    client.force_login(admin_user)
    return client


def test_each_meeting_is_listed_once_with_its_translation_beside_it(world, office):
    agendas = meetings(world, 3)
    english = {
        a.pk: Agenda.objects.get(translation_key=a.translation_key, locale__language_code="en")
        for a in agendas[:2]
    }
    listed = rows(office.get(LISTING))
    assert len(listed) == 3
    texts = [text for text, _links in listed]
    assert len(set(texts)) == len(texts), texts  # no two rows alike
    for agenda in agendas:
        ((text, links),) = [row for row in listed if reverse("members_session", args=[agenda.pk]) in row[1]]
        assert reverse(Agenda.snippet_viewset.get_url_name("edit"), args=[agenda.pk]) in links
        if agenda.pk in english:
            assert reverse(Agenda.snippet_viewset.get_url_name("edit"), args=[english[agenda.pk].pk]) in links
            assert re.search(r"\bEnglisch\b", text) and "Englisch fehlt" not in text
        else:
            assert "Englisch fehlt" in text
    assert "Übersetzung" in office.get(LISTING).content.decode()  # the column's heading


def test_the_language_filter_lists_the_agendas_of_that_language(world, office):
    agendas = meetings(world, 2)
    listed = rows(office.get(LISTING + "?locale=en"))  # as the filter sends it
    english = Agenda.objects.get(translation_key=agendas[0].translation_key, locale__language_code="en")
    assert len(listed) == 1
    ((text, links),) = listed
    assert reverse(Agenda.snippet_viewset.get_url_name("edit"), args=[english.pk]) in links
    assert re.search(r"\bDeutsch\b", text)  # its German original beside it


def test_an_agenda_written_only_in_english_is_listed_too(world, office):
    occurrence = next_meeting(world.public.english_weekly)
    agenda = make_agenda(world.public.english_weekly, occurrence)
    assert agenda.locale == Locale.objects.get(language_code="en")
    ((text, links),) = rows(office.get(LISTING))
    assert reverse(Agenda.snippet_viewset.get_url_name("edit"), args=[agenda.pk]) in links
    assert "Deutsch fehlt" in text


def ours(queries):
    """The listing's queries but those of wagtail-localize's buttons on each row ("Übersetzen",
    "Übersetzte Schnipsel synchronisieren"), which ask per row (a page of the listing has 20 rows)."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if "wagtail_localize_" not in query["sql"] and 'NOT ("wagtailcore_locale"."id" IN' not in query["sql"]
    ]


def test_the_listing_and_its_translations_ask_the_database_as_often_for_six_meetings_as_for_two(
    world, office
):
    meetings(world, 2)
    with CaptureQueriesContext(connection) as two:
        assert len(rows(office.get(LISTING))) == 2
    Agenda.objects.all().delete()
    meetings(world, 6)
    with CaptureQueriesContext(connection) as six:
        assert len(rows(office.get(LISTING))) == 6
    assert len(ours(six)) == len(ours(two)), ours(six)


def options(page, name):
    """The options of a select of the page, or of one of its templates (the blank form of a new item)."""
    found = [page.select_one(f"select[name='{name}']")]
    found += [
        BeautifulSoup(template.decode_contents(), "html.parser").select_one(f"select[name='{name}']")
        for template in page.select("template")
    ]
    select = next(element for element in found if element is not None)
    return [(option.get_text(strip=True), option.has_attr("selected")) for option in select.select("option")]


def edit_form(office, agenda):
    url = reverse(Agenda.snippet_viewset.get_url_name("edit"), args=[agenda.pk])
    return url, BeautifulSoup(office.get(url).content, "html.parser")


@pytest.fixture
def papers(world):
    """The next meeting's agenda, and papers: this meeting's, the series', an earlier meeting's (two
    weeks back and five), and one of another series."""
    series = world.public.weekly
    occurrence = next_meeting(series, after_days=10)
    agenda = make_agenda(series, occurrence)
    day = agenda.meeting_date
    return SimpleNamespace(
        agenda=agenda,
        own=paper_for(series, day, "Beschlussvorlage Haushalt", kind="proposal"),
        older=paper_for(series, day - datetime.timedelta(weeks=5), "Protokoll", kind="minutes"),
        last=paper_for(series, day - datetime.timedelta(weeks=2), "Protokoll", kind="minutes"),
        other_series=paper_for(world.secret, world.public.today, "Tagesordnung Klausur"),
    )


def test_the_paper_chooser_offers_this_meetings_papers_first_and_dates_the_others(world, office, papers):
    _url, page = edit_form(office, papers.agenda)
    date = "{:%d.%m.%Y}".format
    expected = [
        "Beschlussvorschlag: Beschlussvorlage Haushalt",  # this meeting's (the label names the kind)
        "Tagesordnung Serie (ganze Reihe)",  # the series' own, for every meeting
        f"Niederschrift Einzeltermin (Sitzung vom {date(world.meeting_paper.meeting_date)})",  # newest first
        f"Niederschrift: Protokoll (Sitzung vom {date(papers.last.meeting_date)})",
        f"Niederschrift: Protokoll (Sitzung vom {date(papers.older.meeting_date)})",
    ]
    assert world.meeting_paper.meeting_date > papers.last.meeting_date  # a meeting after this one
    for name in ("items-0-papers", "items-1-papers", "items-__prefix__-papers"):  # each item and a new one
        assert [text for text, _selected in options(page, name)] == expected, name  # none of another series


def test_a_paper_of_another_series_is_refused_and_one_an_item_has_is_kept(world, office, papers):
    url, page = edit_form(office, papers.agenda)
    fields = form_fields(page.select_one("form[method='post'][action]"))
    data = {**fields, "items-0-papers": [str(papers.other_series.pk)]}
    refused = office.post(url, data)
    assert refused.status_code == 200 and not papers.agenda.items.get(number="1").papers.exists()
    assert "keine gültige Auswahl" in refused.content.decode()
    # An item that has a paper of another series from before keeps it, marked with its series.
    item = papers.agenda.items.get(number="1")
    item.papers.set([papers.other_series, papers.own])
    item.save()
    _url, page = edit_form(office, papers.agenda)
    chosen = [text for text, selected in options(page, "items-0-papers") if selected]
    assert chosen == [
        "Beschlussvorschlag: Beschlussvorlage Haushalt",
        "Tagesordnung Klausur (andere Reihe: Klausur Geheimsache)",
    ]
    fields = form_fields(page.select_one("form[method='post'][action]"))
    saved = office.post(url, {**fields, "items-0-papers": [papers.own.pk, papers.other_series.pk]})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert set(papers.agenda.items.get(number="1").papers.all()) == {papers.own, papers.other_series}


def test_the_agenda_form_asks_the_database_as_often_for_six_items_as_for_two(world, office, papers):
    """The papers offered are read once for all items. Django's model form reads each item's chosen
    papers for its initial value (model_to_dict, a query per item form): those are left out."""

    def queries():
        with CaptureQueriesContext(connection) as captured:
            _url, page = edit_form(office, papers.agenda)
        assert options(page, "items-1-papers")[0][0] == "Beschlussvorschlag: Beschlussvorlage Haushalt"
        return [
            query["sql"]
            for query in captured.captured_queries
            if not re.search(r'"members_agendaitem_papers"\."agendaitem_id" = \d+', query["sql"])
        ]

    papers.agenda.items.first().papers.set([papers.own])
    two = queries()
    for number in range(3, 7):
        item = AgendaItem.objects.create(
            agenda=papers.agenda, number=str(number), title=f"Punkt {number}", locale=papers.agenda.locale
        )
        item.papers.set([papers.own, papers.last])
    six = queries()
    assert len(six) == len(two), six
