"""Sending: once per reader and language, as list mail, through outages, refusals and crashed workers."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.signals import page_published

from mailings import sending, worker
from mailings.models import CircularChoice, Delivery, MemberSubscription, Message, Subscriber
from members.models import CircularPage, MemberOrganisation
from tests import factories
from tests.mail import parts
from tests.mailings.helpers import PASSWORD, addresses, drain, later, member, publish_circular


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
    worker.housekeeping()  # too early: a slow server may still be taking the one in flight
    assert Delivery.objects.get(pk=in_flight.pk).status == "sending"
    worker.housekeeping(now=timezone.now() + datetime.timedelta(seconds=settings.MAILINGS_STALE_SECONDS + 1))
    later()
    drain()
    assert addresses(smtp) == sorted([in_flight.email, *(delivery.email for delivery in waiting)])
    assert Delivery.objects.filter(status="sent").count() == 4


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
