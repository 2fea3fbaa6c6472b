"""The members' home as a member of a committee sees it: "Meine Sitzungen" with what a reader of the
public calendar is told (how many days a meeting lasts), and each paper named once by its kind."""

import datetime

import pytest
from wagtail.documents.models import Document

from demo.media import make_pdf_file
from members.models import MeetingPaper
from tests import factories
from tests.members.helpers import client_for


@pytest.mark.django_db
def test_my_meetings_show_two_day_meetings_and_name_each_paper_once(world):
    retreat = factories.make_series(
        world.public.events,
        world.committee,
        "Zweitägige Klausur",
        start_date=world.public.today + datetime.timedelta(days=2),
        start_time=(14, 0),
        end_time=(13, 0),
        duration_days=2,
        slug="klausur-zwei-tage",
    )
    day = retreat.start_date
    for kind, title in (
        ("agenda", f"Tagesordnung AG Soziales am {day:%d.%m.%Y}"),
        ("proposal", "Haushalt 2027"),
    ):
        MeetingPaper.objects.create(
            series=retreat,
            meeting_date=day,
            kind=kind,
            title=title,
            document=Document.objects.create(title=title, file=make_pdf_file("p.pdf", title, ["x"])),
        )
    text = client_for(world.visitors["insider"]).get(world.area.url).content.decode()
    assert "(2-tägig)" in text
    assert f"Tagesordnung AG Soziales am {day:%d.%m.%Y}" in text
    assert "Tagesordnung: Tagesordnung" not in text
    assert "Beschlussvorschlag: Haushalt 2027" in text
