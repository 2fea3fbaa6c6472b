"""The members' area: accounts from the office, login, circulars, papers, "Themen", the personal feed,
API tokens, CSV import, and the privacy matrix (who x what x where): nothing private anywhere else."""

import datetime
import io
import re

import icalendar
import pytest
import recurrence
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.models import APIToken, PageViewRestriction

from calendar_app.models import EventPage
from demo import members as demo
from demo.data.members import DEMO_LOGINS
from demo.media import make_pdf_file
from members.blocks import CircularBodyBlock
from members.invitations import send_invitation
from members.models import (
    MEMBERS_GROUP,
    OFFICE_GROUP,
    CircularPage,
    CommitteeMembership,
    CommitteePapersAccess,
    MeetingPaper,
    MemberOrganisation,
    MemberProfile,
    Role,
)
from tests import factories

PASSWORD = "sicheres-passwort-2026"


def member(email, organisation, committee=None):
    user = get_user_model().objects.create_user(
        email, email, PASSWORD, first_name="Vorname", last_name="Nachname"
    )
    profile = MemberProfile.objects.create(user=user, organisation=organisation)
    if committee is not None:
        CommitteeMembership.objects.create(profile=profile, committee=committee, role=Role.MEMBER)
    return user


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(site):
    """A public site; a members' area with a circular; committee X with a public and a members-only
    series and papers; four kinds of visitor."""
    public = factories.make_public_site(site)
    members_group, office_group = demo.ensure_groups()
    members_files = demo.ensure_collection("Mitgliederbereich", [members_group, office_group])
    papers_files = demo.ensure_collection("Sitzungsunterlagen", [office_group])
    area, index = demo.ensure_area(site.home_de, site.en, members_group, office_group)
    attachment = Document.objects.create(
        title="Anlage Haushaltserlass",
        file=make_pdf_file("anlage.pdf", "Anlage", ["vertraulich"]),
        collection=members_files,
    )
    circular = CircularPage(
        title="Haushaltserlass vertraulich",
        slug="haushaltserlass",
        number=7,
        date=datetime.date(2026, 3, 1),
        summary="Der Erlass zur Haushaltsführung ist da.",
        body=[("paragraph", "<p>Zum Haushaltserlass des Landes.</p>")],
        addressees=["treasurer"],
    )
    circular.topics = [public.topic]
    from members.models import CircularAttachment

    circular.attachments = [CircularAttachment(document=attachment)]
    index.add_child(instance=circular)
    circular.save_revision().publish()
    committee = public.committee  # "AG Soziales", committee X
    secret = factories.make_series(
        public.events,
        committee,
        "Klausur Geheimsache",
        rule=recurrence.Rule(recurrence.MONTHLY),
        start_date=public.today + datetime.timedelta(days=3),
        slug="klausur-geheim",
    )
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([members_group, office_group])
    series_paper = MeetingPaper.objects.create(
        series=public.weekly,
        kind="agenda",
        title="Tagesordnung Serie",
        document=Document.objects.create(
            title="TO Serie", file=make_pdf_file("to.pdf", "TO", ["x"]), collection=papers_files
        ),
    )
    meeting_paper = MeetingPaper.objects.create(
        series=public.weekly,
        meeting_date=public.today + datetime.timedelta(days=7),
        kind="minutes",
        title="Niederschrift Einzeltermin",
        document=Document.objects.create(
            title="NS", file=make_pdf_file("ns.pdf", "NS", ["x"]), collection=papers_files
        ),
    )
    city_a = MemberOrganisation.objects.create(
        name="Wiesbaden", kind="independent_city", email_domains="wiesbaden.de"
    )
    office = get_user_model().objects.create_user(
        "office@staedtetag.example", "office@staedtetag.example", PASSWORD
    )
    office.groups.add(Group.objects.get(name=OFFICE_GROUP))
    return factories.SimpleNamespace(
        public=public,
        area=area,
        index=index,
        circular=circular,
        attachment=attachment,
        secret=secret,
        committee=committee,
        series_paper=series_paper,
        meeting_paper=meeting_paper,
        city_a=city_a,
        visitors={
            "anonymous": None,
            "outsider": member("kaemmerei@wiesbaden.de", city_a),
            "insider": member("sozialamt@wiesbaden.de", city_a, committee),
            "office": office,
        },
    )


