"""Where mail starts: a message, created once per key, with its fan-out queued in the same transaction."""

from django.db import IntegrityError, transaction

from .models import Message
from .tasks import fan_out_task


def queue(kind, key, subject, page=None, note="", data=None):
    """The message for this key, created and queued once; None when it already existed."""
    try:
        with transaction.atomic():
            message = Message.objects.create(
                key=key, kind=kind, subject=subject[:255], page=page, note=note, data=data or {}
            )
    except IntegrityError:
        return None  # the same publish, signal or schedule a second time
    fan_out_task.enqueue(message.pk)
    return message
