"""The e-mail service against a real SMTP server (aiosmtpd): circulars to the members who chose them,
in their language, once; statements to confirmed public subscribers; notices of cancelled or moved
meetings; the weekly digest once per week; double opt-in and one-click unsubscribe end to end; what
the office sees in the admin; and the faults: the mail server down, a refused address, the same
publish signalled twice, a crashed worker's mails, queries per mail."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from calendar_app.models import Occurrence, OccurrenceChange
from core.loading import bulk_loading
from demo import members as demo
from mailings import digest, sending
from mailings.models import CircularChoice, Delivery, MemberSubscription, Message, Subscriber, Timing
from members.models import CircularPage, CommitteeMembership, MemberOrganisation, MemberProfile, Role
from tests import factories
from tests.mail import SMTPServer, parts

PASSWORD = "sicheres-passwort-2026"


@pytest.fixture
def smtp(settings):
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


def drain(rounds=50):
    """Run the queued mail tasks that are due, as `manage.py mail_worker` does (in this transaction)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="mail",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
    )
    for _round in range(rounds):
        task = DBTaskResult.objects.ready().filter(backend_name="mail").order_by("enqueued_at").first()
        if task is None:
            break
        task.claim("test")
        worker.run_task(task)
    failed = DBTaskResult.objects.filter(backend_name="mail", status="FAILED")
    assert not failed.exists(), [task.traceback for task in failed]


def later(minutes=120):
    """The clock moves on: retries and deferred tasks fall due."""
    past = timezone.now() - datetime.timedelta(seconds=1)
    Delivery.objects.filter(status="queued").update(next_attempt_at=past)
    DBTaskResult.objects.filter(status="READY").update(run_after=past)


def member(
    email,
    organisation,
    *,
    language="de",
    circulars=CircularChoice.ALL,
    topics=(),
    timing=Timing.IMMEDIATE,
    committee=None,
    notices=True,
):
    user = get_user_model().objects.create_user(email, email, PASSWORD, first_name="Vor", last_name="Name")
    profile = MemberProfile.objects.create(user=user, organisation=organisation)
    subscription = MemberSubscription.objects.create(
        profile=profile, language=language, circulars=circulars, timing=timing, meeting_notices=notices
    )
    subscription.topics.set(topics)
    if committee is not None:
        CommitteeMembership.objects.create(profile=profile, committee=committee, role=Role.MEMBER)
    return profile


@pytest.fixture
def world(site):
    with bulk_loading():  # the site's existing content is not news
        return build_world(site)


def build_world(site):
    public = factories.make_public_site(site)
    other_topic = factories.make_topic(site, "Verkehr", "verkehr", "Transport", "transport")
    members_group, office_group = demo.ensure_groups()
    area, index = demo.ensure_area(site.home_de, site.en, members_group, office_group)
    city = MemberOrganisation.objects.create(
        name="Wiesbaden", kind="independent_city", email_domains="wiesbaden.de"
    )
    former = MemberOrganisation.objects.create(name="Altstadt", kind="independent_city", active=False)
    people = {
        "de": member("de@wiesbaden.de", city),
        "en": member("en@wiesbaden.de", city, language="en"),
        "social": member("social@wiesbaden.de", city, circulars=CircularChoice.TOPICS, topics=[public.topic]),
        "transport": member(
            "transport@wiesbaden.de", city, circulars=CircularChoice.TOPICS, topics=[other_topic]
        ),
        "digest": member("digest@wiesbaden.de", city, timing=Timing.DIGEST),
        "none": member("none@wiesbaden.de", city, circulars=CircularChoice.NONE),
        "former": member("former@altstadt.de", former),
        "committee": member(
            "ag@wiesbaden.de", city, circulars=CircularChoice.NONE, committee=public.committee
        ),
        "quiet": member(
            "quiet@wiesbaden.de",
            city,
            circulars=CircularChoice.NONE,
            committee=public.committee,
            notices=False,
        ),
    }
    # A member user without stored settings gets the defaults: every circular, at once.
    user = get_user_model().objects.create_user("fresh@wiesbaden.de", "fresh@wiesbaden.de", PASSWORD)
    people["fresh"] = MemberProfile.objects.create(user=user, organisation=city)
    return factories.SimpleNamespace(
        public=public, index=index, other_topic=other_topic, people=people, site=site
    )