ALL = ("anonymous", "outsider", "insider", "office")
MEMBERS = ("outsider", "insider", "office")


def token_for(user):
    return APIToken.create_token(user=user, name="Intranet")[1] if user is not None else None


def api(user, url):
    client = Client()
    token = token_for(user)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.get(url, **headers)


# The privacy matrix -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_matrix_pages_and_the_members_home(world, who):
    client = client_for(world.visitors[who])
    circular = client.get(world.circular.url)
    secret = client.get("/de/termine/klausur-geheim/")
    home = client.get(world.area.url)
    if who == "anonymous":
        for response in (circular, secret, home):
            assert response.status_code == 302 and "/de/mitglieder/anmelden/" in response["Location"]
        return
    assert circular.status_code == 200 and "Haushaltserlass vertraulich" in circular.content.decode()
    assert secret.status_code == 200
    text = home.content.decode()
    assert home.status_code == 200 and "Haushaltserlass vertraulich" in text
    assert "private" in home["Cache-Control"] and "X-Page-Cache" not in home
    # Papers: only in the committee (and the office sees all of them on the meeting page).
    meeting_page = client.get("/de/termine/sitzung-ag-soziales/").content.decode()
    sees_papers = who in ("insider", "office")
    assert ("Tagesordnung Serie" in meeting_page) is sees_papers
    assert ("Sitzungsunterlagen" in meeting_page) is sees_papers  # not even the heading for others
    if who == "insider":
        assert "Tagesordnung Serie" in text and "Niederschrift Einzeltermin" in text  # "my meetings"
    if who == "outsider":
        assert "Tagesordnung" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_matrix_public_lists_search_sitemap_rss_and_ical_never_show_private_items(world, who):
    client = client_for(world.visitors[who])
    for url in (
        "/de/",
        "/de/termine/",
        "/de/termine/monat/",
        "/de/aktuelles/",
        "/de/aktuelles/feed/",
        "/de/termine/ical/",
        "/de/termine/gremium/ag-soziales/ical/",
        "/sitemap-pages.xml",
        "/de/search/?q=Haushaltserlass",
        "/de/search/?q=Klausur",
        "/en/events/",
    ):
        text = client.get(url).content.decode()
        for secret in (
            "Haushaltserlass vertraulich",
            "Erlass zur Haushaltsführung",
            "Klausur Geheimsache",
            "klausur-geheim",
            "rundschreiben/haushaltserlass",
            "Anlage Haushaltserlass",
        ):
            assert secret not in text, (who, url, secret)
    result = client.get("/de/search/?q=Haushaltserlass").content.decode()
    assert "Zu „Haushaltserlass“ wurde nichts gefunden" in result  # not even a count


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_matrix_members_search_and_themen(world, who):
    client = client_for(world.visitors[who])
    response = client.get(world.area.url + "themen/?q=Haushaltserlass")
    if who == "anonymous":
        assert response.status_code == 302
        return
    assert "Haushaltserlass vertraulich" in response.content.decode()
    by_topic = client.get(world.area.url + f"themen/?topic={world.public.topic.slug}&year=2026")
    assert "Haushaltserlass vertraulich" in by_topic.content.decode()
    assert "Mehr Geld für Integration" not in by_topic.content.decode()  # 2016, not 2026


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_matrix_api_list_detail_find_search_and_papers(world, who):
    user = world.visitors[who]
    listing = api(user, "/api/v2/pages/?limit=100").json()
    ids = {item["id"] for item in listing["items"]}
    detail = api(user, f"/api/v2/pages/{world.circular.pk}/")
    found = api(user, f"/api/v2/pages/find/?html_path={world.circular.url}")
    search = api(user, "/api/v2/pages/?search=Haushaltserlass").json()["items"]
    papers = api(user, "/api/v2/meeting_papers/")
    if who == "anonymous":
        assert world.circular.pk not in ids and world.secret.pk not in ids
        assert listing["meta"]["total_count"] == len(ids)  # the count gives nothing away
        assert detail.status_code == 404 and found.status_code == 404 and search == []
        assert papers.status_code == 401
        return
    assert world.circular.pk in ids and world.secret.pk in ids
    assert detail.status_code == 200 and found.status_code == 302
    assert [item["id"] for item in search] == [world.circular.pk]
    titles = {item["title"] for item in papers.json()["items"]}
    expected = {"Tagesordnung Serie", "Niederschrift Einzeltermin"} if who in ("insider", "office") else set()
    assert titles == expected


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_matrix_downloads(world, who, settings):
    client = client_for(world.visitors[who])
    paper = client.get(f"/de/mitglieder/unterlagen/{world.series_paper.pk}/")
    occurrence_paper = client.get(f"/de/mitglieder/unterlagen/{world.meeting_paper.pk}/")
    attachment = client.get(world.attachment.url)
    direct = client.get(world.series_paper.document.url)  # Wagtail's own document URL
    storage = client.get(settings.MEDIA_URL + world.series_paper.document.file.name)
    assert storage.status_code == 404  # the storage path is never served
    if who == "anonymous":
        assert paper.status_code == 302 and occurrence_paper.status_code == 302
        assert attachment.status_code == 302 and direct.status_code == 302
        return
    assert attachment.status_code == 200  # circulars' attachments: every member
    may = who in ("insider", "office")
    assert paper.status_code == occurrence_paper.status_code == (200 if may else 404)
    if may:
        assert b"".join(paper.streaming_content if paper.streaming else [paper.content]).startswith(b"%PDF")
        assert "private" in paper["Cache-Control"]
    if who != "office":
        assert direct.status_code in (302, 403)  # papers only through the permission check


