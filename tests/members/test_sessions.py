"""Committee sessions on the site: the public agenda, the personal reply page, substitutes and their
papers, "Meine Sitzungen", the office's view with the attendance list, the agenda in the admin, and
what nobody outside sees."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from calendar_app.models import Occurrence, OccurrenceChange
from core.translation import translate
from mailings.models import Message, MessageKind
from members import access, sessions
from members.models import (
    OFFICE_GROUP,
    Agenda,
    AgendaItem,
    CommitteeSettings,
    Invitation,
    MemberOrganisation,
    Reply,
)
from tests import factories
from tests.browserlike import FormClient
from tests.members.helpers import ALL, client_for, make_agenda, member, next_meeting, paper_for

SECRET_ITEM = "Personalangelegenheit Vertraulich"


@pytest.fixture
def meeting(world):
    """Committee X's next meeting with an agenda: a public item with a public and a members-only paper,
    a non-public item, and a public item with a result; invitation not yet sent."""
    series = world.public.weekly
    occurrence = next_meeting(series)
    agenda = make_agenda(
        series,
        occurrence,
        items=(("1", "Begrüßung", True), ("2", SECRET_ITEM, False), ("3", "Haushalt 2027", True)),
    )
    day = agenda.meeting_date
    public_paper = paper_for(series, day, "Vorlage öffentlich", public=True)
    members_paper = paper_for(series, day, "Vorlage intern")
    item = agenda.items.get(number="1")
    item.papers.set([public_paper, members_paper])
    item.save()  # a ParentalManyToManyField is stored with its item
    return factories.SimpleNamespace(
        series=series,
        occurrence=occurrence,
        agenda=agenda,
        public_paper=public_paper,
        members_paper=members_paper,
    )


def office_editor(world):
    """The office's user as an editor in the admin: admin access and the agendas' permissions
    (what the site's administrator gives the Geschäftsstelle group)."""

    group = Group.objects.get(name=OFFICE_GROUP)
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="members", codename__endswith="_agenda"),
    )
    return client_for(world.visitors["office"])


def invitation_of(user):
    return Invitation.objects.get(profile__user=user)


def test_the_public_page_shows_public_items_once_invited_and_non_public_only_by_number(world, meeting):
    page = "/de/termine/sitzung-ag-soziales/"
    assert "Begrüßung" not in Client().get(page).content.decode()  # before the invitation: the office's draft
    sessions.invite(meeting.agenda)
    text = Client().get(page).content.decode()
    assert "TOP 1:</span> Begrüßung" in text
    assert "TOP 2:</span> nichtöffentlich" in text and SECRET_ITEM not in text
    assert "Vorlage öffentlich" in text and "Vorlage intern" not in text
    public_link = reverse("meeting_paper", kwargs={"paper_id": meeting.public_paper.pk})
    assert Client().get(public_link).status_code == 200  # a public paper: anyone downloads it
    hidden = Client().get(reverse("meeting_paper", kwargs={"paper_id": meeting.members_paper.pk}))
    assert hidden.status_code == 302 and "anmelden" in hidden["Location"]
    # A result after the meeting appears with its item; translated, the English page shows it in English.
    item = meeting.agenda.items.get(number="3")
    item.result = "Zur Kenntnis genommen."
    item.save()
    assert "Zur Kenntnis genommen." in Client().get(page).content.decode()
    translate(
        meeting.agenda,
        world.public.site.en,
        {
            "Begrüßung": "Welcome",
            "Haushalt 2027": "Budget 2027",
            SECRET_ITEM: "Confidential staff matter",
            "Zur Kenntnis genommen.": "Noted.",
        },
    )
    english = Client().get("/en/events/social-affairs-meeting/").content.decode()
    assert "Item 1:</span> Welcome" in english and "Item 2:</span> not public" in english
    assert "Confidential staff matter" not in english and SECRET_ITEM not in english
    assert "Noted." in english


