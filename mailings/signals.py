"""What queues mail: the first publish of a circular or an article, a meeting cancelled or moved, and
what a committee's session makes due (members.sessions.session_mail: invitations, their updates).

Both run inside the transaction of what caused them (the admin's writes are atomic, see
core.middleware.AtomicAdminWritesMiddleware; a series is rebuilt in one transaction), so the mail
is queued if and only if that committed.
"""

from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.signals import page_published

from articles.models import ArticlePage
from calendar_app.models import EventPage, OccurrenceStatus
from calendar_app.occurrence_table import occurrences_rescheduled
from core.loading import loading_content
from members import sessions
from members.models import CircularPage

from .models import Delivery, Message, MessageKind, Subscriber
from .outbox import queue
from .sessions import KINDS


def is_first_publish(page):
    """The first publish of this page in any language (an edit, or a translation published later,
    is not news)."""
    if page.first_published_at is None or page.first_published_at != page.last_published_at:
        return False
    return not (
        Page.objects.filter(
            translation_key=page.translation_key, first_published_at__lt=page.first_published_at
        )
        .exclude(pk=page.pk)
        .exists()
    )


@receiver(page_published, dispatch_uid="mailings_page_published")
def page_published_handler(sender, instance, **kwargs):
    if loading_content() or not issubclass(sender, (CircularPage, ArticlePage)):
        return
    page = instance.specific if type(instance) is Page else instance
    if not is_first_publish(page):
        return
    kind = MessageKind.CIRCULAR if isinstance(page, CircularPage) else MessageKind.ARTICLE
    queue(kind, f"page:{page.translation_key}", page.title, page=page)


@receiver(occurrences_rescheduled, dispatch_uid="mailings_meeting_notices")
def meeting_notices(sender, translation_key, changes, **kwargs):
    if loading_content():
        return
    pages = EventPage.objects.filter(translation_key=translation_key).order_by("pk")
    page = pages.filter(locale__language_code=settings.LANGUAGE_CODE).first() or pages.first()
    revision = page.live_revision_id if page else None
    # A meeting with an invitation sent gets its notice with the update to the invitees, from
    # members.sessions.follow() (one mail per change and person, with the calendar part).
    invited = sessions.invited_dates(translation_key)
    for change in changes:
        occurrence, old_status, old_start = change.occurrence, change.status_before, change.start_before
        if timezone.localtime(occurrence.original_start).date() in invited:
            continue
        restored = old_status == "cancelled" and occurrence.status != "cancelled"
        if occurrence.status == "cancelled" and old_status == "cancelled":
            continue
        data = {
            "translation_key": str(translation_key),
            "committee_key": str(occurrence.committee.translation_key),
            "title": page.title if page else "",
            "status": occurrence.status,
            "restored": restored,
            "old_start": old_start.isoformat(),
            "old_end": change.end_before.isoformat(),
            "old_venue_id": change.venue_id_before,
            "old_online_mode": change.online_mode_before,
            "original_date": timezone.localtime(occurrence.original_start).date().isoformat(),
            "start": occurrence.start.isoformat(),
            "end": occurrence.end.isoformat(),
            "all_day": occurrence.all_day,
            "venue_id": occurrence.venue_id,
            "online_mode": occurrence.online_mode,
        }
        # Once per published change: the same publish signalled twice is one notice; moving the
        # meeting again later (a new revision) is a new one.
        key = f"meeting:{translation_key}:{occurrence.original_start.isoformat()}:{revision}"
        with translation.override(settings.LANGUAGE_CODE):
            label = str(OccurrenceStatus(occurrence.status).label)
        subject = f"{label}: {data['title']}, {timezone.localtime(old_start):%d.%m.%Y %H:%M}"
        queue(MessageKind.MEETING, key[:200], subject, data=data)


@receiver(sessions.session_mail, dispatch_uid="mailings_session_mail")
def session_mail(sender, kind, agenda, key, data, **kwargs):
    """Queue the session's mail in the transaction that made it due (once per key). Sessions loaded
    in bulk (the demo's invitations and replies) are on record without mailing anyone."""
    if loading_content():
        return
    message = Message(kind=KINDS[kind], data=data)
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"{message.kind_label}: {agenda.series.title}, {agenda.meeting_date:%d.%m.%Y}"
    queue(KINDS[kind], key, subject, data=data)


@receiver(pre_delete, sender=Subscriber, dispatch_uid="mailings_forget_subscriber")
def forget_subscriber(sender, instance, **kwargs):
    """Leaving deletes everything: also the address in the record of what was sent to it."""
    Delivery.objects.filter(subscriber=instance).delete()
