"""Loads the members' half (demo/data/members.py): member cities and their staff, committee seats,
the members' area with its circulars, and papers for the next meetings. Idempotent.

Two demo member logins (passwords are set by `manage.py dev_members`, with DEBUG on only):
one seated in the "AG Soziales", one in no committee.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from articles.models import Topic
from calendar_app.models import Committee, EventPage, Occurrence
from core.translation import translate
from members import sessions
from members.models import (
    MEMBERS_GROUP,
    OFFICE_GROUP,
    Agenda,
    AgendaItem,
    CircularAttachment,
    CircularIndexPage,
    CircularPage,
    CommitteeMembership,
    Invitation,
    MeetingPaper,
    MemberOrganisation,
    MemberProfile,
    MembersAreaPage,
    PaperKind,
    Reply,
)

from .data import members as data
from .media import make_pdf_file
from .site import strings


def ensure_groups():
    members, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
    office, _ = Group.objects.get_or_create(name=OFFICE_GROUP)
    return members, office


def ensure_collection(name, groups):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    restriction.groups.set(groups)
    return collection


def ensure_people():
    organisations = {}
    for record in data.ORGANISATIONS:
        organisations[record.name], _created = MemberOrganisation.objects.get_or_create(
            name=record.name, defaults={"kind": record.kind, "email_domains": record.email_domain}
        )
    committees = {c.name: c for c in Committee.objects.filter(locale__language_code="de")}
    User = get_user_model()
    profiles = {}
    for person in data.PEOPLE:
        user = User.objects.filter(username=person.email).first()
        if user is None:
            user = User(
                username=person.email,
                email=person.email,
                first_name=person.first_name,
                last_name=person.last_name,
            )
            user.set_unusable_password()
            user.save()
        profile = MemberProfile.objects.filter(user=user).first()
        if profile is None:
            profile = MemberProfile.objects.create(
                user=user, organisation=organisations[person.organisation], function=person.function
            )
        for seat in person.seats:
            if seat.committee in committees:
                CommitteeMembership.objects.get_or_create(
                    profile=profile, committee=committees[seat.committee], defaults={"role": seat.role}
                )
        profiles[person.email] = profile
    return profiles


def ensure_area(home_de, en, members, office):
    area = MembersAreaPage.objects.child_of(home_de).first()
    if area is None:
        area = MembersAreaPage(
            title=data.AREA_TITLE.de, slug=data.AREA_SLUG.de, intro=data.AREA_INTRO.de, show_in_menus=False
        )
        home_de.add_child(instance=area)
        area.save_revision().publish()
    restriction = PageViewRestriction.objects.filter(page=area).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=area, restriction_type=PageViewRestriction.GROUPS
        )
    restriction.groups.set([members, office])
    restriction.save()  # mirrored to the English area (core.restrictions)
    if not MembersAreaPage.objects.filter(locale=en, translation_key=area.translation_key).exists():
        translate(area, en, strings(data.AREA_TITLE, data.AREA_SLUG, data.AREA_INTRO))
    index = CircularIndexPage.objects.child_of(area).first()
    if index is None:
        index = CircularIndexPage(title=data.CIRCULARS_TITLE.de, slug=data.CIRCULARS_SLUG.de)
        area.add_child(instance=index)
        index.save_revision().publish()
    if not CircularIndexPage.objects.filter(locale=en, translation_key=index.translation_key).exists():
        translate(index, en, strings(data.CIRCULARS_TITLE, data.CIRCULARS_SLUG))
    return area, index


def ensure_circulars(index, collection):
    topics = {t.slug: t for t in Topic.objects.filter(locale__language_code="de")}
    for record in data.CIRCULARS:
        year, number = record.year, record.number
        if CircularPage.objects.filter(slug=f"{year}-{number:03d}").exists():
            continue
        circular = CircularPage(
            title=record.title,
            slug=f"{year}-{number:03d}",
            number=number,
            date=datetime.date(year, 1, 1) + datetime.timedelta(days=number * 5),  # in order through the year
            summary=record.summary,
            addressees=[str(f) for f in record.addressees],
            body=[("paragraph", f"<p>{record.summary} Rückfragen beantwortet die Geschäftsstelle.</p>")],
        )
        if record.topic in topics:
            circular.topics = [topics[record.topic]]
        if number % 3 == 0:
            document = Document.objects.create(
                title=f"Anlage zu Rundschreiben {number}/{year}",
                file=make_pdf_file(f"rundschreiben-{year}-{number}.pdf", record.title, [record.summary]),
                collection=collection,
            )
            circular.attachments = [CircularAttachment(document=document)]
        index.add_child(instance=circular)
        circular.save_revision().publish()


def ensure_papers(collection):
    now = timezone.now()
    for series in EventPage.objects.live().filter(locale__language_code="de", committee__name="AG Soziales"):
        if MeetingPaper.objects.filter(series=series).exists():
            continue
        upcoming = Occurrence.objects.filter(translation_key=series.translation_key).upcoming(now).first()
        past = Occurrence.objects.filter(translation_key=series.translation_key).past(now).first()
        for occurrence, kind, label in (
            (upcoming, PaperKind.INVITATION, "Einladung"),
            (upcoming, PaperKind.AGENDA, "Tagesordnung"),
            (past, PaperKind.MINUTES, "Niederschrift"),
        ):
            if occurrence is None:
                continue
            day = timezone.localtime(occurrence.original_start).date()
            title = f"{label} {series.committee.name} am {day:%d.%m.%Y}"
            document = Document.objects.create(
                title=title,
                file=make_pdf_file(
                    f"{kind}-{day:%Y%m%d}.pdf", title, ["Vertraulich: nur für die Mitglieder des Gremiums."]
                ),
                collection=collection,
            )
            MeetingPaper.objects.create(
                series=series, meeting_date=day, kind=kind, title=title, document=document
            )


def load(home_de, en):
    members, office = ensure_groups()
    members_files = ensure_collection("Mitgliederbereich", [members, office])
    # members download papers through the paper view, never through Wagtail's document view
    papers_files = ensure_collection("Sitzungsunterlagen", [office])
    ensure_people()
    _area, index = ensure_area(home_de, en, members, office)
    ensure_circulars(index, members_files)
    ensure_papers(papers_files)
    ensure_sessions(en, papers_files)


def ensure_sessions(en, collection):
    """The AG Soziales' next meeting with its agenda, a public and a members-only paper, the
    invitation sent and one reply; its last meeting with results. Skipped once an agenda exists."""
    now = timezone.now()
    series = (
        EventPage.objects.live().filter(locale__language_code="de", committee__name="AG Soziales").first()
    )
    if series is None or Agenda.objects.filter(series=series).exists():
        return
    upcoming = Occurrence.objects.filter(translation_key=series.translation_key).upcoming(now).first()
    past = Occurrence.objects.filter(translation_key=series.translation_key).past(now).first()
    for occurrence, items in ((upcoming, data.NEXT_AGENDA), (past, data.PAST_AGENDA)):
        if occurrence is None:
            continue
        day = timezone.localtime(occurrence.original_start).date()
        agenda = Agenda.objects.create(series=series, meeting_date=day, locale=series.locale)
        texts = []
        for order, (number, title, public, *result) in enumerate(items):
            result = result[0] if result else None
            AgendaItem.objects.create(
                agenda=agenda,
                number=number,
                title=title.de,
                public=public,
                result=result.de if result else "",
                sort_order=order,
                locale=series.locale,
            )
            texts += [title] + ([result] if result and result.de else [])
        if occurrence is upcoming:
            for text, public, number in ((data.PUBLIC_PAPER, True, "3"), (data.MEMBERS_PAPER, False, "4")):
                document = Document.objects.create(
                    title=text.de,
                    file=make_pdf_file(
                        f"vorlage-{day:%Y%m%d}-{number}.pdf", text.de, ["Vorlage für die Sitzung."]
                    ),
                    collection=collection,
                )
                paper = MeetingPaper.objects.create(
                    series=series,
                    meeting_date=day,
                    kind=PaperKind.AGENDA,
                    title=text.de,
                    document=document,
                    public=public,
                )
                item = agenda.items.get(number=number)
                item.papers.add(paper)
                item.save()
            sessions.invite(agenda, now=now)
            invitation = Invitation.objects.filter(agenda=agenda, profile__isnull=False).first()
            if invitation is not None:
                sessions.record_reply(invitation, Reply.ATTENDING, now=now)
            agenda.refresh_from_db()
        else:
            Agenda.objects.filter(pk=agenda.pk).update(
                invited_at=occurrence.start - datetime.timedelta(days=14)
            )
        translate(agenda, en, strings(*texts))
