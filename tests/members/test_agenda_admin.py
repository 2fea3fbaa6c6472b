"""The office's agendas in the admin: "Tagesordnungen und Sitzungen" lists each meeting once, the
agenda in German (to which invitations, replies and the attendance list belong) with its English
translation beside it; the agenda item's paper chooser offers this meeting's papers first, marks
the others of the series with their meeting's date and offers no paper of another series."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from core.translation import translate
from members.models import Agenda
from tests.members.helpers import make_agenda, next_meeting

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
