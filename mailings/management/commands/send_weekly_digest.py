"""Queue the weekly digest (for cron, or by hand for a week that was missed); never twice per week."""

from django.core.management.base import BaseCommand, CommandError

from mailings.digest import queue_digest, queue_digest_if_due


class Command(BaseCommand):
    help = (
        "Queue this week's digest if it is due (or the digest of --week YYYY-Www); a second run does nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--week", help="ISO week, e.g. 2026-W48; default: this week, once it is due.")

    def handle(self, *, week, **options):
        if week:
            try:
                year, number = week.upper().split("-W")
                message = queue_digest(int(year), int(number))
            except ValueError as error:
                raise CommandError(f"Not an ISO week (e.g. 2026-W48): {week}") from error
        else:
            message = queue_digest_if_due()
        if message is None:
            self.stdout.write(
                "Nothing to queue: the digest of this week was queued before, or is not due yet."
            )
        else:
            self.stdout.write(f"Queued: {message.subject} ({len(message.data['items'])} items).")
