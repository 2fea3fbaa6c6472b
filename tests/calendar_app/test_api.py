"""The occurrences endpoint and meeting pages in the API, as a frontend reads them."""

import datetime

import pytest
import recurrence
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from calendar_app.models import Occurrence, OccurrenceChange
from core.translation import translate
from tests import factories


@pytest.fixture
def api(site):
    index = factories.make_events_index(site)
    committee = factories.make_committee(site)
    venue = factories.make_venue(site)
    series = factories.make_series(
        index,
        committee,
        "Sitzung",
        rule=recurrence.Rule(recurrence.WEEKLY),
        start_date=datetime.date(2026, 3, 17),
        venue=venue,
        online_mode="video",
        join_url="https://video.example/raum",
    )
    series.changes.add(
        OccurrenceChange(original_date=datetime.date(2026, 3, 31), cancelled=True, note="Fällt aus.")
    )
    series.save_revision().publish()
    english = translate(
        series, site.en, {"Sitzung": "Meeting", "sitzung": "meeting", "Fällt aus.": "Cancelled."}
    )
    return factories.SimpleNamespace(
        site=site, index=index, committee=committee, series=series, english=english
    )


def get(client, **params):
    return client.get("/api/v2/occurrences/", params)


@pytest.mark.django_db
def test_occurrences_in_a_range_with_offsets_across_dst(client, api):
    data = get(client, start="2026-03-20", end="2026-04-07", locale="en").json()
    assert data["meta"]["total_count"] == 3
    items = data["items"]
    assert [item["start"] for item in items] == [
        "2026-03-24T10:00:00+01:00",
        "2026-03-31T10:00:00+02:00",
        "2026-04-07T10:00:00+02:00",
    ]
    cancelled = items[1]
    assert cancelled["status"] == "cancelled" and cancelled["note"] == "Cancelled."
    assert cancelled["title"] == "Meeting"
    assert cancelled["series"] == {
        "id": api.english.pk,
        "url": "http://testserver/en/events/meeting/",
        "locale": "en",
    }
    assert cancelled["committee"] == {
        "name": "AG Soziales (EN)",
        "slug": "ag-soziales-en",
        "kind": "working_group",
    }
    assert cancelled["venue"]["city"] == "Wiesbaden" and cancelled["online"] == "video"
    assert cancelled["join_url"] is None  # the editor did not tick that it may be public
    german = get(client, start="2026-03-31", end="2026-03-31", locale="de").json()["items"][0]
    assert german["title"] == "Sitzung" and german["note"] == "Fällt aus."
    assert german["id"] == cancelled["id"]


@pytest.mark.django_db
def test_occurrences_paginate_like_wagtails_endpoints(client, api):
    first = get(client, start="2026-03-01", end="2026-12-31", limit=2).json()
    second = get(client, start="2026-03-01", end="2026-12-31", limit=2, offset=2).json()
    assert first["meta"]["total_count"] == second["meta"]["total_count"] > 30
    assert len(first["items"]) == 2 and first["items"][1]["start"] < second["items"][0]["start"]


@pytest.mark.django_db
def test_occurrences_filter_by_committee_and_status(client, api):
    other = factories.make_committee(api.site, "AG Recht", "ag-recht")
    factories.make_series(api.index, other, "Recht", start_date=datetime.date(2026, 3, 25))
    only = get(client, start="2026-03-20", end="2026-03-31", committee="ag-recht").json()
    assert [item["title"] for item in only["items"]] == ["Recht"]
    cancelled = get(client, start="2026-03-01", end="2026-12-31", status="cancelled").json()
    assert [item["start"] for item in cancelled["items"]] == ["2026-03-31T10:00:00+02:00"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({}, "start"),
        ({"start": "2026-03-01"}, "end"),
        ({"start": "01.03.2026", "end": "2026-03-31"}, "start"),
        ({"start": "1899-12-31", "end": "2026-03-31"}, "start"),
        ({"start": "2026-03-01", "end": "2026-02-30"}, "end"),
        ({"start": "2026-03-01", "end": "２０２６-03-31"}, "end"),
        ({"start": "2026-03-01", "end": "2026-03-31", "locale": "fr"}, "locale"),
        ({"start": "2026-03-01", "end": "2026-03-31", "status": "nix"}, "status"),
        ({"start": "2026-03-01", "end": "2026-03-31", "colour": "red"}, "colour"),
        ({"start": "2026-03-01", "end": "2026-03-31", "limit": "1000"}, "limit"),
        ({"start": "2026-03-01", "end": "2026-03-31", "offset": "-1"}, "offset"),
    ],
)
def test_bad_input_gets_400_naming_the_parameter(client, api, params, names):
    response = get(client, **params)
    assert response.status_code == 400
    assert names in response.json()["message"]


