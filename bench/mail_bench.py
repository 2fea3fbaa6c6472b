"""One circular to 5,000 member users, through a local SMTP sink (aiosmtpd), on PostgreSQL.

Measures what the issue asks for:
* the editor's publish: the time of publishing the circular with 5,000 recipients against the same
  publish that queues no mail (bulk loading), both inside one transaction as the admin does it;
* the fan-out (one delivery row per address) and the sending: mails per second through the sink;
* queries per mail, for 500 and for 5,000 recipients (it must not grow with the recipients).

    .venv/bin/python bench/mail_bench.py                 # 500 and 5,000 recipients
    .venv/bin/python bench/mail_bench.py --no-write      # print only

Writes its table into bench/README.md between the mail-bench markers.
"""

import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MARK_START, MARK_END = "<!-- mail-bench:start -->", "<!-- mail-bench:end -->"


def psql(sql):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], check=True, capture_output=True)


def setup(database, smtp_port):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789",  # noqa: S106
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        LOG_LEVEL="ERROR",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)


def add_members(count, start):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from members.models import MEMBERS_GROUP, MemberOrganisation, MemberProfile

    organisation, _created = MemberOrganisation.objects.get_or_create(
        name="Benchstadt", defaults={"kind": "independent_city"}
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(username=f"m{n}@benchstadt.de", email=f"m{n}@benchstadt.de", password="!")  # noqa: S106 (unusable)
            for n in range(start, start + count)
        ],
        batch_size=1000,
    )
    MemberProfile.objects.bulk_create(
        [MemberProfile(user=user, organisation=organisation) for user in users], batch_size=1000
    )
    Group.objects.get(name=MEMBERS_GROUP).user_set.add(*users)


def publish(number, quiet=False):
    from django.db import transaction

    from core.loading import bulk_loading
    from members.models import CircularIndexPage, CircularPage

    index = CircularIndexPage.objects.filter(locale__language_code="de").first()
    page = CircularPage(
        title=f"Bench-Rundschreiben {number}",
        slug=f"bench-{number}",
        number=number,
        date=datetime.date.today(),
        summary="Zur Messung.",
        body=[("paragraph", "<p>Ein Absatz mit <a href='/de/'>einem Link</a>.</p>")],
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    started = time.perf_counter()
    with transaction.atomic():  # as AtomicAdminWritesMiddleware does for the admin
        if quiet:
            with bulk_loading():
                revision.publish()
        else:
            revision.publish()
    return time.perf_counter() - started, page


def run_message(page):
    from django.db import connection

    from mailings import sending
    from mailings.models import Delivery, Message

    message = Message.objects.get(key=f"page:{page.translation_key}")
    started = time.perf_counter()
    sending.fan_out(message.pk)
    fan_out = time.perf_counter() - started
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        sending.send_due(message.pk)
        send = time.perf_counter() - started
    sent = Delivery.objects.filter(message=message, status="sent").count()
    return {"recipients": sent, "fan_out": fan_out, "send": send, "queries": len(queries)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--large", type=int, default=5000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    from tests.mail import SMTPServer

    smtp = SMTPServer().start()
    database = f"bench_mail_{uuid.uuid4().hex[:8]}"
    psql(f"CREATE DATABASE {database}")
    try:
        setup(database, smtp.port)
        add_members(args.small, 0)
        quiet = statistics.median(publish(900 + n, quiet=True)[0] for n in range(5))
        loud_small, page_small = publish(910)
        small = run_message(page_small)
        add_members(args.large - args.small, args.small)
        loud_large, page_large = publish(911)
        large = run_message(page_large)
        assert len(smtp.inbox.messages) == small["recipients"] + large["recipients"]
    finally:
        smtp.stop()
        from django.db import connections

        connections.close_all()
        psql(f"DROP DATABASE {database} WITH (FORCE)")

    def row(label, small_value, large_value):
        return f"| {label} | {small_value} | {large_value} |"

    table = [
        f"Measured on {platform.node() or 'this machine'} ({os.cpu_count()} cores), PostgreSQL, "
        f"{datetime.date.today().isoformat()}:",
        "",
        f"| one circular | {small['recipients']:,} recipients | {large['recipients']:,} recipients |",
        "| --- | ---: | ---: |",
        row(
            "editor's publish, ms (without mail: " + f"{quiet * 1000:.0f})",
            f"{loud_small * 1000:.0f}",
            f"{loud_large * 1000:.0f}",
        ),
        row("fan-out (one row per address), s", f"{small['fan_out']:.2f}", f"{large['fan_out']:.2f}"),
        row("sending through the SMTP sink, s", f"{small['send']:.1f}", f"{large['send']:.1f}"),
        row(
            "mails per second",
            f"{small['recipients'] / small['send']:.0f}",
            f"{large['recipients'] / large['send']:.0f}",
        ),
        row(
            "queries per mail",
            f"{small['queries'] / small['recipients']:.2f}",
            f"{large['queries'] / large['recipients']:.2f}",
        ),
    ]
    text = "\n".join(table)
    print(text)
    if not args.no_write:
        readme = ROOT / "bench" / "README.md"
        content = readme.read_text()
        block = f"{MARK_START}\n{text}\n{MARK_END}"
        if MARK_START in content:
            content = re.sub(re.escape(MARK_START) + ".*?" + re.escape(MARK_END), block, content, flags=re.S)
        else:
            content += f"\n{block}\n"
        readme.write_text(content)


if __name__ == "__main__":
    main()
