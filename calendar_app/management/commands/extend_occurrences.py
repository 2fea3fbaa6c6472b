from django.core.management.base import BaseCommand

from calendar_app.occurrence_table import extend_all


class Command(BaseCommand):
    help = "Store the occurrences of every meeting series up to the rolling horizon. Run daily."

    def handle(self, *args, **options):
        series, occurrences = extend_all()
        self.stdout.write(f"{series} series, {occurrences} occurrences stored.")
