"""Readers' calendar: the "Termine" box, "Alle Termine", month view, meeting and committee pages."""

import datetime
import json
import re

import pytest
import recurrence
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from calendar_app.models import Occurrence, OccurrenceChange
from core.translation import translate
from tests import factories
from tests.factories import GERMAN_MONTHS


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def next_weekday(day, weekday):
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


@pytest.fixture
def calendar(site):
    today = timezone.localdate()
    topic = factories.make_topic(site)
    index = factories.make_events_index(site)
    social = factories.make_committee(site, "AG Soziales", "ag-soziales", topic=topic)
    sport = factories.make_committee(
        site, "Sonderausschuss Sport", "sonderausschuss-sport", kind="special_committee"
    )
    hdks = factories.make_venue(site)
    riedstadt = factories.make_venue(site, "Bürgerhaus", "", "Riedstadt")
    first = next_weekday(today + datetime.timedelta(days=1), 1)  # the next Tuesday
    weekly = factories.make_series(
        index,
        social,
        "Sitzung der AG Soziales",
        rule=recurrence.Rule(recurrence.WEEKLY),
        start_date=first - datetime.timedelta(weeks=10),
        start_time=(10, 0),
        end_time=(12, 0),
        venue=hdks,
    )
    single = factories.make_series(
        index,
        sport,
        "Sitzung Sport",
        start_date=first + datetime.timedelta(days=2),
        start_time=(14, 0),
        end_time=(13, 0),
        duration_days=2,
        venue=riedstadt,
    )
    weekly.changes.add(
        OccurrenceChange(original_date=first + datetime.timedelta(weeks=1), cancelled=True, note="Fällt aus.")
    )
    weekly.changes.add(
        OccurrenceChange(
            original_date=first + datetime.timedelta(weeks=2),
            new_date=first + datetime.timedelta(weeks=2, days=1),
            note="Verlegt.",
        )
    )
    weekly.save_revision().publish()
    english = translate(
        weekly,
        site.en,
        {
            "Sitzung der AG Soziales": "Meeting of the social affairs group",
            "sitzung-der-ag-soziales": "social-affairs-meeting",
            "Fällt aus.": "Cancelled.",
            "Verlegt.": "Moved.",
        },
    )
    return factories.SimpleNamespace(
        site=site,
        index=index,
        social=social,
        sport=sport,
        weekly=weekly,
        single=single,
        first=first,
        english=english,
        topic=topic,
    )


def box_items(response):
    return soup(response).select("#termine-heading ~ ul.termine > li")


@pytest.mark.django_db
def test_termine_box_shows_the_next_seven_meetings_as_on_the_seed_page(client, calendar):
    items = box_items(client.get("/de/"))
    assert len(items) == 7
    first = items[0]
    assert first.select_one(".date-badge__day").get_text() == calendar.first.strftime("%d")
    expected = f"{calendar.first:%d.%m.%y} | 10:00 Uhr"
    assert first.find("time").get_text(strip=True) == expected
    assert first.select_one(".termin__title").get_text(strip=True) == "AG Soziales"
    assert "HdKS, Wiesbaden" in first.get_text()
    two_day = next(li for li in items if "Sonderausschuss Sport" in li.get_text())
    assert "Riedstadt (2-tägig)" in " ".join(two_day.get_text(" ", strip=True).split())
    cancelled = (
        items[2]
        if "abgesagt" in items[2].get_text()
        else next(li for li in items if "abgesagt" in li.get_text())
    )
    assert "Fällt aus." in cancelled.get_text()
    assert soup(client.get("/de/")).find("a", string="Alle Termine")["href"] == "/de/termine/"


