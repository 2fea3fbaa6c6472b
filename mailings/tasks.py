"""The e-mail service's background tasks, on the "mail" backend (django-tasks-db): stored in the
database with the transaction that queues them, run by `manage.py mail_worker`. Each task does its
step (mailings.sending) and enqueues the next: the fan-out enqueues the sending, a sending with mails
left for later enqueues itself for then."""

from django.utils import timezone
from django_tasks import task

from . import sending


@task(backend="mail")
def fan_out_task(message_id):
    count = sending.fan_out(message_id)
    if count is not None:
        send_task.enqueue(message_id)
    return count


@task(backend="mail")
def send_task(message_id):
    result = sending.send_due(message_id)
    if result.retry_at is not None:
        send_task.using(run_after=max(result.retry_at, timezone.now())).enqueue(message_id)
    return result.sent