def test_the_personal_link_shows_on_get_and_records_on_post(world, meeting):
    sessions.invite(meeting.agenda)
    insider = world.visitors["insider"]
    invitation = invitation_of(insider)
    url = reverse("session_invitation", kwargs={"token": invitation.token})
    assert url.startswith("/de/mitglieder/sitzung/")
    client = Client()  # from the mail: not signed in
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and SECRET_ITEM in text  # the invitee sees every item
    assert "Ich nehme teil" in text and "Ich werde vertreten durch" in text
    # the token stays on this site; a browser still tells the reply form's origin (CSRF)
    assert page["Referrer-Policy"] == "same-origin" and "private" in page["Cache-Control"]
    assert invitation_of(insider).response == ""  # a scanner opening the link changes nothing
    answer = FormClient().submit(url, {"response": Reply.ATTENDING})
    assert answer.status_code == 302 and answer["Location"].endswith("?gespeichert=1")
    assert invitation_of(insider).response == Reply.ATTENDING
    assert "Danke, Ihre Rückmeldung ist gespeichert." in client.get(answer["Location"]).content.decode()
    # Changed until the meeting begins.
    client.post(url, {"response": Reply.DECLINED})
    assert invitation_of(insider).response == Reply.DECLINED
    # Nonsense is a clear message, not a change.
    bad = client.post(url, {"response": "vielleicht"})
    assert bad.status_code == 400 and "Bitte wählen Sie eine der Antworten." in bad.content.decode()
    assert invitation_of(insider).response == Reply.DECLINED
    # A forged or unknown token opens nothing.
    for token in ("x" * 32, invitation.token[:-1] + "A", "a" * 500):
        forged = Client().get(reverse("session_invitation", kwargs={"token": token}))
        assert forged.status_code == 404 and "Dieser Link öffnet keine Sitzung" in forged.content.decode()
    # Once the meeting has begun, replies end; once it is over, the link ends.
    Occurrence.objects.filter(pk=meeting.occurrence.pk).update(
        start=timezone.now() - datetime.timedelta(minutes=5)
    )
    late = client.post(url, {"response": Reply.ATTENDING})
    assert late.status_code == 400 and "Die Sitzung hat begonnen" in late.content.decode()
    assert invitation_of(insider).response == Reply.DECLINED
    Occurrence.objects.filter(pk=meeting.occurrence.pk).update(
        end=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(url).status_code == 410


def test_a_cancelled_meeting_takes_no_reply(world, meeting):
    sessions.invite(meeting.agenda)
    invitation = invitation_of(world.visitors["insider"])
    series = meeting.series
    series.changes.add(OccurrenceChange(original_date=meeting.agenda.meeting_date, cancelled=True))
    series.save_revision().publish()
    url = reverse("session_invitation", kwargs={"token": invitation.token})
    page = Client().get(url).content.decode()
    assert "abgesagt" in page
    refused = Client().post(url, {"response": Reply.ATTENDING})
    assert refused.status_code == 400 and "Die Sitzung ist abgesagt" in refused.content.decode()


def test_a_substitute_opens_the_papers_of_that_meeting_and_no_other(world, meeting):
    sessions.invite(meeting.agenda)
    insider, colleague = world.visitors["insider"], world.visitors["outsider"]  # the same city
    url = reverse("session_invitation", kwargs={"token": invitation_of(insider).token})
    answer = Client().post(url, {"response": Reply.SUBSTITUTED, "colleague": colleague.member_profile.pk})
    assert answer.status_code == 302
    substitute = Invitation.objects.get(profile__user=colleague)
    assert substitute.substitute_for == invitation_of(insider) and substitute.sent_sequence == 0
    # Through the substitute's own link, without signing in.
    own = Client()
    for paper, status in (
        (meeting.members_paper, 200),
        (meeting.public_paper, 200),
        (world.series_paper, 404),
    ):
        link = reverse("session_paper", kwargs={"token": substitute.token, "paper_id": paper.pk})
        assert own.get(link).status_code == status, paper.title
    other_meeting = paper_for(
        meeting.series, meeting.agenda.meeting_date + datetime.timedelta(days=7), "Andere"
    )
    link = reverse("session_paper", kwargs={"token": substitute.token, "paper_id": other_meeting.pk})
    assert own.get(link).status_code == 404
    # Signed in to the members' area: this meeting's papers, not the committee's others.
    signed_in = client_for(colleague)
    assert access.may_see_paper(colleague, meeting.members_paper)
    assert not access.may_see_paper(colleague, other_meeting)
    assert not access.may_see_paper(colleague, world.series_paper)
    assert (
        signed_in.get(reverse("meeting_paper", kwargs={"paper_id": meeting.members_paper.pk})).status_code
        == 200
    )
    assert signed_in.get(reverse("meeting_paper", kwargs={"paper_id": other_meeting.pk})).status_code == 404
    # The member comes after all: the substitute's link and access end.
    Client().post(url, {"response": Reply.ATTENDING})
    assert Client().get(reverse("session_invitation", kwargs={"token": substitute.token})).status_code == 404
    assert not access.may_see_paper(colleague, meeting.members_paper)


def test_substitutes_that_cannot_be(world, meeting):
    sessions.invite(meeting.agenda)
    insider = world.visitors["insider"]
    other_member = member("jugendamt@wiesbaden.de", world.city_a, world.committee)
    sessions.invite(meeting.agenda)
    url = reverse("session_invitation", kwargs={"token": invitation_of(insider).token})
    cases = [
        ({"colleague": other_member.member_profile.pk}, "ist zu dieser Sitzung bereits eingeladen"),
        ({"substitute_name": "", "substitute_email": ""}, "Bitte geben Sie Name und E-Mail-Adresse"),
        ({"substitute_name": "Max", "substitute_email": insider.email}, "Wählen Sie eine andere Person"),
    ]
    mainz = MemberOrganisation.objects.create(name="Mainz", kind="independent_city")
    member("x@mainz.de", mainz)
    cases.append(
        ({"substitute_name": "X", "substitute_email": "x@mainz.de"}, "aus derselben Mitgliedsorganisation")
    )
    for fields, message in cases:
        answer = Client().post(url, {"response": Reply.SUBSTITUTED, **fields})
        assert answer.status_code == 400 and message in answer.content.decode(), fields
    assert invitation_of(insider).response == ""
    assert not Invitation.objects.filter(role="substitute").exists()


def test_my_sessions_in_the_members_area(world, meeting):
    sessions.invite(meeting.agenda)
    insider = world.visitors["insider"]
    client = client_for(insider)
    mine = "/de/mitglieder/sitzungen/"
    page = client.get(mine)
    text = page.content.decode()
    assert page.status_code == 200 and "Meine Sitzungen" in text
    assert SECRET_ITEM in text and "Vorlage intern" in text  # every item with its papers
    action = reverse("session_invitation", kwargs={"token": invitation_of(insider).token})
    assert f'action="{action}"' in text
    answer = client.post(action, {"response": Reply.ATTENDING, "next": mine})
    assert answer.status_code == 302 and answer["Location"].startswith(mine + "?gespeichert=1")
    assert invitation_of(insider).response == Reply.ATTENDING
    # Another member sees no meeting of a committee they are not on, and nobody's replies.
    outsider_text = client_for(world.visitors["outsider"]).get(mine).content.decode()
    assert SECRET_ITEM not in outsider_text and "Keine kommenden Sitzungen" in outsider_text
    assert Client().get(mine).status_code == 302  # not signed in: the login
    # The committee sees who comes only if the office opened it.
    assert "Wer kommt" not in text

    CommitteeSettings.objects.create(committee=world.committee, replies_open_to_members=True)
    assert "Wer kommt" in client.get(mine).content.decode()


def test_the_office_runs_the_session_and_downloads_the_attendance_list(world, meeting):
    office = office_editor(world)
    url = reverse("members_session", kwargs={"pk": meeting.agenda.pk})
    page = office.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "Einladung jetzt versenden (1 Person)" in text
    # The button asks first, with the number of people the invitation goes to.
    question = office.post(url, {"action": "invite"}, follow=True).content.decode()
    assert "Die Einladung geht jetzt an 1 Person. Jetzt versenden?" in question
    assert not Message.objects.filter(kind=MessageKind.INVITATION).exists()
    answer = office.post(url, {"action": "invite", "confirmed": "1"}, follow=True)
    assert "1 Einladungen werden versandt." in answer.content.decode()
    assert Message.objects.filter(kind=MessageKind.INVITATION).count() == 1
    again = office.post(url, {"action": "invite", "confirmed": "1"}, follow=True)
    assert "Alle Mitglieder des Gremiums sind bereits eingeladen." in again.content.decode()
    insider = world.visitors["insider"]
    sessions.record_reply(
        invitation_of(insider), Reply.SUBSTITUTED, name="Erika Muster", email="erika@extern.example"
    )
    text = office.get(url).content.decode()
    assert "Vertretung für Vorname Nachname" in text and "Erika Muster" in text
    workbook = load_workbook(
        io.BytesIO(office.get(reverse("members_session_xlsx", args=[meeting.agenda.pk])).content)
    )
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Teilnehmerliste"
    assert rows[4] == ("Name", "Organisation", "Funktion", "Als", "Rückmeldung", "Unterschrift")
    function = insider.member_profile.get_function_display()
    assert rows[5][:5] == ("Vorname Nachname", "Wiesbaden", function, "Mitglied", "Ich werde vertreten")
    assert rows[6][:5] == (
        "Erika Muster",
        "Wiesbaden",
        None,
        "Vertretung für Vorname Nachname",
        "Noch keine Rückmeldung",
    )
    download = office.get(reverse("members_session_csv", args=[meeting.agenda.pk]))
    content = download.content.decode("utf-8")
    assert content.startswith("\ufeff") and download["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert table[0] == ["Name", "Organisation", "Funktion", "Als", "Rückmeldung"]
    assert table[1] == ["Vorname Nachname", "Wiesbaden", function, "Mitglied", "Ich werde vertreten"]
    assert [row[0] for row in table[1:]] == ["Vorname Nachname", "Erika Muster"]
    # The reminder once, on a button.
    office.post(url, {"action": "remind"})
    assert not Message.objects.filter(kind=MessageKind.REMINDER).exists()  # asked first
    office.post(url, {"action": "remind", "confirmed": "1"})
    assert Message.objects.filter(kind=MessageKind.REMINDER).count() == 1
    again = office.post(url, {"action": "remind", "confirmed": "1"}, follow=True)
    assert "Die Erinnerung wurde bereits am" in again.content.decode()
    # Nobody else gets in.
    for who in ("anonymous", "insider", "outsider"):
        client = client_for(world.visitors[who])
        for target in (url, reverse("members_session_xlsx", args=[meeting.agenda.pk])):
            answer = client.get(target)
            assert answer.status_code == 302 and answer["Location"].startswith("/admin/login/"), (who, target)


def test_a_formula_in_a_name_stays_text_in_the_attendance_list(world, meeting):
    sessions.invite(meeting.agenda)
    sessions.record_reply(
        invitation_of(world.visitors["insider"]),
        Reply.SUBSTITUTED,
        name='=HYPERLINK("http://evil.example","x")',
        email="evil@extern.example",
    )
    office = office_editor(world)
    workbook = load_workbook(
        io.BytesIO(office.get(reverse("members_session_xlsx", args=[meeting.agenda.pk])).content)
    )
    names = [row[0].value for row in workbook.active.iter_rows(min_row=6) if row[0].value]
    cells = [row[0] for row in workbook.active.iter_rows(min_row=6) if row[0].value]
    assert any(name.startswith("=HYPERLINK") for name in names) and all(
        cell.data_type == "s" for cell in cells
    )
    content = office.get(reverse("members_session_csv", args=[meeting.agenda.pk])).content.decode()
    assert "'=HYPERLINK" in content


def agenda_form(series, day, items, agenda=None):
    """The agenda form as the admin posts it; editing, the items already saved carry their ids."""
    saved = list(agenda.items.order_by("sort_order", "pk")) if agenda else []
    rows = []
    for index, (number, title) in enumerate(items):
        row = {"number": number, "title": title, "public": "on", "rapporteur": "", "result": "", "papers": []}
        row["ORDER"] = str(index + 1)
        if index < len(saved):
            row["id"] = saved[index].pk
        rows.append(row)
    return nested_form_data(
        {
            "series": series.pk,
            "meeting_date": day.isoformat(),
            "items": inline_formset(rows, initial=len(saved)),
        }
    )


def test_the_office_writes_an_agenda_in_the_admin_and_numbers_are_checked(world):
    office = office_editor(world)
    occurrence = next_meeting(world.public.weekly)
    day = timezone.localtime(occurrence.original_start).date()
    add = reverse("wagtailsnippets_members_agenda:add") + "?locale=de"
    twice = office.post(add, agenda_form(world.public.weekly, day, [("1", "Begrüßung"), ("1", "Haushalt")]))
    assert twice.status_code == 200
    assert "TOP 1 steht zweimal auf der Tagesordnung" in twice.content.decode()
    badly = office.post(add, agenda_form(world.public.weekly, day, [("1a", "Begrüßung")]))
    assert "Nummern werden wie „1“, „2“ oder „2.1“ geschrieben" in badly.content.decode()
    no_meeting = office.post(
        add, agenda_form(world.public.weekly, day + datetime.timedelta(days=1), [("1", "Begrüßung")])
    )
    assert "Die Serie hat an diesem Tag keine Sitzung." in no_meeting.content.decode()
    assert not Agenda.objects.exists()
    done = office.post(add, agenda_form(world.public.weekly, day, [("1", "Begrüßung"), ("2", "Haushalt")]))
    assert done.status_code == 302
    agenda = Agenda.objects.get()
    assert list(agenda.items.values_list("number", "title")) == [("1", "Begrüßung"), ("2", "Haushalt")]
    sessions.invite(agenda)
    edit = reverse("wagtailsnippets_members_agenda:edit", args=[agenda.pk])
    form = agenda_form(
        world.public.weekly, day, [("1", "Begrüßung"), ("2", "Haushalt"), ("2.1", "Nachtrag")], agenda
    )
    assert office.post(edit, form).status_code == 302
    assert Message.objects.filter(kind=MessageKind.SESSION_NOTICE).count() == 1
    # Saved again unchanged: no second notice.
    form = agenda_form(
        world.public.weekly, day, [("1", "Begrüßung"), ("2", "Haushalt"), ("2.1", "Nachtrag")], agenda
    )
    office.post(edit, form)
    assert Message.objects.filter(kind=MessageKind.SESSION_NOTICE).count() == 1
    assert AgendaItem.objects.count() == 3


@pytest.mark.parametrize("who", ALL)
def test_matrix_nobody_outside_sees_replies_invitees_or_non_public_items(world, meeting, who):
    sessions.invite(meeting.agenda)
    insider = world.visitors["insider"]
    sessions.record_reply(
        invitation_of(insider), Reply.SUBSTITUTED, name="Erika Muster", email="erika@extern.example"
    )
    client = client_for(world.visitors[who])
    secrets = [
        SECRET_ITEM,
        "Erika Muster",
        "erika@extern.example",
        invitation_of(insider).token,
    ]
    if not access.papers_for(world.visitors[who]).filter(pk=meeting.members_paper.pk).exists():
        secrets.append("Vorlage intern")  # the committee's own papers: only for those who may read them
    routes = [
        *factories.public_routes(world.public),
        "/de/suche/?q=Personalangelegenheit",
        "/de/suche/?q=Erika",
        "/api/v2/pages/?search=Personalangelegenheit",
        f"/api/v2/occurrences/?start={world.public.today}&end={world.public.today + datetime.timedelta(days=60)}",
    ]
    for url in routes:
        text = client.get(url).content.decode(errors="replace")
        for secret in secrets:
            assert secret not in text, (who, url, secret)
    assert SECRET_ITEM not in client.get("/de/termine/sitzung-ag-soziales/").content.decode()