def publish_circular(world, title="Haushaltserlass 2027", topics=None, number=7):
    circular = CircularPage(
        title=title,
        slug=f"rs-{number}",
        number=number,
        date=timezone.localdate(),
        summary="Das Land hat den Haushaltserlass veröffentlicht.",
        body=[("paragraph", '<p>Bitte beachten Sie <a href="/de/aktuelles/">die Hinweise</a>.</p>')],
    )
    circular.topics = list(topics if topics is not None else [world.public.topic])
    world.index.add_child(instance=circular)
    circular.save_revision().publish()
    return circular


def addresses(smtp):
    return smtp.inbox.recipients()


def test_a_circular_reaches_the_members_who_chose_it_once_in_their_language(world, smtp):
    circular = publish_circular(world)
    factories.translate(
        circular,
        world.site.en,
        {
            "Haushaltserlass 2027": "Budget decree 2027",
            "Das Land hat den Haushaltserlass veröffentlicht.": "The state published its budget decree.",
            "rs-7": "circular-7",
            'Bitte beachten Sie <a id="a1">die Hinweise</a>.': 'Please read <a id="a1">the notes</a>.',
        },
    )
    assert Message.objects.filter(kind="circular").count() == 1
    assert smtp.inbox.messages == []  # queued, not sent inside the publish
    drain()
    assert addresses(smtp) == [
        "de@wiesbaden.de",
        "en@wiesbaden.de",
        "fresh@wiesbaden.de",
        "social@wiesbaden.de",
    ]
    german = smtp.inbox.to("de@wiesbaden.de")[0]
    english = smtp.inbox.to("en@wiesbaden.de")[0]
    assert german["Subject"] == f"Rundschreiben Nr. 7/{timezone.localdate().year}: Haushaltserlass 2027"
    assert english["Subject"] == f"Circular No. 7/{timezone.localdate().year}: Budget decree 2027"
    text, html = parts(german)
    assert "Das Land hat den Haushaltserlass veröffentlicht." in text
    assert "die Hinweise <http://testserver/de/aktuelles/>" in text
    assert 'href="http://testserver/de/aktuelles/"' in html
    assert '<html lang="de">' in html and "<img" not in html
    assert "The state published its budget decree." in parts(english)[0]
    # Nothing more arrives when the worker runs again.
    drain()
    assert len(smtp.inbox.messages) == 4


def test_every_mail_has_the_headers_of_a_proper_list_mail(world, smtp, settings):
    publish_circular(world)
    drain()
    mail = smtp.inbox.to("de@wiesbaden.de")[0]
    assert mail["From"] == settings.DEFAULT_FROM_EMAIL
    assert re.fullmatch(r"<mail\.\d+\.\d+@staedtetag\.example>", mail["Message-ID"])
    assert mail["Date"]
    assert mail["List-Id"] == "Rundschreiben <rundschreiben.staedtetag.example>"
    assert re.fullmatch(
        r"<http://testserver/de/newsletter/abmelden/[^>]+/>", mail["List-Unsubscribe"].strip()
    )
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.get_content_type() == "multipart/alternative"
    text, html = parts(mail)
    link = mail["List-Unsubscribe"].strip()[1:-1]
    assert link in text and link in html  # the visible link too