@pytest.mark.django_db
def test_english_box_uses_english_texts_and_times(client, calendar):
    items = box_items(client.get("/en/"))
    assert items[0].find("time").get_text(strip=True) == f"{calendar.first:%d/%m/%Y} | 10:00"
    assert items[0].select_one(".termin__title").get_text(strip=True) == "AG Soziales (EN)"
    texts = " ".join(li.get_text(" ", strip=True) for li in items)
    assert "cancelled" in texts and "Cancelled." in texts and "Fällt aus." not in texts


@pytest.mark.django_db
def test_all_meetings_list_groups_by_month_and_marks_changes(client, calendar):
    page = soup(client.get("/de/termine/"))
    assert page.h1.get_text(strip=True) == "Alle Termine"
    months = [h2.get_text(strip=True) for h2 in page.select("main section > h2")]
    assert months[0] == f"{GERMAN_MONTHS[calendar.first.month - 1]} {calendar.first.year}"
    text = page.get_text(" ", strip=True)
    moved_from = calendar.first + datetime.timedelta(weeks=2)
    assert f"verschoben vom {moved_from:%d.%m.%y}" in text
    assert "abgesagt" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?committee=sonderausschuss-sport", {"Sitzung Sport"}),
        ("?kind=special_committee", {"Sitzung Sport"}),
        ("?topic=soziales", {"Sitzung der AG Soziales"}),
        ("?place=Riedstadt", {"Sitzung Sport"}),
        ("?place=online", set()),
    ],
)
def test_all_meetings_can_be_filtered_with_bookmarkable_links(client, calendar, query, expected):
    page = soup(client.get("/de/termine/" + query))
    assert {a.get_text(strip=True) for a in page.select(".termin__title")} == expected


@pytest.mark.django_db
def test_month_filter_limits_to_that_month(client, calendar):
    month = f"{calendar.first:%Y-%m}"
    page = soup(client.get(f"/de/termine/?month={month}"))
    for time in page.select(".termin time"):
        assert time["datetime"].startswith(month)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?committee=nix",
        "?kind=nix",
        "?month=2026-13",
        "?month=2026-00",
        "?month=abc",
        "?month=0001-01",
        "?month=9999-12",
        "?place=Atlantis",
        "?topic=x",
    ],
)
def test_invalid_filters_give_an_empty_state(client, calendar, query):
    response = client.get("/de/termine/" + query)
    assert response.status_code == 200
    assert soup(response).select(".termin") == []
    assert "Dieser Filter ist ungültig" in soup(response).find(role="status").get_text()


@pytest.mark.django_db
def test_archive_lists_past_meetings_newest_first(client, calendar):
    page = soup(client.get("/de/termine/archiv/"))
    times = [t["datetime"] for t in page.select(".termin time")]
    assert times and times == sorted(times, reverse=True)
    assert all(t < timezone.localtime().isoformat() for t in times)


@pytest.mark.django_db
def test_month_view_is_an_accessible_table_with_navigation(client, calendar):
    day = calendar.first
    response = client.get(f"/de/termine/monat/{day.year}/{day.month}/")
    page = soup(response)
    table = page.find("table")
    assert re.fullmatch(
        rf"{GERMAN_MONTHS[day.month - 1]} {day.year}: \d+ Termine?", table.caption.get_text(strip=True)
    )
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 7
    assert table.select_one("thead th abbr")["title"] == "Montag"
    cell_links = [a.get_text(strip=True) for a in table.select("td a")]
    assert "10:00 AG Soziales" in cell_links
    previous = page.find("a", rel="prev")["href"]
    assert client.get(previous).status_code == 200
    for unknown in ("2026/13", "2026/0", "0/1", "0/0", "1899/12", "10000/1"):
        assert client.get(f"/de/termine/monat/{unknown}/").status_code == 404, unknown


@pytest.mark.django_db
def test_month_view_links_no_month_beyond_the_calendar(client, calendar):
    first = soup(client.get("/de/termine/monat/1900/1/"))
    assert first.find("a", rel="prev") is None
    assert client.get(first.find("a", rel="next")["href"]).status_code == 200
    last = soup(client.get("/de/termine/monat/2999/12/"))
    assert last.find("a", rel="next") is None
    assert client.get(last.find("a", rel="prev")["href"]).status_code == 200


