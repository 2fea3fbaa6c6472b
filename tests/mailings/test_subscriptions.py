"""Subscriptions: the public's double opt-in and one-click unsubscribe, members' settings, data."""

import re

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from mailings.models import MemberSubscription, Subscriber
from tests import factories
from tests.mail import parts
from tests.mailings.helpers import PASSWORD, addresses, drain, publish_circular


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


def test_opening_a_link_from_a_mail_changes_nothing_only_the_click_does(world, smtp):
    """Link scanners open links in a real browser, scripts included: the pages behind the links have
    no script that would send their form, and only a POST (the person's click) confirms or leaves."""
    subscriber = Subscriber.objects.create(email="leser@example.org", language="de")
    for path in (
        f"/de/newsletter/bestaetigen/{subscriber.token}/",
        f"/de/newsletter/abmelden/{subscriber.token}/",
    ):
        response = Client().get(path)
        html = response.content.decode()
        assert response.status_code == 200 and '<form method="post"' in html and "<button" in html
        assert "autosubmit" not in html and ".submit()" not in html
        assert Subscriber.objects.filter(pk=subscriber.pk, confirmed_at=None).exists()
    Client().post(f"/de/newsletter/bestaetigen/{subscriber.token}/")
    assert Subscriber.objects.get(pk=subscriber.pk).confirmed_at is not None
