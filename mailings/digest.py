"""The weekly digest ("Nachrichtendienst"): the circulars and statements of the seven days before
the configured weekday and hour (Berlin time), once per ISO week; the message key makes a second
start of the same week a no-op, whoever starts it (the worker's schedule, cron, an editor)."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import ArticlePage
from calendar_app.expansion import BERLIN
from members.models import Agenda, CircularPage

from .models import MessageKind
from .outbox import queue


def moment_of_week(year, week):
    """When the digest of this ISO week goes out."""
    day = datetime.date.fromisocalendar(year, week, settings.MAILINGS_DIGEST_WEEKDAY + 1)
    return datetime.datetime.combine(day, datetime.time(settings.MAILINGS_DIGEST_HOUR), tzinfo=BERLIN)


def week_of(moment):
    year, week, _weekday = timezone.localtime(moment, BERLIN).isocalendar()
    return year, week


def items_between(start, end):
    """The live circulars and public articles first published in [start, end), one per translation."""
    items, seen = [], set()
    for model, is_circular in ((CircularPage, True), (ArticlePage, False)):
        pages = model.objects.live().filter(first_published_at__gte=start, first_published_at__lt=end)
        if not is_circular:
            pages = pages.public()
        pages = pages.order_by("first_published_at", "pk").prefetch_related("topics")
        for page in pages:
            if page.translation_key in seen:
                continue
            seen.add(page.translation_key)
            items.append(
                {
                    "page": page.pk,
                    "topics": sorted(str(topic.translation_key) for topic in page.topics.all()),
                    "circular": is_circular,
                }
            )
    return items


def minutes_between(start, end):
    """The minutes released in [start, end), with their committee (for the committee's members)."""
    released = Agenda.objects.filter(
        minutes_released_at__gte=start,
        minutes_released_at__lt=end,
        locale__language_code=settings.LANGUAGE_CODE,
    ).select_related("series__committee")
    return [
        {"agenda": agenda.pk, "committee": str(agenda.series.committee.translation_key)}
        for agenda in released.order_by("minutes_released_at", "pk")
    ]


def queue_digest(year, week):
    """Queue the digest of this week (once); returns the message, or None if it was queued before."""
    end = moment_of_week(year, week)
    start = end - datetime.timedelta(days=7)
    key = f"digest:{year}-W{week:02d}"
    subject = _("Weekly digest, week %(week)s/%(year)s") % {"week": week, "year": year}
    data = {
        "week": f"{year}-W{week:02d}",
        "items": items_between(start, end),
        "minutes": minutes_between(start, end),
    }
    return queue(MessageKind.DIGEST, key, subject, data=data)


def queue_digest_if_due(now=None):
    now = now or timezone.now()
    year, week = week_of(now)
    if now >= moment_of_week(year, week):
        return queue_digest(year, week)
    return None
