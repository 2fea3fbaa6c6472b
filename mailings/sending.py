"""Fanning out and sending, exactly once per (message, address) as far as SMTP allows.

* `mailings.outbox.queue()` creates a message once per key and enqueues its fan-out as a database
  task (mailings.tasks), inside the caller's transaction: the mail is queued if and only if the
  publish (or change) committed.
* `fan_out()` stores one Delivery per address (unique per message and address, so running it twice
  adds nobody twice); its task then enqueues the sending.
* `send_due()` claims one delivery at a time (queued → sending, a conditional UPDATE: two workers
  never take the same one), sends it, and records sent, retry-later or failed at once; it says when
  to try again, and its task enqueues that. A worker killed mid-batch leaves the rest queued;
  `mailings.worker.housekeeping()` hands them to the next worker. The one
  mail in flight when a worker dies is sent again after MAILINGS_STALE_SECONDS with the same
  Message-ID (SMTP has no way to ask whether the server kept it; readers' mail programs drop the
  duplicate by its Message-ID). That is the only case that can send twice.
"""

import contextlib
import datetime
import logging
import smtplib
from typing import NamedTuple

from django.conf import settings
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Exists, F, Min, OuterRef
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import ArticlePage
from members.models import CircularPage

from . import barrier_reports, sessions
from . import recipients as who
from .models import CircularChoice, Delivery, DeliveryStatus, Message, MessageKind, Subscriber
from .render import absolute, render

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "mailings.unsubscribe"


def recipients_for(message):
    kind = message.kind
    of_session = sessions.recipients(message)
    if of_session is not None:
        return of_session
    of_report = barrier_reports.recipients(message)
    if of_report is not None:
        return of_report
    if kind in (MessageKind.CIRCULAR, MessageKind.ARTICLE):
        page = message.page.specific if message.page_id else None
        if page is None or not page.live:
            return []
        if isinstance(page, ArticlePage) and page.get_view_restrictions():
            return []  # a private page is never mailed to the public
        keys = {str(topic.translation_key) for topic in page.topics.all()}
        if isinstance(page, CircularPage):
            return who.for_circular(keys)
        return who.for_article(page.kind, keys)
    if kind == MessageKind.MEETING:
        return who.for_meeting(message.data["committee_key"])
    if kind == MessageKind.DIGEST:
        items = [(item["page"], set(item["topics"]), item["circular"]) for item in message.data["items"]]
        minutes = [(item["agenda"], item["committee"]) for item in message.data.get("minutes", [])]
        return who.for_digest(items, minutes)
    if kind == MessageKind.CONFIRMATION:
        subscriber = Subscriber.objects.filter(
            pk=message.data["subscriber"], confirmed_at__isnull=True
        ).first()
        if subscriber is None:
            return []
        return [who.Recipient(subscriber.email, subscriber.language, subscriber_id=subscriber.pk)]
    return []


def fan_out(message_id):
    """One delivery per address; safe to run again (it adds no one twice). Returns how many the
    message has, or None when it no longer exists."""
    message = Message.objects.select_related("page").filter(pk=message_id).first()
    if message is None:
        return None
    if message.fanned_out_at is None:
        seen, deliveries = set(), []
        for recipient in recipients_for(message):
            address = recipient.email.strip().lower()
            if address in seen:
                continue
            seen.add(address)
            deliveries.append(
                Delivery(
                    message=message,
                    email=address,
                    language=recipient.language,
                    profile_id=recipient.profile_id,
                    subscriber_id=recipient.subscriber_id,
                    page_ids=list(recipient.page_ids),
                    invitation_id=recipient.invitation_id,
                    agenda_ids=list(recipient.agenda_ids),
                    invitee=recipient.invitation_id is not None,
                )
            )
        with transaction.atomic():
            Delivery.objects.bulk_create(deliveries, batch_size=1000, ignore_conflicts=True)
            Message.objects.filter(pk=message.pk).update(
                fanned_out_at=timezone.now(), worked_at=timezone.now()
            )
    return Delivery.objects.filter(message_id=message.pk).count()


def unsubscribe_url(delivery, kind):
    """The reader's own link: the subscriber's secret token, or a signed (member, kind) for members."""
    if delivery.subscriber_id:
        token = delivery.subscriber.token
    else:
        token = signing.dumps({"p": delivery.profile_id, "k": kind}, salt=UNSUBSCRIBE_SALT)
    with translation.override(delivery.language):
        return absolute(reverse("mailings_unsubscribe", kwargs={"token": token}))