def test_an_edit_sends_nothing_and_send_again_sends_the_note(world, smtp):
    circular = publish_circular(world)
    drain()
    circular.title = "Haushaltserlass 2027 (korrigiert)"
    circular.save_revision().publish()
    drain()
    assert len(smtp.inbox.to("de@wiesbaden.de")) == 1
    office = get_user_model().objects.create_superuser("chefin", "chefin@staedtetag.example", PASSWORD)
    client = Client()
    client.force_login(office)
    form = client.get(f"/admin/mailings/send-again/{circular.pk}/")
    assert "Was hat sich geändert" in form.content.decode()
    empty = client.post(f"/admin/mailings/send-again/{circular.pk}/", {"note": ""})
    assert "Dieses Feld muss ausgefüllt werden." in empty.content.decode()
    client.post(f"/admin/mailings/send-again/{circular.pk}/", {"note": "Frist in Abschnitt 2 korrigiert."})
    drain()
    again = smtp.inbox.to("de@wiesbaden.de")[1]
    assert again["Subject"].startswith("Aktualisiert: Rundschreiben Nr. 7/")
    assert "Frist in Abschnitt 2 korrigiert." in parts(again)[0]


def test_the_same_publish_signalled_twice_sends_one_mail_per_reader(world, smtp):
    circular = publish_circular(world)
    page_published.send(sender=CircularPage, instance=circular, revision=circular.live_revision)
    sending.fan_out(Message.objects.get().pk)  # and the fan-out run twice
    drain()
    assert Message.objects.count() == 1
    assert addresses(smtp) == [
        "de@wiesbaden.de",
        "en@wiesbaden.de",
        "fresh@wiesbaden.de",
        "social@wiesbaden.de",
    ]


def test_the_mail_server_down_keeps_everything_queued_until_it_is_back(world, smtp, settings):
    smtp.stop()
    publish_circular(world)
    drain()
    waiting = Delivery.objects.filter(status="queued")
    assert waiting.count() == 4 and not Delivery.objects.exclude(status="queued").exists()
    assert "Connection refused" in Delivery.objects.exclude(error="").get().error
    # A retry is scheduled, later rather than at once (back-off).
    retry = DBTaskResult.objects.get(status="READY", backend_name="mail")
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=30)
    smtp.start()
    later()
    drain()
    assert addresses(smtp) == [
        "de@wiesbaden.de",
        "en@wiesbaden.de",
        "fresh@wiesbaden.de",
        "social@wiesbaden.de",
    ]
    assert Delivery.objects.filter(status="sent").count() == 4


def test_a_refused_address_is_recorded_and_a_deferred_one_retried(world, smtp):
    smtp.inbox.refuse.add("de@wiesbaden.de")
    smtp.inbox.defer.add("en@wiesbaden.de")
    publish_circular(world)
    message = Message.objects.get()
    drain()
    failed = Delivery.objects.get(email="de@wiesbaden.de")
    assert failed.status == "failed" and "550" in failed.error
    deferred = Delivery.objects.get(email="en@wiesbaden.de")
    assert (
        deferred.status == "queued" and "451" in deferred.error and deferred.next_attempt_at > timezone.now()
    )
    smtp.inbox.defer.clear()
    later()
    drain()
    assert Delivery.objects.get(email="en@wiesbaden.de").status == "sent"
    assert smtp.inbox.to("de@wiesbaden.de") == []
    counts = Message.objects.with_counts().get(pk=message.pk)
    assert (counts.queued_count, counts.sent_count, counts.failed_count) == (0, 3, 1)


def test_the_office_sees_queued_sent_and_failed_per_message_in_german(world, smtp):
    smtp.inbox.refuse.add("de@wiesbaden.de")
    publish_circular(world)
    office = get_user_model().objects.create_superuser("chefin", "chefin@staedtetag.example", PASSWORD)
    client = Client()
    client.force_login(office)
    before = client.get("/admin/mailings/").content.decode()
    assert "Empfänger werden ermittelt" in before
    drain()
    listing = client.get("/admin/mailings/").content.decode()
    assert "Wartend" in listing and "Gesendet" in listing and "Fehlgeschlagen" in listing
    assert re.search(r"<td>0</td>\s*<td>3</td>\s*<td><strong>1</strong></td>", listing)
    detail = client.get(f"/admin/mailings/{Message.objects.get().pk}/").content.decode()
    assert "de@wiesbaden.de" in detail and "550 5.1.1 No such user here" in detail
    smtp.inbox.refuse.clear()
    client.post(f"/admin/mailings/{Message.objects.get().pk}/", {"retry": "1"})
    drain()
    assert len(smtp.inbox.to("de@wiesbaden.de")) == 1


