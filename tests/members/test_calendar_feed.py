"""The member's personal iCal feed at a secret, revocable address."""

import re

import icalendar
import pytest
from django.test import Client

from tests.members.helpers import client_for


@pytest.mark.django_db
def test_a_member_subscribes_to_their_committees_meetings_at_a_secret_revocable_address(world):
    insider = world.visitors["insider"]
    client = client_for(insider)
    page = client.get(world.area.url + "kalender/").content.decode()
    feed_url = re.search(r'value="(http://testserver/de/mitglieder/kalender/[^"]+\.ics)"', page)[1]
    path = feed_url.replace("http://testserver", "")
    calendar = icalendar.Calendar.from_ical(Client().get(path).content)  # a calendar app has no session
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert {"Sitzung der AG Soziales", "Klausur Geheimsache", "Klausurtagung"} <= summaries
    outsider_feed = Client().get(
        f"/de/mitglieder/kalender/{world.visitors['outsider'].member_profile.calendar_token}.ics"
    )
    assert outsider_feed.status_code == 200 and b"Geheimsache" not in outsider_feed.content
    client.post(world.area.url + "kalender/")  # a new address
    assert Client().get(path).status_code == 404
