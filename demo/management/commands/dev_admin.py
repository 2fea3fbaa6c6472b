from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"  # noqa: S105  (development only: refused unless DEBUG is on)


class Command(BaseCommand):
    help = "Create a development admin account (admin/admin). Only with DEBUG on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("dev_admin only runs with DEBUG on; use createsuperuser in production.")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True, "email": "admin@localhost"}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        port = options.get("port") or "8000"
        self.stdout.write(
            f"Admin: http://127.0.0.1:{port}/admin/  user: {USERNAME}  password: {PASSWORD}"
            + ("" if created else " (account already existed; its password was left as it is)")
        )

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")