@pytest.mark.django_db
def test_meeting_page_lists_next_dates_changes_and_json_ld(client, calendar):
    page = soup(client.get(calendar.weekly.url))
    text = page.get_text(" ", strip=True)
    assert "Nächste Termine" in text
    assert "fällt aus" in text and "wird verschoben" in text
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["@type"] == "Place"
    assert data["startDate"].endswith(("+01:00", "+02:00"))
    assert page.find("link", type="text/calendar")["href"] == calendar.weekly.url + "ical/"


@pytest.mark.django_db
def test_meeting_page_gives_times_links_its_committee_and_not_itself(client, calendar):
    page = soup(client.get(calendar.weekly.url))
    facts = {
        dt.get_text(strip=True): dd
        for dt, dd in zip(page.select(".facts dt"), page.select(".facts dd"), strict=True)
    }
    assert facts["Uhrzeit"].get_text(strip=True) == "10:00 bis 12:00 Uhr"
    committee = facts["Gremium"].find("a")
    assert committee.get_text(strip=True) == "AG Soziales"
    assert soup(client.get(committee["href"])).h1.get_text(strip=True) == "AG Soziales"
    main = page.find("article")
    assert main.select(".termin") and not main.find("a", href=calendar.weekly.url)
    two_days = soup(client.get(calendar.single.url)).select(".facts dd")
    assert "2 Tage, am ersten Tag ab 14:00 Uhr, am letzten bis 13:00 Uhr" in [
        dd.get_text() for dd in two_days
    ]
    english = soup(client.get(calendar.weekly.get_translation(calendar.site.en).url))
    assert "10:00 to 12:00" in english.find("dl", class_="facts").get_text()


@pytest.mark.django_db
def test_committee_view_shows_description_and_meetings(client, calendar):
    page = soup(client.get("/de/termine/gremium/ag-soziales/"))
    assert page.h1.get_text(strip=True) == "AG Soziales"
    assert {a.get_text(strip=True) for a in page.select(".termin__title")} == {"Sitzung der AG Soziales"}
    assert client.get("/de/termine/gremium/unbekannt/").status_code == 404


@pytest.mark.django_db
def test_join_link_is_shown_only_when_the_editor_allows_it(client, calendar):
    calendar.single.online_mode = "video"
    calendar.single.join_url = "https://video.example/geheim"
    calendar.single.save_revision().publish()
    assert "video.example/geheim" not in client.get(calendar.single.url).content.decode()
    calendar.single.join_url_public = True
    calendar.single.save_revision().publish()
    assert "video.example/geheim" in client.get(calendar.single.url).content.decode()


@pytest.mark.django_db
def test_unpublished_and_private_meetings_never_appear(client, calendar):
    calendar.single.unpublish()
    assert "Sitzung Sport" not in client.get("/de/termine/").content.decode()
    assert not Occurrence.objects.filter(translation_key=calendar.single.translation_key).exists()
    PageViewRestriction.objects.create(page=calendar.weekly, restriction_type="password", password="x")
    for path in ("/de/termine/", "/de/", "/de/termine/gremium/ag-soziales/", "/de/termine/monat/"):
        titles = [
            a.get_text(strip=True) for a in soup(client.get(path)).select(".termin__title, .month-table td a")
        ]
        assert not any("Soziales" in title for title in titles), path
    assert "AG Soziales" not in client.get("/de/termine/ical/").content.decode()


