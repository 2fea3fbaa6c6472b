"""Meeting lists: the month filter, the month as an agenda, the API's listing fields."""

import datetime

import pytest

from tests.calendar_app.helpers import soup


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


@pytest.mark.django_db
def test_meeting_listings_give_when_who_and_where_and_null_for_none(client, public):
    items = client.get("/api/v2/pages/?type=calendar_app.EventPage").json()["items"]
    item = next(i for i in items if i["title"] == "Sitzung der AG Soziales")
    assert item["venue"]["name"] == "Haus der kommunalen Selbstverwaltung"
    assert item["committee"]["slug"] == "ag-soziales" and item["start_time"] == "10:00:00"
    assert item["online_mode"] is None