def test_a_crashed_workers_mail_is_taken_over_once(world, smtp, settings):
    publish_circular(world)
    DBTaskResult.objects.filter(backend_name="mail").update(status="RUNNING")  # the worker died…
    sending.fan_out(Message.objects.get().pk)
    DBTaskResult.objects.filter(backend_name="mail", status="READY").update(status="RUNNING")
    done, in_flight, *waiting = Delivery.objects.order_by("pk")
    Delivery.objects.filter(pk=done.pk).update(status="sent")  # …after sending one mail,
    Delivery.objects.filter(pk=in_flight.pk).update(
        status="sending", claimed_at=timezone.now()
    )  # in the next
    sending.housekeeping()  # too early: a slow server may still be taking the one in flight
    assert Delivery.objects.get(pk=in_flight.pk).status == "sending"
    sending.housekeeping(now=timezone.now() + datetime.timedelta(seconds=settings.MAILINGS_STALE_SECONDS + 1))
    later()
    drain()
    assert addresses(smtp) == sorted([in_flight.email, *(delivery.email for delivery in waiting)])
    assert Delivery.objects.filter(status="sent").count() == 4


def test_public_double_opt_in_receive_and_one_click_unsubscribe(world, smtp):
    client = Client()
    form = client.get("/de/newsletter/")
    assert form.status_code == 200 and "Ihre E-Mail-Adresse" in form.content.decode()
    invalid = client.post("/de/newsletter/", {"email": "kein-at", "kinds": ["statement"], "consent": "on"})
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein." in invalid.content.decode()
    response = client.post(
        "/de/newsletter/",
        {
            "email": "Presse@Zeitung.example",
            "kinds": ["statement", "press_release"],
            "topics": [world.public.topic.pk],
            "consent": "on",
        },
    )
    assert "Bitte sehen Sie in Ihr Postfach" in response.content.decode()
    # The same request again does not send a second confirmation.
    client.post(
        "/de/newsletter/", {"email": "presse@zeitung.example", "kinds": ["statement"], "consent": "on"}
    )
    # Not confirmed yet: a statement published now goes to nobody.
    factories.make_article(
        world.public.article.get_parent(), "Vor der Bestätigung", topics=[world.public.topic]
    )
    drain()
    assert addresses(smtp) == ["presse@zeitung.example"]
    confirmation = smtp.inbox.to("presse@zeitung.example")[0]
    assert confirmation["Subject"] == "Bitte bestätigen Sie Ihr Abonnement"
    text, _html = parts(confirmation)
    link = re.search(r"http://testserver(/de/newsletter/bestaetigen/[^/\s]+/)", text).group(1)
    assert client.get(link).status_code == 200
    assert Subscriber.objects.get().confirmed_at is None  # opening the link changes nothing (scanners)
    done = client.post(link)
    assert "Abonnement bestätigt" in done.content.decode()
    assert Subscriber.objects.get().confirmed_at is not None
    # Confirmed: the next statement on the topic arrives, one on another topic does not.
    news = world.public.article.get_parent()
    factories.make_article(news, "Nach der Bestätigung", topics=[world.public.topic])
    factories.make_article(news, "Anderes Thema", topics=[world.other_topic])
    drain()
    received = smtp.inbox.to("presse@zeitung.example")
    assert [mail["Subject"] for mail in received[1:]] == ["Stellungnahme: Nach der Bestätigung"]
    unsubscribe = received[1]["List-Unsubscribe"].strip()[1:-1].replace("http://testserver", "")
    # RFC 8058: the mail program posts once, without cookies or a CSRF token.
    answer = Client(enforce_csrf_checks=True).post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200
    assert not Subscriber.objects.exists()  # leaving deletes the data
    factories.make_article(news, "Nach der Abmeldung", topics=[world.public.topic])
    drain()
    assert len(smtp.inbox.to("presse@zeitung.example")) == 2


