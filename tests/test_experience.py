"""Editors' and readers' experience: the series in words, the recurrence preview, German admin forms,
orientation (breadcrumbs, robots.txt, favicon), the month filter, search with synonyms, API shapes."""

import datetime
import json

import pytest
import recurrence
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from calendar_app import occurrences as expansion
from calendar_app.describe import describe
from core.models import SearchSynonyms
from tests import factories


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def public(site):
    return factories.make_public_site(site)


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


# The series in words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "german", "english"),
    [
        (
            expansion.Schedule(
                datetime.date(2024, 5, 6),
                datetime.time(10),
                datetime.time(12),
                recurrence=recurrence.Recurrence(
                    rrules=[recurrence.Rule(recurrence.MONTHLY, byday=[recurrence.MO(1)])]
                ),
            ),
            "Jeden ersten Montag im Monat, 10:00 bis 12:00 Uhr, ab 6. Mai 2024",
            "Every first Monday of the month, 10:00 to 12:00, from 6 May 2024",
        ),
        (
            expansion.Schedule(
                datetime.date(2024, 5, 7),
                datetime.time(9, 30),
                datetime.time(10),
                recurrence=recurrence.Recurrence(
                    rrules=[
                        recurrence.Rule(recurrence.WEEKLY, interval=2, byday=[recurrence.TU, recurrence.TH])
                    ],
                    exdates=[datetime.datetime(2024, 6, 4, tzinfo=datetime.UTC)],
                ),
            ),
            "Alle 2 Wochen am Dienstag und Donnerstag, 09:30 bis 10:00 Uhr, ab 7. Mai 2024 (1 Ausnahme)",
            "Every 2 weeks on Tuesday and Thursday, 09:30 to 10:00, from 7 May 2024 (1 exception)",
        ),
        (
            expansion.Schedule(
                datetime.date(2024, 5, 31),
                None,
                None,
                2,
                recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.MONTHLY, bymonthday=[-1], count=6)]),
            ),
            "Monatlich am letzten Tag, ganztägig, 2 Tage, ab 31. Mai 2024, 6-mal",
            "Monthly on the last day, all day, 2 days, from 31 May 2024, 6 times",
        ),
    ],
)
def test_a_series_reads_as_a_sentence_in_both_languages(schedule, german, english):
    with translation.override("de"):
        assert describe(schedule) == german
    with translation.override("en"):
        assert describe(schedule) == english


@pytest.mark.django_db
def test_the_meeting_page_states_its_rule_in_words(client, public):
    text = soup(client.get("/de/termine/sitzung-ag-soziales/")).select_one(".schedule-text").get_text()
    assert text.startswith("Jeden ") and "10:00 bis 12:00 Uhr, ab " in text


# The recurrence editor's preview ----------------------------------------------------------------


def preview(editor, **data):
    response = editor.post("/admin/calendar/recurrence-preview/", data)
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_the_preview_shows_the_rule_in_words_and_the_next_ten_dates_with_changes(editor, site):
    today = datetime.date.today()
    first = today + datetime.timedelta(days=(7 - today.weekday()) % 7 or 7)  # next Monday
    cancelled, moved = first + datetime.timedelta(weeks=1), first + datetime.timedelta(weeks=2)
    with translation.override("de"):
        result = preview(
            editor,
            start_date=first.isoformat(),
            start_time="10:00",
            end_time="12:00",
            duration_days="1",
            recurrence="RRULE:FREQ=WEEKLY",
            **{
                "changes-TOTAL_FORMS": "2",
                "changes-0-original_date": cancelled.isoformat(),
                "changes-0-cancelled": "on",
                "changes-1-original_date": moved.isoformat(),
                "changes-1-new_date": (moved + datetime.timedelta(days=1)).isoformat(),
            },
        )
    assert result["summary"].startswith("Jeden Montag, 10:00 bis 12:00 Uhr, ab ")
    assert len(result["dates"]) == 10
    assert [d["status"] for d in result["dates"][:3]] == ["scheduled", "cancelled", "moved"]
    assert result["dates"][2]["note"] == f"verschoben vom {moved:%d.%m.%y}"
    assert result["problems"] == []


