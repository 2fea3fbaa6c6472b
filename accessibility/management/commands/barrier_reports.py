"""Remind the office of reports near their deadline and delete reports past the retention period.

The mail worker does both every minute; this command is for a cron job where no worker runs.
"""

from django.core.management.base import BaseCommand

from accessibility.reports import housekeeping


class Command(BaseCommand):
    help = "Remind the office of barrier reports near their deadline; delete reports older than the retention period."

    def handle(self, *args, **options):
        reminded, deleted = housekeeping()
        self.stdout.write(f"{reminded} reminder(s) queued, {deleted} report(s) deleted.")