def test_a_subscriber_sees_changes_and_deletes_their_data(world, smtp):
    subscriber = Subscriber.objects.create(
        email="leser@example.org", language="de", confirmed_at=timezone.now()
    )
    client = Client()
    page = client.get(f"/de/newsletter/meine-daten/{subscriber.token}/").content.decode()
    assert "leser@example.org" in page and "Einwilligung erteilt" in page
    client.post(f"/de/newsletter/meine-daten/{subscriber.token}/", {"kinds": ["press_release"]})
    assert Subscriber.objects.get().kinds == ["press_release"]
    client.post(f"/de/newsletter/meine-daten/{subscriber.token}/", {"delete": "1"})
    assert not Subscriber.objects.exists()
    gone = client.get(f"/de/newsletter/meine-daten/{subscriber.token}/")
    assert gone.status_code == 404 and "nicht mehr gültig" in gone.content.decode()


def test_a_private_statement_is_never_mailed(world, smtp):
    Subscriber.objects.create(email="leser@example.org", language="de", confirmed_at=timezone.now())
    news = world.public.article.get_parent()
    restricted = factories.make_article(news, "Geschützter Bereich", slug="geschuetzt")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    factories.make_article(restricted, "Nur für Angemeldete", slug="intern", topics=[world.public.topic])
    drain()
    subjects = [mail["Subject"] for mail in smtp.inbox.to("leser@example.org")]
    assert "Stellungnahme: Nur für Angemeldete" not in subjects


def test_a_cancelled_or_moved_meeting_reaches_its_committee(world, smtp):
    series = world.public.weekly
    upcoming = Occurrence.objects.filter(
        translation_key=series.translation_key, start__gt=timezone.now()
    ).order_by("start")
    first, second = upcoming[0], upcoming[1]
    series.changes.add(
        OccurrenceChange(original_date=timezone.localtime(first.original_start).date(), cancelled=True)
    )
    series.changes.add(
        OccurrenceChange(
            original_date=timezone.localtime(second.original_start).date(),
            new_date=timezone.localtime(second.original_start).date() + datetime.timedelta(days=1),
        )
    )
    series.save_revision().publish()
    drain()
    assert addresses(smtp) == ["ag@wiesbaden.de", "ag@wiesbaden.de"]  # not "quiet", not other members
    subjects = sorted(mail["Subject"] for mail in smtp.inbox.to("ag@wiesbaden.de"))
    assert subjects[0].startswith("Abgesagt: Sitzung der AG Soziales am ")
    assert subjects[1].startswith("Verlegt: Sitzung der AG Soziales, jetzt ")
    text = parts(sorted(smtp.inbox.to("ag@wiesbaden.de"), key=lambda m: m["Subject"])[0])[0]
    assert "findet nicht statt" in text
    # Publishing again without a further change sends nothing more.
    series.save_revision().publish()
    drain()
    assert len(smtp.inbox.messages) == 2


def test_the_weekly_digest_goes_out_once_per_week(world, smtp, settings):
    settings.MAILINGS_DIGEST_WEEKDAY = 4
    settings.MAILINGS_DIGEST_HOUR = 7
    circular = publish_circular(world, "Rundschreiben der Woche")
    circular.refresh_from_db()
    drain()
    assert smtp.inbox.to("digest@wiesbaden.de") == []  # the digest reader waits for Friday
    year, week = digest.week_of(circular.first_published_at)
    friday = digest.moment_of_week(year, week)
    if friday <= circular.first_published_at:  # published after this week's digest: next week's
        friday += datetime.timedelta(days=7)
        year, week = digest.week_of(friday)
    before = friday - datetime.timedelta(minutes=1)
    assert digest.queue_digest_if_due(before) is None
    assert digest.queue_digest_if_due(friday + datetime.timedelta(hours=1)) is not None
    assert digest.queue_digest_if_due(friday + datetime.timedelta(hours=2)) is None  # the scheduler again
    sending.housekeeping(now=friday + datetime.timedelta(hours=3))
    drain()
    received = smtp.inbox.to("digest@wiesbaden.de")
    assert len(received) == 1
    assert received[0]["Subject"] == f"Nachrichtendienst, KW {week}/{year}"
    text = parts(received[0])[0]
    assert "Soziales" in text and "Rundschreiben der Woche" in text
    assert (
        smtp.inbox.to("de@wiesbaden.de")[-1]["Subject"] != received[0]["Subject"]
    )  # immediate readers: no digest