@pytest.mark.django_db
def test_the_preview_explains_a_rule_that_cannot_be_saved(editor, site):
    result = preview(
        editor, start_date="2027-01-06", start_time="10:00", end_time="12:00", recurrence="RRULE:FREQ=HOURLY"
    )
    assert result["dates"] == [] and "höchstens täglich" in result["problems"][0]
    result = preview(editor, start_date="2027-01-06", recurrence="RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=1MO")
    assert "kein Datum, das diese Regel ergibt" in result["problems"][0]
    result = preview(editor, start_date="", recurrence="")
    assert result["summary"] == "Geben Sie das Datum des ersten Termins ein."


@pytest.mark.django_db
@pytest.mark.parametrize("start", ["9999-12-31", "31.12.9999", "0001-01-01", "01.01.0001", "2999-12-31"])
@pytest.mark.parametrize(
    "rule",
    [
        "",
        "RRULE:FREQ=DAILY",
        "RRULE:FREQ=WEEKLY;UNTIL=99991231T000000Z",
        "RRULE:FREQ=DAILY\nRDATE:99991231T100000Z",
    ],
)
def test_the_preview_answers_dates_at_the_ends_of_the_calendar_with_a_message(editor, site, start, rule):
    """Near year 1 or 9999 the preview used to overflow (a 500) or expand two thousand years of daily
    meetings per keystroke; now it says which dates the calendar takes, and the change rows with such
    dates are left out of the preview (the form names them when it is saved)."""
    result = preview(
        editor,
        start_date=start,
        start_time="23:30",
        end_time="00:30",
        duration_days="2",
        recurrence=rule,
        **{
            "changes-TOTAL_FORMS": "2",
            "changes-0-original_date": "31.12.9999",
            "changes-0-cancelled": "on",
            "changes-1-original_date": start,
            "changes-1-new_date": "01.01.0001",
        },
    )
    if start.startswith("2999"):  # the last day the calendar takes: a series, far beyond the next dates
        if "99991231" in rule:  # the rule names a day beyond it
            assert "außerhalb des Kalenders" in result["problems"][0] and result["dates"] == []
        else:
            assert "31. Dezember 2999" in result["summary"] and result["problems"] == []
    else:
        assert result["dates"] == []
        assert "Termine sind in den Jahren 1900 bis 2999 möglich." in result["problems"][0]


@pytest.mark.django_db
def test_the_preview_is_for_editors_only(client, site):
    assert client.post("/admin/calendar/recurrence-preview/", {"start_date": "2027-01-06"}).status_code == 302


@pytest.mark.django_db
def test_the_recurrence_catalogue_loads_on_the_login_page_too(client):
    response = client.get("/admin/recurrence-i18n.js")
    assert response.status_code == 200 and "javascript" in response["Content-Type"]
    assert "chentlich" in response.content.decode()  # "W\\u00f6chentlich": the German catalogue


# German admin forms -----------------------------------------------------------------------------