@pytest.mark.django_db
def test_the_office_can_open_a_committees_papers_to_all_members(world):
    outsider = world.visitors["outsider"]
    assert client_for(outsider).get(f"/de/mitglieder/unterlagen/{world.series_paper.pk}/").status_code == 404
    CommitteePapersAccess.objects.create(committee=world.committee, open_to_all_members=True)
    assert client_for(outsider).get(f"/de/mitglieder/unterlagen/{world.series_paper.pk}/").status_code == 200


@pytest.mark.django_db
def test_circulars_carry_no_images():
    assert "image" not in CircularBodyBlock().child_blocks


@pytest.mark.django_db
def test_former_members_lose_access(world):
    world.city_a.active = False
    world.city_a.save()
    client = client_for(world.visitors["insider"])
    assert client.get(world.circular.url).status_code in (302, 403)
    assert client.get(f"/de/mitglieder/unterlagen/{world.series_paper.pk}/").status_code == 404


# Personal calendar ----------------------------------------------------------------------------------


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


# Accounts ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_members_sign_in_in_german_and_english_and_mistakes_are_explained(world):
    client = Client()
    page = client.get("/de/mitglieder/anmelden/")
    assert "Anmeldung für Mitglieder" in page.content.decode()
    assert "Members' sign-in" in client.get("/en/members/login/").content.decode()
    wrong = client.post(
        "/de/mitglieder/anmelden/", {"username": "sozialamt@wiesbaden.de", "password": "falsch"}
    )
    assert "Die E-Mail-Adresse oder das Passwort stimmt nicht" in wrong.content.decode()
    right = client.post(
        "/de/mitglieder/anmelden/",
        {"username": "sozialamt@wiesbaden.de", "password": PASSWORD, "next": world.circular.url},
    )
    assert right.status_code == 302 and right["Location"] == world.circular.url
    assert client.get(world.circular.url).status_code == 200
    assert client.get("/admin/").status_code == 302  # members do not get into the admin


@pytest.mark.django_db
def test_member_login_is_throttled_like_the_admins(world):
    client = Client()
    for _attempt in range(5):
        response = client.post(
            "/de/mitglieder/anmelden/", {"username": "sozialamt@wiesbaden.de", "password": "falsch"}
        )
    assert response.status_code == 429
    assert (
        client.post(
            "/de/mitglieder/anmelden/", {"username": "sozialamt@wiesbaden.de", "password": PASSWORD}
        ).status_code
        == 429
    )


