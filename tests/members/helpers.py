"""The members' tests' world: a public site, a members' area, committee X with public and members-only series and papers, four kinds of visitor."""

import datetime

import recurrence
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import APIToken, PageViewRestriction

from calendar_app.models import Occurrence
from demo import members as demo
from demo.media import make_pdf_file
from members.models import (
    OFFICE_GROUP,
    Agenda,
    AgendaItem,
    CircularPage,
    CommitteeMembership,
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


def build_members_world(site):
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


CSV_HEADER = "organisation;kind;domains;first_name;last_name;email;function;committees\n"


def paper_for(series, meeting_date, title, kind="agenda", public=False):
    """A meeting paper (a PDF in the papers' collection) of one meeting of the series."""
    from wagtail.models import Collection

    collection = (
        Collection.objects.filter(name="Sitzungsunterlagen").first() or Collection.get_first_root_node()
    )
    document = Document.objects.create(
        title=f"{title} (PDF)", file=make_pdf_file(f"{kind}.pdf", title, ["x"]), collection=collection
    )
    return MeetingPaper.objects.create(
        series=series, meeting_date=meeting_date, kind=kind, title=title, document=document, public=public
    )


def next_meeting(series, after_days=1):
    return (
        Occurrence.objects.filter(
            translation_key=series.translation_key,
            start__gt=timezone.now() + datetime.timedelta(days=after_days),
        )
        .order_by("start")
        .first()
    )


def make_agenda(series, occurrence, items=(("1", "Begrüßung", True), ("2", "Haushalt 2027", True))):
    day = timezone.localtime(occurrence.original_start).date()
    agenda = Agenda.objects.create(series=series, meeting_date=day, locale=series.locale)
    for order, (number, title, public) in enumerate(items):
        AgendaItem.objects.create(
            agenda=agenda, number=number, title=title, public=public, sort_order=order, locale=series.locale
        )
    return agenda