def article_form(news_topic, **overrides):
    data = {
        "title": "Städte für Bürger",
        "slug": "städte-für-bürger",
        "kind": "statement",
        "date": "02.03.2016",
        "teaser": "Die Städte brauchen Entlastung.",
        "body": streamfield([("paragraph", rich_text("<p>Text.</p>")), ("paragraph", rich_text(""))]),
        "downloads": inline_formset([]),
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    form = nested_form_data(data)
    form["topics"] = [str(news_topic.pk)]
    return form


@pytest.mark.django_db
def test_topics_are_checkboxes_and_dates_are_german(editor, public):
    html = editor.get(f"/admin/pages/{public.article.pk}/edit/").content.decode()
    page = BeautifulSoup(html, "html.parser")
    assert page.select('input[type="checkbox"][name="topics"]')
    assert page.select_one("#id_date")["value"] == public.article.date.strftime("%d.%m.%Y")


@pytest.mark.django_db
def test_slugs_are_transliterated_and_an_empty_block_does_not_stop_publishing(editor, public):
    response = editor.post(
        f"/admin/pages/add/articles/articlepage/{public.news.pk}/",
        article_form(public.topic, **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(title="Städte für Bürger")
    assert article.slug == "staedte-fuer-buerger" and article.live
    assert [block.block_type for block in article.body] == ["paragraph"]  # the empty one is gone


@pytest.mark.django_db
def test_a_taken_short_name_names_and_links_the_existing_draft(editor, public):
    draft = factories.make_article(public.news, "Entwurf zur Kita", slug="kita")
    draft.unpublish()
    response = editor.post(
        f"/admin/pages/add/articles/articlepage/{public.news.pk}/",
        article_form(public.topic, title="Kita", slug="kita", **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    error = soup(response).select_one(
        "#panel-child-promote-child-for_search_engines-child-slug-section, .w-field__errors"
    )
    message = soup(response).find(string=lambda s: s and "Kurztitel „kita“" in s)
    assert message is not None and "Entwurf zur Kita" in message and "Entwurf" in message
    assert soup(response).find("a", href=f"/admin/pages/{draft.pk}/edit/") is not None
    assert error is not None


# Orientation --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_below_home_have_breadcrumbs_with_schema_org(client, public):
    page = soup(client.get("/de/termine/gremium/ag-soziales/"))
    crumbs = [(a.get_text(), a["href"]) for a in page.select("nav.breadcrumbs a")]
    assert crumbs == [
        ("Startseite", "/de/"),
        ("Termine", "/de/termine/"),
        ("AG Soziales", "/de/termine/gremium/ag-soziales/"),
    ]
    data = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    trail = next(d for d in data if d.get("@type") == "BreadcrumbList")
    assert [item["name"] for item in trail["itemListElement"]] == ["Startseite", "Termine", "AG Soziales"]
    assert trail["itemListElement"][0]["item"] == "http://testserver/de/"
    assert not soup(client.get("/de/")).select("nav.breadcrumbs")


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_there_is_a_favicon(client, public):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    assert "Disallow: /admin/" in robots.content.decode()
    assert soup(client.get("/de/")).select_one('link[rel="icon"]')["href"].endswith(".svg")
    assert client.get("/favicon.ico").status_code == 301


@pytest.mark.django_db
def test_the_month_filter_offers_the_months_that_have_meetings(client, public):
    options = soup(client.get("/de/termine/")).select("#filter-month option")
    assert options[0].get_text() == "Alle Monate"
    values = [o["value"] for o in options[1:]]
    assert values and values == sorted(values)
    assert all(len(v) == 7 and v[4] == "-" for v in values)
    assert f"{public.today:%Y-%m}" in values or f"{public.today + datetime.timedelta(days=7):%Y-%m}" in values


@pytest.mark.django_db
def test_the_month_is_also_an_agenda_list_for_phones(client, public):
    page = soup(client.get("/de/termine/monat/"))
    assert page.select("table.month-table") and page.select(".month-agenda section h2")


# Search ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_editors_synonyms_find_what_readers_call_otherwise(client, public):
    factories.make_article(
        public.news, "Mobilität in den Städten", slug="mobilitaet", teaser="Radwege und Busse."
    )
    assert "Mobilität in den Städten" not in client.get("/de/search/?q=Verkehr").content.decode()
    SearchSynonyms.objects.create(terms="Verkehr, Mobilität, ÖPNV")
    page = soup(client.get("/de/search/?q=Verkehr"))
    assert "Mobilität in den Städten" in [a.get_text() for a in page.select(".card h2 a")]
    assert "Gefunden über: Mobilität" in page.get_text()
    titles = [item["title"] for item in client.get("/api/v2/pages/?search=Verkehr").json()["items"]]
    assert "Mobilität in den Städten" in titles


# API shapes ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_meeting_listings_give_when_who_and_where_and_null_for_none(client, public):
    items = client.get("/api/v2/pages/?type=calendar_app.EventPage").json()["items"]
    item = next(i for i in items if i["title"] == "Sitzung der AG Soziales")
    assert item["venue"]["name"] == "Haus der kommunalen Selbstverwaltung"
    assert item["committee"]["slug"] == "ag-soziales" and item["start_time"] == "10:00:00"
    assert item["online_mode"] is None
