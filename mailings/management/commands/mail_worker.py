"""Run the e-mail service: django-tasks-db's worker for the "mail" backend, with housekeeping.

Every minute (and at start) it hands mails of dead workers to the living, restarts messages that
stalled, and queues the weekly digest when it is due; between those it runs the queued tasks.
Start one or more (each has its own id); stop with SIGTERM, which lets the running task finish.
"""

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django_tasks.utils import get_random_id
from django_tasks_db.management.commands.db_worker import Worker

from mailings.sending import housekeeping

logger = logging.getLogger("mailings")


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
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="mail",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_id(),
        )
        worker.configure_signals()  # SIGTERM: finish the running task, then stop
        if verbosity:
            self.stdout.write(f"Mail worker {worker.worker_id} started.")
        last_housekeeping = 0.0
        try:
            while worker.running:
                if time.monotonic() - last_housekeeping >= housekeeping_every:
                    try:
                        housekeeping()
                    except Exception:  # a failed round (database restarting) is tried again next time
                        logger.exception("Mail housekeeping failed")
                    last_housekeeping = time.monotonic()
                worker.run()
                close_old_connections()
                if once:
                    break
                time.sleep(interval)
        finally:
            worker.reset_signals()
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
