from django.core.management.base import BaseCommand
from wagtail.models import Page

from core.loading import bulk_loading
from demo import articles, calendar, members, site


class Command(BaseCommand):
    help = "Load the demo content (German with English translations). Running it twice changes nothing."

    def handle(self, *args, **options):
        # No transaction around it all: wagtail-localize publishes each translation when its own
        # transaction commits, and a publish deferred to the very end would restore stale tree data.
        # Every step is idempotent, so an interrupted run is completed by running the command again.
        with bulk_loading():  # demo content is not news: nobody is mailed about it
            home_de, home_en = site.load()
            topics = articles.load(home_de, home_en.locale)
            calendar.load(home_de, home_en.locale, topics)
            members.load(home_de, home_en.locale)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {Page.objects.count()} pages."))
