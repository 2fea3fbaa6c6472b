"""The e-mail service's background tasks, on the "mail" backend (django-tasks-db): stored in the
database with the transaction that queues them, run by `manage.py mail_worker`."""

from django_tasks import task

from . import sending


@task(backend="mail")
def fan_out_task(message_id):
    return sending.fan_out(message_id)


@task(backend="mail")
def send_task(message_id):
    return sending.send_due(message_id)
