from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from demo.data.members import DEMO_LOGINS

PASSWORD = "mitglied-demo"  # noqa: S105  (development only: refused unless DEBUG is on)


class Command(BaseCommand):
    help = "Give the two demo member logins a known password and print them. Only with DEBUG on."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("dev_members only runs with DEBUG on; members get invitations in production.")
        port = options["port"]
        for email, note in zip(DEMO_LOGINS, ("in the AG Soziales", "in no committee"), strict=True):
            user = get_user_model().objects.filter(username=email).first()
            if user is None:
                raise CommandError("Load the demo content first (manage.py load_demo).")
            user.set_password(PASSWORD)
            user.save()
            self.stdout.write(
                f"Member ({note}): http://127.0.0.1:{port}/de/mitglieder/anmelden/  user: {email}  password: {PASSWORD}"
            )
