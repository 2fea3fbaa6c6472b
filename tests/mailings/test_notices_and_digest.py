"""Meeting notices to a committee, and the weekly digest once per week."""

import datetime

from django.utils import timezone

from calendar_app.models import Occurrence, OccurrenceChange
from mailings import digest, worker
from tests.mail import parts
from tests.mailings.helpers import addresses, drain, publish_circular


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
    worker.housekeeping(now=friday + datetime.timedelta(hours=3))
    drain()
    received = smtp.inbox.to("digest@wiesbaden.de")
    assert len(received) == 1
    assert received[0]["Subject"] == f"Nachrichtendienst, KW {week}/{year}"
    text = parts(received[0])[0]
    assert "Soziales" in text and "Rundschreiben der Woche" in text
    assert (
        smtp.inbox.to("de@wiesbaden.de")[-1]["Subject"] != received[0]["Subject"]
    )  # immediate readers: no digest
