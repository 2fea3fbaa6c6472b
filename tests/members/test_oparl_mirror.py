"""OParl for clients that mirror it: after each change the office makes, as the admin makes it, a mirror
that asked only for what changed since its last run (tests/members/oparl_mirror.py) holds exactly what
a fresh full import holds. Nothing vanishes without a deleted object; every change moves `modified`."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from calendar_app.models import Committee, EventPage, OccurrenceChange, Venue
from home.models import SiteSettings
from members import sessions
from members.models import Agenda, CommitteeMembership, MeetingPaper, MemberProfile, Role
from members.oparl.objects import german
from tests import factories
from tests.members.helpers import make_agenda, next_meeting, paper_for
from tests.members.oparl_mirror import Mirror, differences

BASE = "http://testserver/oparl/1.1/"


def form_values(form):
    """What a browser sends for a form: every named field but files and buttons, a multiple choice
    with each chosen value, an unticked box not at all; the formsets' templates left out."""
    values = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or "__prefix__" in name or element.has_attr("disabled"):
            continue
        kind = element.get("type")
        if kind in ("file", "submit", "button") or (
            kind in ("checkbox", "radio") and not element.has_attr("checked")
        ):
            continue
        if element.name == "select":
            chosen = [
                o.get("value", o.get_text()) for o in element.find_all("option") if o.has_attr("selected")
            ]
            if not chosen and not element.has_attr("multiple"):
                first = element.find("option")
                chosen = [first.get("value", first.get_text())] if first else []
            values.setdefault(name, []).extend(chosen)
        elif element.name == "textarea":
            values.setdefault(name, []).append(element.get_text().removeprefix("\n"))
        else:
            values.setdefault(name, []).append(element.get("value", "on" if kind == "checkbox" else ""))
    return values


class Office:
    """The office at work in the admin, as a signed-in superuser's browser would send it."""

    def __init__(self, user):
        self.client = Client()
        self.client.force_login(user)

    def edit(self, model, pk, change):
        """Open the snippet's edit form, let `change` alter the fields, and save it."""
        url = reverse(model.snippet_viewset.get_url_name("edit"), args=[pk])
        page = self.client.get(url)
        assert page.status_code == 200, url
        form = BeautifulSoup(page.content, "html.parser").find("form", attrs={"action": url})
        fields = form_values(form)
        change(fields)
        response = self.client.post(url, fields)
        assert response.status_code == 302, (url, errors(response))

    def delete(self, model, pk):
        url = reverse(model.snippet_viewset.get_url_name("delete"), args=[pk])
        response = self.client.post(url)
        assert response.status_code == 302, (url, errors(response))