@pytest.mark.django_db
def test_an_invitation_sets_the_password_and_then_the_member_signs_in(world, mailoutbox):
    user = get_user_model().objects.create_user(
        "neu@wiesbaden.de", "neu@wiesbaden.de", None, first_name="Nina", last_name="Neu"
    )
    profile = MemberProfile.objects.create(user=user, organisation=world.city_a)
    send_invitation(profile)
    (mail,) = mailoutbox
    assert mail.to == ["neu@wiesbaden.de"] and "Einladung" in mail.subject
    link = re.search(r"http://testserver(/de/mitglieder/passwort/\S+/)", mail.body)[1]
    client = Client()
    form = client.get(link, follow=True)
    assert "Passwort festlegen" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    assert (
        client.post(
            "/de/mitglieder/anmelden/", {"username": "neu@wiesbaden.de", "password": PASSWORD}
        ).status_code
        == 302
    )
    assert (
        "abgelaufen oder wurde schon benutzt" in Client().get(link, follow=True).content.decode()
    )  # once only


@pytest.mark.django_db
def test_password_reset_by_email(world, mailoutbox):
    Client().post("/de/mitglieder/passwort-vergessen/", {"email": "sozialamt@wiesbaden.de"})
    assert len(mailoutbox) == 1 and "/de/mitglieder/passwort/" in mailoutbox[0].body
    Client().post("/de/mitglieder/passwort-vergessen/", {"email": "niemand@example.org"})
    assert len(mailoutbox) == 1  # no mail, and the page says the same: nothing gives away who has an account