@pytest.mark.django_db
def test_editing_a_series_keeps_the_identity_of_its_occurrences(calendar):
    before = dict(
        Occurrence.objects.filter(translation_key=calendar.weekly.translation_key).values_list(
            "original_start", "pk"
        )
    )
    calendar.weekly.end_time = datetime.time(13, 0)
    calendar.weekly.save_revision().publish()
    after = dict(
        Occurrence.objects.filter(translation_key=calendar.weekly.translation_key).values_list(
            "original_start", "pk"
        )
    )
    assert after == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/de/", "/de/termine/", "/de/termine/monat/", "/de/termine/ical/", "/de/termine/gremium/ag-soziales/"],
)
def test_calendar_queries_do_not_grow_with_series_or_occurrences(client, calendar, path):
    def measure():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    small = measure()
    for number in range(6):
        factories.make_series(
            calendar.index,
            calendar.social,
            f"Weitere Serie {number}",
            rule=recurrence.Rule(recurrence.DAILY),
            start_date=calendar.first - datetime.timedelta(days=40),
            venue=calendar.weekly.venue,
            online_mode="video",
        )
    assert Occurrence.objects.count() > 1000
    # The same or fewer: with only the daily series in view, the lookup of changes is not needed.
    assert measure() <= small


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "english"),
    [
        ("/de/termine/monat/2026/12/", "/en/events/month/2026/12/"),
        ("/de/termine/archiv/", "/en/events/archive/"),
        ("/de/termine/gremium/ag-soziales/", "/en/events/committee/ag-soziales-en/"),
        (
            "/de/termine/?committee=ag-soziales&place=Wiesbaden&page=2",
            "/en/events/?committee=ag-soziales-en&place=Wiesbaden",
        ),
        ("/de/termine/?topic=soziales", "/en/events/?topic=social-affairs"),
    ],
)
def test_switching_language_keeps_the_view_and_its_filters(client, calendar, path, english):
    switch = soup(client.get(path)).find("nav", class_="language-switcher").find("a", hreflang="en")
    assert switch["href"] == english
    assert client.get(english).status_code == 200


@pytest.mark.django_db
def test_month_view_marks_cancelled_and_moved_meetings(client, calendar):
    cancelled = calendar.first + datetime.timedelta(weeks=1)
    moved_from = calendar.first + datetime.timedelta(weeks=2)
    moved_to = moved_from + datetime.timedelta(days=1)
    for day, mark in ((cancelled, "abgesagt"), (moved_to, f"verschoben vom {moved_from:%d.%m.%y}")):
        table = soup(client.get(f"/de/termine/monat/{day.year}/{day.month}/")).find("table")
        label = f"{day:%-d}. {GERMAN_MONTHS[day.month - 1]} {day.year}"
        cell = next(
            td for td in table.select("td") if td.select_one(".day-number span").get_text().endswith(label)
        )
        assert mark in cell.get_text(" ", strip=True)


@pytest.mark.django_db
def test_german_urls_say_gremium_monat_archiv_and_the_old_ones_redirect_permanently(client, calendar):
    assert client.get("/de/termine/gremium/ag-soziales/").status_code == 200
    assert client.get("/de/termine/monat/").status_code == 200
    assert client.get("/de/termine/archiv/").status_code == 200
    for old, new in (
        ("/de/termine/committee/ag-soziales/", "/de/termine/gremium/ag-soziales/"),
        ("/de/termine/committee/ag-soziales/ical/", "/de/termine/gremium/ag-soziales/ical/"),
        ("/de/termine/month/2026/3/", "/de/termine/monat/2026/3/"),
        ("/de/termine/archive/", "/de/termine/archiv/"),
        ("/en/events/gremium/ag-soziales-en/", "/en/events/committee/ag-soziales-en/"),
    ):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == new, old
    # Links on the pages use the page's language, and the switcher translates the words.
    page = soup(client.get("/de/termine/"))
    assert page.find("a", href="/de/termine/monat/") and page.find("a", href="/de/termine/archiv/")
    switcher = soup(client.get("/de/termine/gremium/ag-soziales/")).select_one(
        '.language-switcher a[lang="en"]'
    )
    assert switcher["href"] == "/en/events/committee/ag-soziales-en/"
