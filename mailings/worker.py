"""The mail worker: ready mail tasks run one at a time, and housekeeping every minute.

`manage.py mail_worker` runs `serve()`; the tests run `run_ready()` in their transaction, so both
take tasks the same way: the next due task, claimed under a row lock (two workers never take the
same one), then run by django-tasks-db's worker.
"""

import datetime
import logging
import time

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from accessibility import reports as barrier_reports
from members import sessions

from .digest import queue_digest_if_due
from .models import Delivery, DeliveryStatus, Message, Subscriber
from .tasks import fan_out_task, send_task

logger = logging.getLogger("mailings")
BACKEND = "mail"


def mail_worker(worker_id):
    """django-tasks-db's worker for the "mail" backend (its signal handling and its way to run a task)."""
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name=BACKEND,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
    )


def run_ready(worker, limit=None):
    """Run the mail tasks that are due, oldest first, until none is left (or `limit` ran, or the
    worker was told to stop); returns how many ran."""
    ran = 0
    while worker.running and (limit is None or ran < limit):
        with transaction.atomic():
            task = (
                DBTaskResult.objects.ready()
                .filter(backend_name=BACKEND)
                .order_by("-priority", "enqueued_at")
                .select_for_update(skip_locked=True)
                .first()
            )
            if task is None:
                break
            task.claim(worker.worker_id)
        worker.run_task(task)
        ran += 1
    return ran


def housekeeping(now=None):
    """What a worker does every minute: take over mails of dead workers, restart stalled messages,
    start the weekly digest when it is due, send the invitations whose period of notice began, remind
    the office of barrier reports near their deadline and delete those past their retention period,
    forget unconfirmed subscription requests after a week."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.MAILINGS_STALE_SECONDS)
    Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=stale).update(
        status=DeliveryStatus.QUEUED, next_attempt_at=now
    )
    idle = Q(worked_at__isnull=True) | Q(worked_at__lt=stale)
    for message_id in Message.objects.filter(
        idle, fanned_out_at__isnull=True, created_at__lt=stale
    ).values_list("pk", flat=True):
        with transaction.atomic():
            Message.objects.filter(pk=message_id).update(worked_at=now)
            fan_out_task.enqueue(message_id)
    stalled = (
        Message.objects.filter(
            idle, deliveries__status=DeliveryStatus.QUEUED, deliveries__next_attempt_at__lte=now
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    for message_id in list(stalled):
        with transaction.atomic():
            Message.objects.filter(pk=message_id).update(worked_at=now)
            send_task.enqueue(message_id)
    queue_digest_if_due(now)
    sessions.send_due(now)  # invitations whose period of notice began, notes on empty agendas
    barrier_reports.housekeeping(now)  # reminders before a report's deadline, reports past retention
    Subscriber.objects.filter(
        confirmed_at__isnull=True, requested_at__lt=now - datetime.timedelta(days=7)
    ).delete()


def serve(worker, interval=1.0, housekeeping_every=60.0, once=False):
    """Housekeeping every `housekeeping_every` seconds, the ready tasks between, until stopped."""
    last_housekeeping = 0.0
    while worker.running:
        if time.monotonic() - last_housekeeping >= housekeeping_every:
            try:
                housekeeping()
            except Exception:  # a failed round (database restarting) is tried again next time
                logger.exception("Mail housekeeping failed")
            last_housekeeping = time.monotonic()
        try:
            run_ready(worker)
        except Exception:  # the database went away between tasks: try again after the interval
            logger.exception("Taking the next mail task failed")
        close_old_connections()
        if once:
            break
        time.sleep(interval)
