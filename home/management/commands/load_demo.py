from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from wagtail.models import Page

from home.loading import bulk_loading


class DemoContext:
    """What one app's demo loader hands to the next (home pages, topics, ...)."""


class Command(BaseCommand):
    help = "Load the demo content (German with English translations). Running it twice changes nothing."

    def handle(self, *args, **options):
        context = DemoContext()
        # Each app brings its own `demo.load(context)`, called in INSTALLED_APPS order,
        # so that home never imports the apps that build on it. No transaction around it all:
        # wagtail-localize publishes each translation when its own transaction commits, and a
        # publish deferred to the very end would restore stale tree data. Every step is
        # idempotent, so an interrupted run is completed by running the command again.
        with bulk_loading():  # demo content is not news: nobody is mailed about it
            for config in apps.get_app_configs():
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.demo":
                        raise
                    continue
                if hasattr(module, "load"):
                    module.load(context)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {Page.objects.count()} pages."))
