"""Run the e-mail service: the ready mail tasks (django-tasks-db), with housekeeping.

Every minute (and at start) it hands mails of dead workers to the living, restarts messages that
stalled, and queues the weekly digest when it is due; between those it runs the queued tasks.
Start one or more (each has its own id); stop with SIGTERM, which lets the running task finish.
"""

import logging
import signal

from django.core.management.base import BaseCommand
from django_tasks.utils import get_random_id

from mailings.worker import mail_worker, serve


class Command(BaseCommand):
    help = "Send the queued e-mails (circulars, statements, meeting notices, the weekly digest)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at the queue.")
        parser.add_argument(
            "--housekeeping-every", type=float, default=60.0, help="Seconds between housekeeping rounds."
        )
        parser.add_argument(
            "--once", action="store_true", help="Housekeeping and every ready task, then exit."
        )

    def handle(self, *, interval, housekeeping_every, once, verbosity, **options):
        logging.getLogger("django_tasks").setLevel(logging.WARNING if verbosity < 2 else logging.DEBUG)
        worker = mail_worker(get_random_id())
        worker.configure_signals()  # SIGTERM: finish the running task, then stop
        if verbosity:
            self.stdout.write(f"Mail worker {worker.worker_id} started.")
        try:
            serve(worker, interval=interval, housekeeping_every=housekeeping_every, once=once)
        finally:
            worker.reset_signals()
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