def manage_url(delivery):
    """A subscriber's own data page; a member's e-mail settings in the members' area."""
    with translation.override(delivery.language):
        if delivery.subscriber_id:
            return absolute(reverse("mailings_my_data", kwargs={"token": delivery.subscriber.token}))
        return absolute(reverse("mailings_settings"))


def confirm_url(delivery):
    with translation.override(delivery.language):
        return absolute(reverse("mailings_confirm", kwargs={"token": delivery.subscriber.token}))


LIST_SLUGS = {
    MessageKind.CIRCULAR: "rundschreiben",
    MessageKind.DIGEST: "nachrichtendienst",
    MessageKind.MEETING: "sitzungen",
    MessageKind.MINUTES: "sitzungen",
    MessageKind.BARRIER_OFFICE: "barrieren",
    MessageKind.BARRIER_REPORTER: "barrieren",
}


def build(delivery, rendered, message):
    """One reader's mail. A list (circulars, statements, notices) can be left with one click; a mail
    about one's own invitation is not a list and has no unsubscribe; an invitee's mail carries their
    reply link and, for an invitation, an update or a cancellation, their calendar part."""
    kind = message.kind
    personal = kind in sessions.PERSONAL or kind in barrier_reports.MESSAGE_KINDS or delivery.invitee
    link = "" if personal else unsubscribe_url(delivery, kind)
    action = confirm_url(delivery) if kind == MessageKind.CONFIRMATION else ""
    manage = manage_url(delivery) if (delivery.profile_id or delivery.subscriber_id) else ""
    token = delivery.invitation.token if delivery.invitee and delivery.invitation else ""
    text, body = rendered.personalise(link, manage, action, token=token, invitee=delivery.invitee)
    headers = {
        "Message-ID": stable_message_id(delivery),
        "List-Id": f"{rendered.list_name} <{LIST_SLUGS.get(kind, 'presse' if not personal else 'sitzungen')}"
        f".{settings.MAILINGS_LIST_DOMAIN}>",
        "Auto-Submitted": "auto-generated",
    }
    if not personal:
        headers["List-Unsubscribe"] = f"<{link}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail = EmailMultiAlternatives(
        subject=rendered.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.email],
        headers=headers,
    )
    mail.attach_alternative(body, "text/html")
    part = sessions.calendar_part(message, delivery)
    if part is not None:
        mail = sessions.with_calendar(mail, part, message.data.get("method", "REQUEST"))
    return mail


def stable_message_id(delivery):
    return f"<mail.{delivery.message_id}.{delivery.pk}@{settings.MAILINGS_LIST_DOMAIN}>"


class SMTPUnavailable(Exception):
    """The server does not answer: stop this round, everything stays queued."""


def classify(error):
    """'temporary' (retry later) or 'permanent' (record it) for an SMTP error."""
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [value[0] for value in error.recipients.values()]
        code = min(codes) if codes else None
    if code is not None and 500 <= code < 600:
        return "permanent"
    return "temporary"


class SendResult(NamedTuple):
    sent: int  # mails sent in this run
    retry_at: datetime.datetime | None  # when mails that are still queued fall due (None: none are)