@pytest.mark.django_db
def test_api_tokens_are_made_and_revoked_by_the_member(world):
    insider = world.visitors["insider"]
    client = client_for(insider)
    page = client.post(world.area.url + "api-zugang/", {"name": "Intranet Wiesbaden"}).content.decode()
    token = re.search(r'id="new-token" type="text" readonly value="([^"]+)"', page)[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert Client().get(f"/api/v2/pages/{world.circular.pk}/", **headers).status_code == 200
    stored = APIToken.objects.get(user=insider)
    client.post(world.area.url + "api-zugang/", {"revoke": stored.pk})
    assert Client().get(f"/api/v2/pages/{world.circular.pk}/", **headers).status_code == 401
    assert (
        Client()
        .get(f"/api/v2/pages/{world.circular.pk}/", HTTP_AUTHORIZATION="Bearer wagtail_falsch")
        .status_code
        == 401
    )


# Circulars ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_circular_numbers_are_unique_per_year_and_the_next_is_suggested(world, admin_user):
    assert CircularPage.next_number(2026) == 8
    twin = CircularPage(
        title="Zwilling", slug="zwilling", number=7, date=datetime.date(2026, 5, 1), summary="x"
    )
    twin.locale = world.circular.locale
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        twin.clean()
    assert "Nr. 7/2026" in str(error.value) or "7/2026" in str(error.value)
    other_year = CircularPage(
        title="Nächstes Jahr", slug="naechstes", number=7, date=datetime.date(2027, 1, 5), summary="x"
    )
    other_year.locale = world.circular.locale
    other_year.clean()
    editor = client_for(admin_user)
    form = editor.get(f"/admin/pages/add/members/circularpage/{world.index.pk}/").content.decode()
    assert 'name="number" value="8"' in form or 'value="8" name="number"' in form or 'id="id_number"' in form


# CSV import ---------------------------------------------------------------------------------------


CSV_HEADER = "organisation;kind;domains;first_name;last_name;email;function;committees\n"


@pytest.mark.django_db
def test_csv_import_is_all_or_nothing_with_errors_per_row_in_german(world, admin_user):
    editor = client_for(admin_user)
    bad = CSV_HEADER + (
        "Kassel;Kreisfreie Stadt;kassel.de;Aylin;Demir;sozialamt@kassel.de;Sozialdezernat;AG Soziales: Vorsitz\n"
        "Hanau;Stadt mit Sonderstatus;hanau.de;Tom;;keine-adresse;Zauberer;AG Unbekannt\n"
    )
    response = editor.post("/admin/members/import/", {"file": SimpleUploadedFile("m.csv", bad.encode())})
    text = response.content.decode()
    assert "Es wurde nichts importiert" in text
    assert "Zeile 3:" in text and "keine-adresse" in text and "unbekannte Funktion „Zauberer“" in text
    assert "unbekanntes Gremium „AG Unbekannt“" in text
    assert not MemberProfile.objects.filter(user__email="sozialamt@kassel.de").exists()
    good = CSV_HEADER + (
        "Kassel;Kreisfreie Stadt;kassel.de;Aylin;Demir;sozialamt@kassel.de;Sozialdezernat;AG Soziales: Vorsitz\n"
        "Hanau;special_status;hanau.de;Tom;Roth;it@hanau.de;Head of IT;\n"
    )
    response = editor.post("/admin/members/import/", {"file": SimpleUploadedFile("m.csv", good.encode())})
    assert response.status_code == 302
    aylin = MemberProfile.objects.get(user__email="sozialamt@kassel.de")
    assert aylin.organisation.name == "Kassel" and aylin.function == "social"
    assert aylin.memberships.get().role == "chair"
    assert aylin.user.groups.filter(name=MEMBERS_GROUP).exists()
    assert MemberOrganisation.objects.get(name="Hanau").kind == "special_status"


@pytest.mark.django_db
def test_the_office_creates_a_member_user_in_one_form(world, admin_user, mailoutbox):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    editor = client_for(admin_user)
    data = nested_form_data(
        {
            "first_name": "Eva",
            "last_name": "Lang",
            "email": "eva.lang@wiesbaden.de",
            "organisation": world.city_a.pk,
            "function": "legal",
            "phone": "",
            "send_invitation": "on",
            "memberships": inline_formset([{"committee": world.committee.pk, "role": "guest"}]),
        }
    )
    with_capture = editor.post("/admin/snippets/members/memberprofile/add/", data)
    assert with_capture.status_code == 302, with_capture.content.decode()[:3000]
    profile = MemberProfile.objects.get(user__email="eva.lang@wiesbaden.de")
    assert profile.memberships.get().role == "guest"
    wrong_domain = dict(data, email="eva@gmail.com")
    response = editor.post("/admin/snippets/members/memberprofile/add/", wrong_domain)
    assert "gehört nicht zu den Domains von Wiesbaden" in response.content.decode()


@pytest.mark.django_db
def test_demo_content_has_member_cities_circulars_and_papers():
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    assert MemberOrganisation.objects.count() >= 12
    assert CircularPage.objects.count() >= 20
    assert MeetingPaper.objects.count() >= 2
    assert {p.user.email for p in MemberProfile.objects.all()} >= set(DEMO_LOGINS)
    in_committee, outside = (MemberProfile.objects.get(user__email=e) for e in DEMO_LOGINS)
    assert in_committee.memberships.exists() and not outside.memberships.exists()
    assert EventPage.objects.exists()


@pytest.mark.django_db
def test_in_production_nginx_can_send_the_checked_file_by_x_accel_redirect(world, rf, settings):
    from core.sendfile_nginx import sendfile

    settings.SENDFILE_ROOT = settings.MEDIA_ROOT
    settings.SENDFILE_URL = "/protected/"
    document = world.series_paper.document
    response = sendfile(rf.get("/"), document.file.path)
    assert response["X-Accel-Redirect"] == f"/protected/{document.file.name}"
    assert response.content == b""  # the file itself never passes through the application


@pytest.mark.django_db
def test_an_intranet_downloads_a_paper_with_the_members_token(world):
    token = token_for(world.visitors["insider"])
    papers = Client().get("/api/v2/meeting_papers/", HTTP_AUTHORIZATION=f"Bearer {token}").json()["items"]
    url = next(p["document"]["url"] for p in papers if p["title"] == "Tagesordnung Serie")
    path = url.replace("http://testserver", "")
    download = Client().get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    outsider = token_for(world.visitors["outsider"])
    assert Client().get(path, HTTP_AUTHORIZATION=f"Bearer {outsider}").status_code == 404
    assert Client().get(path, HTTP_AUTHORIZATION="Bearer wagtail_nonsense").status_code == 401


@pytest.mark.django_db
def test_signing_in_with_an_account_without_access_says_so_instead_of_looping(world):
    outsider = world.visitors["outsider"]
    world.city_a.active = False
    world.city_a.save()
    client = client_for(outsider)
    response = client.get(world.circular.url, follow=True)
    assert response.redirect_chain[-1][0].startswith("/de/mitglieder/anmelden/")
    assert len(response.redirect_chain) == 1
    assert "aber dieses Konto darf die gewünschte Seite nicht sehen" in response.content.decode()
    signed_out = client.post("/de/mitglieder/abmelden/")
    assert signed_out.status_code == 302 and "_auth_user_id" not in client.session
