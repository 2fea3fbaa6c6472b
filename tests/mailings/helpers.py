"""The e-mail tests' world: a real SMTP server, member cities and their staff, and the worker's drain."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from demo import members as demo
from mailings import worker
from mailings.models import CircularChoice, Delivery, MemberSubscription, Timing
from members.models import CircularPage, CommitteeMembership, MemberOrganisation, MemberProfile, Role
from tests import factories

PASSWORD = "sicheres-passwort-2026"


def drain(rounds=50):
    """Run the queued mail tasks that are due, as `manage.py mail_worker` does (in this transaction)."""
    worker.run_ready(worker.mail_worker("test"), limit=rounds)
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