def errors(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [
        " ".join(e.get_text(" ").split())
        for e in page.select(".error-message, .help-critical, .w-field__errors")
    ]


def inline_rows(fields, prefix):
    count = int(fields[f"{prefix}-TOTAL_FORMS"][0])
    return range(count)


def row_where(fields, prefix, name, value):
    (index,) = [i for i in inline_rows(fields, prefix) if fields.get(f"{prefix}-{i}-{name}") == [str(value)]]
    return index


def add_row(fields, prefix, row):
    index = int(fields[f"{prefix}-TOTAL_FORMS"][0])
    fields[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
    for name, value in {"id": "", "ORDER": str(index + 1), "DELETE": "", **row}.items():
        fields[f"{prefix}-{index}-{name}"] = value if isinstance(value, list) else [value]


@pytest.fixture
def office(admin_user):
    return Office(admin_user)


@pytest.fixture
def stage(world):
    """Committee X's next weekly meeting, invited, with a public item naming a public paper, a
    non-public item and an item with a result, public minutes; its single meeting with an agenda and
    a public paper; two people who agreed to be published, with seats in X and in a committee Z
    that has no meetings."""
    public = world.public
    occurrence = next_meeting(public.weekly)
    agenda = make_agenda(
        public.weekly,
        occurrence,
        items=(("1", "Begrüßung", True), ("2", "Personalangelegenheit", False), ("3", "Haushalt", True)),
    )
    day = agenda.meeting_date
    proposal = paper_for(public.weekly, day, "Vorlage Haushalt", kind="proposal", public=True)
    paper_for(public.weekly, day, "Niederschrift", kind="minutes", public=True)
    paper_for(public.weekly, day, "Vorlage intern", kind="proposal")
    item = agenda.items.get(number="1")
    item.papers.set([proposal])
    item.save()
    third = agenda.items.get(number="3")
    third.result = "Einstimmig beschlossen."
    third.save()
    single = next_meeting(public.single, after_days=0)
    klausur = make_agenda(public.single, single, items=(("1", "Strategie", True),))
    paper_for(public.single, klausur.meeting_date, "Strategiepapier", kind="proposal", public=True)
    dissolved = factories.make_committee(public.site, "Arbeitskreis Auflösung", "ak-aufloesung")
    insider = world.visitors["insider"].member_profile
    outsider = world.visitors["outsider"].member_profile
    CommitteeMembership.objects.create(profile=insider, committee=dissolved, role=Role.GUEST)
    CommitteeMembership.objects.create(profile=outsider, committee=world.committee, role=Role.CHAIR)
    for profile in (insider, outsider):
        profile.published = True
        profile.save()
    for invited in (agenda, klausur):  # the office's button
        sessions.invite(invited)
    return factories.SimpleNamespace(
        agenda=agenda,
        occurrence=occurrence,
        proposal=proposal,
        klausur=klausur,
        dissolved=dissolved,
        insider=insider,
        outsider=outsider,
        second_venue=factories.make_venue(public.site, "Rathaus Köln", "Rathaus", "Köln"),
        other_committee=factories.make_committee(public.site, "Hauptausschuss", "hauptausschuss"),
    )


def move_meeting(occurrence, **change):
    """What the meeting page's "changes to single meetings" panel saves, published."""
    page = EventPage.objects.get(translation_key=occurrence.translation_key, locale__language_code="de")
    day = timezone.localtime(occurrence.original_start).date()
    existing = [c for c in page.changes.all() if c.original_date != day]
    current = next((c for c in page.changes.all() if c.original_date == day), None)
    fields = {"cancelled": False, "new_date": None, "venue": None}
    if current is not None:
        fields.update(cancelled=current.cancelled, new_date=current.new_date, venue=current.venue)
    fields.update(change)
    page.changes = [*existing, OccurrenceChange(original_date=day, locale=page.locale, **fields)]
    page.save_revision().publish()


@pytest.mark.django_db
def test_a_mirror_kept_with_modified_since_equals_a_fresh_import_after_every_change(
    world, stage, office, django_capture_on_commit_callbacks
):
    mirror = Mirror().full_import()
    item_ids = {item.number: BASE + f"agendaitem/{item.pk}" for item in stage.agenda.items.all()}
    assert {"Begrüßung", "Haushalt", "Nichtöffentlicher Tagesordnungspunkt"} <= {
        o.get("name") for o in mirror.objects.values()
    }
    assert item_ids["3"] in mirror.objects
    seat_z = CommitteeMembership.objects.get(profile=stage.insider, committee=stage.dissolved)
    seat_x = CommitteeMembership.objects.get(profile=stage.insider, committee=world.committee)

    def agenda_change(change):
        return lambda: office.edit(Agenda, stage.agenda.pk, change)

    def drop_item(number):
        def change(fields):
            fields[f"items-{row_where(fields, 'items', 'number', number)}-DELETE"] = ["1"]

        return change

    def add_item(fields):
        add_row(fields, "items", {"number": "4", "title": "Verschiedenes", "public": "on"})

    def renumber(fields):
        fields[f"items-{row_where(fields, 'items', 'number', '1')}-number"] = ["0"]

    def profile_change(profile, change):
        return lambda: office.edit(MemberProfile, profile.pk, change)

    def drop_seat(seat):
        def change(fields):
            fields[f"memberships-{row_where(fields, 'memberships', 'id', seat.pk)}-DELETE"] = ["1"]

        return change

    def role(seat, value):
        def change(fields):
            fields[f"memberships-{row_where(fields, 'memberships', 'id', seat.pk)}-role"] = [value]

        return change

    def consent(given):
        def change(fields):
            if given:
                fields["published"] = ["on"]
            else:
                fields.pop("published", None)

        return change

    def make_non_public(number):
        def change(fields):
            fields.pop(f"items-{row_where(fields, 'items', 'number', number)}-public", None)

        return change

    def name_paper(number, paper):
        def change(fields):
            name = f"items-{row_where(fields, 'items', 'number', number)}-papers"
            fields[name] = [*fields.get(name, []), str(paper.pk)]

        return change

    def rename(fields):
        fields["first_name"] = ["Erika"]

    def new_address(fields):
        fields["address"] = ["Rathausplatz 1"]

    def open_data_contact(fields):
        fields["contact_name"] = ["Pressestelle"]
        # The footer's links, as the admin's script writes a stream's blocks into the form.
        links = SiteSettings.objects.get(locale__language_code="de").footer_links.raw_data
        fields["footer_links-count"] = [str(len(links))]
        for index, block in enumerate(links):
            prefix = f"footer_links-{index}"
            fields |= {f"{prefix}-type": [block["type"]], f"{prefix}-id": [block["id"]]}
            fields |= {f"{prefix}-deleted": [""], f"{prefix}-order": [str(index)]}
            for name, value in block["value"].items():
                fields[f"{prefix}-value-{name}"] = ["" if value is None else str(value)]

    def republish(series, **fields):
        """A series page edited and published; what Wagtail does after the commit is done too."""

        def change():
            page = EventPage.objects.get(pk=series.pk)
            for name, value in fields.items():
                setattr(page, name, value)
            with django_capture_on_commit_callbacks(execute=True):
                page.save_revision().publish()

        return change

    def withdraw_paper(fields):
        fields.pop("public", None)

    def members_only():
        page = EventPage.objects.get(pk=world.public.weekly.pk)
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(world.secret.view_restrictions.first().groups.all())

    day = stage.agenda.meeting_date
    meeting = BASE + "meeting/" + stage.occurrence.identity
    klausur = BASE + "meeting/" + next_meeting(world.public.single, after_days=0).identity
    person, seat = BASE + "person/{}", BASE + "membership/{}"
    chair = CommitteeMembership.objects.get(profile=stage.outsider)
    minutes = MeetingPaper.objects.get(title="Niederschrift")
    strategy = MeetingPaper.objects.get(title="Strategiepapier")
    annex = paper_for(world.public.weekly, day, "Anlage Haushalt", kind="annex", public=True)

    def named(objects, name):
        return [o for o in objects.values() if o.get("name") == name]

    # What changes, how the office does it, what is gone from then on, what a fresh import shows.
    changes = [
        ("an agenda item removed", agenda_change(drop_item("3")), [item_ids["3"]], lambda o: True),
        (
            "an agenda item added",
            agenda_change(add_item),
            [],
            lambda o: [i["number"] for i in named(o, "Verschiedenes")] == ["4"],
        ),
        (
            "an agenda item renumbered",
            agenda_change(renumber),
            [],
            lambda o: o[item_ids["1"]]["number"] == "0",
        ),
        (
            "an agenda item made non-public",
            agenda_change(make_non_public("4")),
            [],
            lambda o: not named(o, "Verschiedenes"),
        ),
        (
            "a paper named by an item",
            agenda_change(name_paper("0", annex)),
            [],
            lambda o: (
                {f["name"] for f in o[item_ids["1"]]["auxiliaryFile"]}
                == {"Vorlage Haushalt", "Anlage Haushalt"}
                and o[BASE + f"file/{annex.pk}"]["agendaItem"] == [item_ids["1"]]
            ),
        ),
        (
            "a venue's address changed",
            lambda: office.edit(Venue, world.public.venue.pk, new_address),
            [],
            lambda o: o[meeting]["location"]["streetAddress"] == "Rathausplatz 1",
        ),
        (
            "a person renamed",
            profile_change(stage.insider, rename),
            [],
            lambda o: o[person.format(stage.insider.pk)]["givenName"] == "Erika",
        ),
        (
            "the site settings' open-data contact changed",
            lambda: office.edit(
                SiteSettings, SiteSettings.objects.get(locale__language_code="de").pk, open_data_contact
            ),
            [],
            lambda o: (
                o[BASE + "body/1"]["contactName"] == "Pressestelle" == o[BASE + "system"]["contactName"]
            ),
        ),
        (
            "a seat removed",
            profile_change(stage.insider, drop_seat(seat_x)),
            [seat.format(seat_x.pk)],
            lambda o: (
                [m["id"] for m in o[person.format(stage.insider.pk)]["membership"]]
                == [seat.format(seat_z.pk)]
            ),
        ),
        (
            "a role changed",
            profile_change(stage.insider, role(seat_z, Role.DEPUTY_CHAIR)),
            [],
            lambda o: o[seat.format(seat_z.pk)]["role"] == german(Role.DEPUTY_CHAIR.label),
        ),
        (
            "a consent withdrawn",
            profile_change(stage.outsider, consent(False)),
            [person.format(stage.outsider.pk), seat.format(chair.pk)],
            lambda o: True,
        ),
        (
            "a consent given again",
            profile_change(stage.outsider, consent(True)),
            [],
            lambda o: seat.format(chair.pk) in o and person.format(stage.outsider.pk) in o,
        ),
        (
            "a meeting moved",
            lambda: move_meeting(stage.occurrence, new_date=day + datetime.timedelta(days=1)),
            [],
            lambda o: o[meeting]["start"].startswith((day + datetime.timedelta(days=1)).isoformat()),
        ),
        (
            "its venue changed",
            lambda: move_meeting(stage.occurrence, venue=stage.second_venue),
            [],
            lambda o: o[meeting]["location"]["locality"] == "Köln",
        ),
        (
            "a meeting cancelled",
            lambda: move_meeting(stage.occurrence, cancelled=True),
            [],
            lambda o: o[meeting]["cancelled"] is True and o[meeting]["meetingState"] == "abgesagt",
        ),
        (
            "a series given another address",
            republish(world.public.weekly, slug="sitzungen-ag-soziales"),
            [],
            lambda o: o[meeting]["web"].endswith("/sitzungen-ag-soziales/"),
        ),
        (
            "a series given to another committee",
            republish(world.public.single, committee=stage.other_committee),
            [],
            lambda o: (
                o[BASE + f"paper/{strategy.pk}"]["underDirectionOf"]
                == [BASE + f"organization/{stage.other_committee.translation_key}"]
            ),
        ),
        (
            "a public paper withdrawn",
            lambda: office.edit(MeetingPaper, stage.proposal.pk, withdraw_paper),
            [BASE + f"paper/{stage.proposal.pk}", BASE + f"file/{stage.proposal.pk}"],
            lambda o: [f["id"] for f in o[item_ids["1"]]["auxiliaryFile"]] == [BASE + f"file/{annex.pk}"],
        ),
        (
            "a series unpublished",
            lambda: EventPage.objects.get(pk=world.public.single.pk).unpublish(),
            [klausur, BASE + f"agendaitem/{stage.klausur.items.get().pk}", BASE + f"paper/{strategy.pk}"],
            lambda o: True,
        ),
        (
            "a series made members-only",
            members_only,
            [meeting, item_ids["1"], item_ids["2"], BASE + f"file/{minutes.pk}"],
            lambda o: not [m for m in o.values() if m["type"].endswith("/Meeting")],
        ),
        (
            "a series public again",
            lambda: PageViewRestriction.objects.filter(page=world.public.weekly).delete(),
            [],
            lambda o: o[item_ids["1"]]["name"] == "Begrüßung" and o[meeting]["cancelled"] is True,
        ),
        (
            "a series published again",
            lambda: EventPage.objects.get(pk=world.public.single.pk).save_revision().publish(),
            [],
            lambda o: klausur in o and BASE + f"paper/{strategy.pk}" in o,
        ),
        (
            "a committee deleted",
            lambda: office.delete(Committee, stage.dissolved.pk),
            [BASE + f"organization/{stage.dissolved.translation_key}", seat.format(seat_z.pk)],
            lambda o: person.format(stage.insider.pk) in o,
        ),
    ]
    for what, make, removed, shown in changes:
        make()
        mirror.update()
        fresh = Mirror().full_import()
        assert shown(fresh.objects), what
        assert not differences(mirror, fresh), (what, differences(mirror, fresh)[:5])
        for url in removed:
            assert url not in fresh.objects, (what, url)
            response = Client().get(url.removeprefix("http://testserver"))
            assert response.status_code == 200 and response.json()["deleted"] is True, (what, url)