def send_due(message_id, now=None):
    """Send the message's due deliveries."""
    message = Message.objects.select_related("page").filter(pk=message_id).first()
    if message is None:
        return SendResult(0, None)
    if message.kind in (MessageKind.CIRCULAR, MessageKind.ARTICLE) and not (
        message.page and message.page.live
    ):
        # Withdrawn before it went out: nobody gets a page that is no longer published.
        Delivery.objects.filter(message=message, status=DeliveryStatus.QUEUED).update(
            status=DeliveryStatus.FAILED, error="withdrawn: the page is no longer published"
        )
        return SendResult(0, None)
    renders, sent, connection, retry_at = {}, 0, None, None
    try:
        while True:
            now = timezone.now()
            batch = list(
                Delivery.objects.filter(
                    message_id=message.pk, status=DeliveryStatus.QUEUED, next_attempt_at__lte=now
                )
                .select_related(
                    "subscriber", "profile__user", "profile__subscription", "invitation__agenda__series"
                )
                # Who may read the members' area now, by the rule the recipients were chosen with.
                .annotate(member_now=Exists(who.member_profiles().filter(pk=OuterRef("profile_id"))))
                .order_by("pk")[: settings.MAILINGS_BATCH]
            )
            if not batch:
                break
            Message.objects.filter(pk=message.pk).update(worked_at=now)
            if connection is None:
                connection = get_connection(fail_silently=False)
            for delivery in batch:
                claimed = Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.QUEUED).update(
                    status=DeliveryStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
                )
                if not claimed:
                    continue  # another worker has it
                delivery.attempts += 1
                if not still_wanted(delivery, message):
                    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SKIPPED)
                    continue
                key = (delivery.language, tuple(delivery.page_ids), tuple(delivery.agenda_ids))
                try:
                    if key not in renders:
                        if message.kind in sessions.TEMPLATES:
                            renders[key] = sessions.render(message, delivery.language)
                        elif message.kind in barrier_reports.MESSAGE_KINDS:
                            renders[key] = barrier_reports.render(message, delivery.language)
                        else:
                            renders[key] = render(
                                message, delivery.language, delivery.page_ids, delivery.agenda_ids
                            )
                    mail = build(delivery, renders[key], message)
                except Exception as error:  # noqa: BLE001 - one mail that cannot be built must not stop the rest
                    logger.exception("Mail %s of message %s could not be built", delivery.pk, message.pk)
                    Delivery.objects.filter(pk=delivery.pk).update(
                        status=DeliveryStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
                    )
                    continue
                try:
                    connection.send_messages([mail])
                except (smtplib.SMTPException, OSError) as error:  # timeouts are OSError too
                    # Refused recipient or data: this mail. Anything else (no connection, the
                    # server hung up, a refused sender, a timeout): the server, for everyone.
                    retry = record_failure(delivery, error)
                    if not isinstance(error, (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)):
                        retry_at = retry or timezone.now() + backoff(delivery.attempts)
                        raise SMTPUnavailable(str(error)) from error
                    continue
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=DeliveryStatus.SENT,
                    sent_at=timezone.now(),
                    smtp_message_id=stable_message_id(delivery),
                    error="",
                )
                sent += 1
    except SMTPUnavailable as error:
        logger.warning("SMTP server unavailable, message %s stays queued: %s", message.pk, error)
    finally:
        if connection is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                connection.close()  # a broken connection must not hide the result
    later = (
        retry_at
        or Delivery.objects.filter(message_id=message.pk, status=DeliveryStatus.QUEUED).aggregate(
            when=Min("next_attempt_at")
        )["when"]
    )
    return SendResult(sent, later)


def still_wanted(delivery, message):
    """Whether the reader still wants (and may get) this mail now: between the fan-out and the sending
    a subscriber may have left, a member switched a kind of mail off or lost access, an invitee left
    the committee or a substitute is no longer needed."""
    kind = message.kind
    of_session = sessions.still_wanted(delivery, message)
    if of_session is not None:
        return of_session
    of_report = barrier_reports.still_wanted(delivery, message)
    if of_report is not None:
        return of_report
    if kind == MessageKind.CONFIRMATION:
        return delivery.subscriber is not None and delivery.subscriber.confirmed_at is None
    if delivery.subscriber_id:
        return delivery.subscriber.confirmed_at is not None
    if not delivery.member_now:  # inactive, organisation left, or no longer in the members' group
        return False
    try:
        choice = delivery.profile.subscription
    except ObjectDoesNotExist:
        return True  # the defaults: everything
    if kind == MessageKind.MEETING:
        return choice.meeting_notices
    if kind == MessageKind.MINUTES:
        return True
    if kind == MessageKind.DIGEST and delivery.agenda_ids:
        return True  # the minutes of their committees, whatever they chose for circulars
    return choice.circulars != CircularChoice.NONE


def backoff(attempts):
    """1, 2, 4 … minutes (MAILINGS_RETRY_SECONDS) after the first, second, third … failure, at most an hour."""
    return datetime.timedelta(seconds=min(settings.MAILINGS_RETRY_SECONDS * 2 ** max(attempts - 1, 0), 3600))


def smtp_answer(error):
    """The server's answer as the office reads it: "550 5.1.1 No such user here"."""

    def answer(code, text):
        return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"

    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(answer(code, text) for code, text in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return answer(error.smtp_code, error.smtp_error)
    return f"{type(error).__name__}: {error}"


def record_failure(delivery, error):
    """Retry a temporary failure with back-off; record a permanent one (or the last try).
    Returns when it is tried next (None: not again)."""
    text = smtp_answer(error)[:2000]
    if classify(error) == "permanent" or delivery.attempts >= settings.MAILINGS_MAX_ATTEMPTS:
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, error=text)
        return None
    retry = timezone.now() + backoff(delivery.attempts)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.QUEUED, next_attempt_at=retry, error=text
    )
    return retry
