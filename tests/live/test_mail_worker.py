"""The e-mail worker as it runs in production (`manage.py mail_worker`, production settings, its own
process) against a real SMTP server, on SQLite and on PostgreSQL:

* killed with SIGKILL in the middle of a mail, and started again: every remaining mail arrives
  once, none twice, none lost;
* the mail server down while a circular is published: everything stays queued and arrives once
  when the server is back.
"""

import json
import signal
import subprocess
import time
import uuid

import pytest

from tests.live.servers import PYTHON, ROOT, free_port, manage, prepare_site, production_env
from tests.mail import BlockingInbox, SMTPServer

pytestmark = pytest.mark.live
POSTGRES = "postgres://postgres@127.0.0.1:5432/{}"
MEMBERS = 150


def psql(sql):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], check=True, capture_output=True)


def shell(env, code):
    """Run Python in the site's Django (as `manage.py shell -c`); returns its last printed JSON."""
    out = manage(env, "shell", "-c", code).stdout.strip().splitlines()
    return json.loads(out[-1]) if out else None


ADD_MEMBERS = f"""
from django.contrib.auth import get_user_model
from members.models import MemberOrganisation, MemberProfile
org, _ = MemberOrganisation.objects.get_or_create(name="Teststadt", defaults={{"kind": "independent_city"}})
for n in range({MEMBERS}):
    user = get_user_model().objects.create_user(f"m{{n}}@teststadt.de", f"m{{n}}@teststadt.de", "pw-123456789")
    MemberProfile.objects.create(user=user, organisation=org)
print(1)
"""

PUBLISH = """
import datetime, json
from members.models import CircularIndexPage, CircularPage
index = CircularIndexPage.objects.filter(locale__language_code="de").first()
page = CircularPage(title="{title}", slug="{slug}", number={number}, date=datetime.date.today(), summary="Live.")
index.add_child(instance=page)
page.save_revision().publish()
print(json.dumps(page.pk))
"""

STATUS = """
import json
from mailings.models import Delivery
rows = Delivery.objects.filter(message__page__title="{title}")
print(json.dumps({{"total": rows.count(), "sent": rows.filter(status="sent").count(),
    "queued": rows.filter(status="queued").count(), "sending": rows.filter(status="sending").count(),
    "failed": rows.filter(status="failed").count(), "errors": sorted(set(rows.exclude(error="").values_list("error", flat=True)))[:3],
    "emails": sorted(rows.values_list("email", flat=True))}}))
"""


class MailWorker:
    def __init__(self, env):
        self.env = env
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [PYTHON, "manage.py", "mail_worker", "--interval", "0.2", "--housekeeping-every", "1"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        return self

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def stack(request, tmp_path_factory):
    work = tmp_path_factory.mktemp(f"mail-{request.param}")
    smtp = SMTPServer(inbox=BlockingInbox())
    if request.param == "sqlite":
        url, database = f"sqlite:///{work}/db.sqlite3", None
    else:
        database = f"live_mail_{uuid.uuid4().hex[:8]}"
        psql(f"CREATE DATABASE {database}")
        url = POSTGRES.format(database)
    env = production_env(
        url,
        work,
        free_port(),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp.port,
        MAILINGS_STALE_SECONDS=3,
        MAILINGS_RETRY_SECONDS=1,
    )
    prepare_site(env, admin=None)
    shell(env, ADD_MEMBERS)
    smtp.start()
    yield env, smtp
    smtp.stop()
    if database:
        psql(f"DROP DATABASE {database} WITH (FORCE)")


def wait_for(condition, timeout=90, every=1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError("timed out")


def arrived(smtp, subject_part):
    return [rcpt for rcpt, mail in smtp.inbox.messages if subject_part in mail["Subject"]]


def test_a_worker_killed_in_mid_mail_loses_nothing_and_sends_nothing_twice(stack):
    env, smtp = stack
    inbox = smtp.inbox
    inbox.block_at = inbox.rcpt_count + 40  # the server hangs at the 40th mail of this circular
    worker = MailWorker(env).start()
    try:
        shell(env, PUBLISH.format(title="Rundschreiben Abbruch", slug="rs-abbruch", number=901))
        assert inbox.blocked.wait(120), "the worker never reached the 40th mail"
        worker.kill()  # in the middle of a mail: the recipient was given, the message not yet
        inbox.released.set()
        before = arrived(smtp, "Rundschreiben Abbruch")
        assert len(before) == 39
        status = shell(env, STATUS.format(title="Rundschreiben Abbruch"))
        assert status["sending"] == 1 and status["sent"] == 39  # the one in flight stays claimed
        worker = MailWorker(env).start()
        final = wait_for(
            lambda: (
                (s := shell(env, STATUS.format(title="Rundschreiben Abbruch")))["sent"] == s["total"] and s
            )
        )
    finally:
        worker.stop()
    received = arrived(smtp, "Rundschreiben Abbruch")
    assert final["total"] >= MEMBERS
    assert sorted(received) == final["emails"]  # every address once: nothing lost, nothing twice


def test_the_mail_server_down_during_a_publish_delays_but_loses_nothing(stack):
    env, smtp = stack
    smtp.stop()
    worker = MailWorker(env).start()
    try:
        shell(env, PUBLISH.format(title="Rundschreiben Ausfall", slug="rs-ausfall", number=902))
        waiting = wait_for(
            lambda: (
                (s := shell(env, STATUS.format(title="Rundschreiben Ausfall")))["total"] and s["errors"] and s
            )
        )
        assert (
            waiting["sent"] == 0 and waiting["failed"] == 0 and "Connection refused" in waiting["errors"][0]
        )
        smtp.start()
        final = wait_for(
            lambda: (
                (s := shell(env, STATUS.format(title="Rundschreiben Ausfall")))["sent"] == s["total"] and s
            )
        )
    finally:
        worker.stop()
    assert sorted(arrived(smtp, "Rundschreiben Ausfall")) == final["emails"]