@pytest.mark.django_db
def test_a_whole_year_is_accepted(client, api):
    assert get(client, start="2026-01-01", end="2027-01-01").status_code == 200


@pytest.mark.django_db
def test_any_range_is_paged_and_filters_that_match_nothing_give_an_empty_list(client, api):
    long_range = get(client, start="2020-01-01", end="2030-12-31").json()
    year = get(client, start="2026-01-01", end="2026-12-31").json()
    assert long_range["meta"]["total_count"] >= year["meta"]["total_count"] > 0
    assert len(long_range["items"]) == 20  # paged as every listing
    for params in (
        {"start": "2026-03-01", "end": "2026-02-01"},  # ends before it starts
        {"start": "2026-03-01", "end": "2026-03-31", "committee": "unbekannt"},
        {"start": "2026-03-01", "end": "2026-03-31", "committee": ""},
    ):
        response = get(client, **params)
        assert response.status_code == 200
        assert response.json() == {"meta": {"total_count": 0}, "items": []}


@pytest.mark.django_db
def test_private_and_unpublished_series_never_appear(client, api):
    PageViewRestriction.objects.create(page=api.english, restriction_type="password", password="x")
    assert get(client, start="2026-03-01", end="2026-12-31").json()["meta"]["total_count"] == 0
    hidden = client.get(f"/api/v2/occurrences/{Occurrence.objects.first().pk}/")
    assert hidden.status_code == 404
    assert hidden.json() == {"message": "not found"}


@pytest.mark.django_db
def test_detail_view_and_public_join_link(client, api):
    api.series.join_url_public = True
    api.series.save_revision().publish()
    item = get(client, start="2026-03-24", end="2026-03-24").json()["items"][0]
    detail = client.get(f"/api/v2/occurrences/{item['id']}/", {"locale": "de"}).json()
    assert detail["start"] == "2026-03-24T10:00:00+01:00"
    assert detail["join_url"] == "https://video.example/raum"


@pytest.mark.django_db
def test_meeting_page_in_the_api_has_a_berlin_dtstart(client, api):
    data = client.get(f"/api/v2/pages/{api.series.pk}/").json()
    assert data["recurrence"] == "DTSTART;TZID=Europe/Berlin:20260317T100000\nRRULE:FREQ=WEEKLY"
    assert data["committee"]["slug"] == "ag-soziales"
    assert data["join_url"] is None
    assert data["next_occurrences"][0]["start"].endswith(("+01:00", "+02:00"))


@pytest.mark.django_db
def test_occurrence_queries_do_not_grow_with_limit_or_data(client, api):
    def add_daily_series(count, offset):
        # Every series has a venue and a changed meeting on the first day, so every page of the
        # listing needs venues and changes: the count may not grow with limit or with data.
        for number in range(count):
            page = factories.make_series(
                api.index,
                api.committee,
                f"Serie {offset + number}",
                rule=recurrence.Rule(recurrence.DAILY),
                start_date=datetime.date(2026, 3, 1),
                venue=api.series.venue,
            )
            page.changes.add(OccurrenceChange(original_date=datetime.date(2026, 3, 1), note="Anderer Raum"))
            page.save_revision().publish()

    def count(limit):
        with CaptureQueriesContext(connection) as queries:
            assert get(client, start="2026-03-01", end="2026-06-30", limit=limit).status_code == 200
        return len(queries)

    add_daily_series(3, 0)
    small = count(100)
    add_daily_series(6, 3)
    assert count(100) == small  # three times the series, the same queries
    assert count(5) == small


@pytest.mark.django_db
def test_occurrence_links_use_the_public_site_and_the_api_base(client, api):
    site = api.site.home_de.get_site()
    site.hostname, site.port = "www.staedtetag.example", 443
    site.save()
    item = get(client, start="2026-03-24", end="2026-03-24", locale="en").json()["items"][0]
    assert item["series"]["url"] == "https://www.staedtetag.example/en/events/meeting/"
    detail_url = item["meta"]["detail_url"]
    assert detail_url == f"http://testserver/api/v2/occurrences/{item['id']}/"
    assert client.get(detail_url).json()["id"] == item["id"]