def test_members_choose_in_their_settings(world, smtp):
    client = Client()
    assert client.get("/de/mitglieder/e-mail/").status_code == 302  # to the login
    client.force_login(world.people["fresh"].user)
    page = client.get("/de/mitglieder/e-mail/").content.decode()
    assert "Meine E-Mail-Einstellungen" in page and "Alle Rundschreiben" in page
    wrong = client.post(
        "/de/mitglieder/e-mail/", {"circulars": "topics", "timing": "immediate", "language": "de"}
    ).content.decode()
    assert "Wählen Sie mindestens ein Thema" in wrong
    client.post(
        "/de/mitglieder/e-mail/",
        {"circulars": "topics", "topics": [world.other_topic.pk], "timing": "immediate", "language": "en"},
    )
    saved = MemberSubscription.objects.get(profile=world.people["fresh"])
    assert saved.circulars == "topics" and saved.language == "en"
    publish_circular(world)  # on "Soziales": not for them any more
    drain()
    assert smtp.inbox.to("fresh@wiesbaden.de") == []
    outsider = get_user_model().objects.create_user("x@example.org", "x@example.org", PASSWORD)
    client.force_login(outsider)
    assert client.get("/de/mitglieder/e-mail/").status_code == 403


def test_a_member_leaves_circulars_with_the_link_in_the_mail(world, smtp):
    publish_circular(world)
    drain()
    link = (
        smtp.inbox.to("de@wiesbaden.de")[0]["List-Unsubscribe"].strip()[1:-1].replace("http://testserver", "")
    )
    page = Client().get(link).content.decode()
    assert "keine Rundschreiben mehr" in page
    Client().post(link)
    assert MemberSubscription.objects.get(profile=world.people["de"]).circulars == "none"
    assert Client().post(link[:-5] + "xxxx/").status_code == 404  # a forged token changes nothing


def test_queries_per_mail_do_not_grow_with_the_recipients(world, smtp):
    city = MemberOrganisation.objects.get(name="Wiesbaden")

    def send_to(extra, number):
        for n in range(extra):
            member(f"m{number}-{n}@wiesbaden.de", city)
        publish_circular(world, f"Rundschreiben {number}", number=number)
        message = Message.objects.order_by("-pk").first()
        sending.fan_out(message.pk)
        with CaptureQueriesContext(connection) as queries:
            sending.send_due(message.pk)
        return len(queries), Delivery.objects.filter(message=message, status="sent").count()

    small_queries, small = send_to(0, 11)
    large_queries, large = send_to(30, 12)
    assert large == small + 30
    assert (large_queries - small_queries) == 2 * 30  # claim and record: two queries a mail, no more


def test_who_leaves_between_queueing_and_sending_gets_nothing(world, smtp):
    reader = Subscriber.objects.create(email="leser@example.org", language="de", confirmed_at=timezone.now())
    publish_circular(world)
    factories.make_article(world.public.article.get_parent(), "Noch eine Stellungnahme")
    for message in Message.objects.all():
        sending.fan_out(message.pk)  # the recipients are set …
    assert Delivery.objects.filter(email="leser@example.org").exists()
    reader.delete()  # … then the reader leaves, a member switches circulars off, another loses access
    MemberSubscription.objects.filter(profile=world.people["de"]).update(circulars=CircularChoice.NONE)
    world.people["social"].user.is_active = False
    world.people["social"].user.save()
    world.people["en"].user.groups.clear()  # and one is taken out of the members' group
    drain()
    assert addresses(smtp) == ["fresh@wiesbaden.de"]
    assert not Delivery.objects.filter(email="leser@example.org").exists()  # the address is forgotten too
    assert Delivery.objects.filter(status="skipped").count() == 3
