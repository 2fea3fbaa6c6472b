"""A live demo server and Debian's Chromium, driven by Playwright, for what readers see."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SCREENSHOTS = ROOT / "tests" / "screenshots"
EDITOR = ("redaktion", "browser-test-password")
MEMBER_PASSWORD = "mitglied-demo"  # set by `manage.py dev_members`


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


DATABASE = {}  # the server's SQLite file, for tests that read what a reader cannot see (a mailed token)
SERVER = {}  # the server's environment, for commands in its database (the mail worker)


@pytest.fixture(scope="session")
def smtp():
    """A real SMTP server (aiosmtpd) that receives every mail the site and its mail worker send."""
    from tests.mail import SMTPServer

    mail_server = SMTPServer().start()
    yield mail_server
    mail_server.stop()


@pytest.fixture(scope="session")
def server(smtp):
    """The demo site on a free port, with production-like settings (DEBUG off: real 404 pages); its
    mail goes to the `smtp` server, and the links in it lead back to this site."""
    work = Path(tempfile.mkdtemp(prefix="browser-tests-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "MEDIA_ROOT": str(work / "media"),
        "SERVE_MEDIA_IMAGES": "1",
        "TEST_BASE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "0",
    }
    SERVER["env"] = env
    manage = [sys.executable, "manage.py"]
    editor = [
        "createsuperuser",
        "--no-input",
        "--username",
        EDITOR[0],
        "--email",
        "redaktion@staedtetag.example",
    ]
    long_words = ["shell", "-c", "from tests.browser.long_words import create; create()"]
    for command in (["migrate", "--no-input", "-v", "0"], ["load_demo"], long_words, editor):
        subprocess.run(
            manage + command,
            cwd=ROOT,
            env={**env, "DJANGO_SUPERUSER_PASSWORD": EDITOR[1]},
            check=True,
            capture_output=True,
        )
    # The demo member logins get their development password (the command needs DEBUG on).
    subprocess.run(
        [*manage, "dev_members"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
        check=True,
        capture_output=True,
    )
    log = open(work / "server.log", "w")  # noqa: SIM115  (closed below)
    process = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    DATABASE["path"] = work / "db.sqlite3"
    for _ in range(60):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310  (our own local server)
            break
        except OSError:
            time.sleep(0.5)
    yield base
    process.terminate()
    process.wait(timeout=10)
    log.close()
    # Whatever a test asserted, no request of a reader or an editor may have ended in a server error.
    errors = [
        line for line in (work / "server.log").read_text().splitlines() if "Internal Server Error" in line
    ]
    assert not errors, errors


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Watch:
    """Records, for a whole browser context, Content-Security-Policy violations (as the browser
    reports them), requests to any host but the site's, and the documents loaded."""

    totals = {"documents": set(), "violations": 0, "foreign": 0}

    def __init__(self, context, server):
        self.host = urlparse(server).netloc
        self.violations, self.foreign = [], set()
        context.expose_binding("__reportCsp", lambda _source, text: self.violations.append(text))
        context.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => window.__reportCsp("
            "e.violatedDirective + ' blocked ' + e.blockedURI + ' on ' + location.pathname))"
        )
        context.on("request", self.request)

    def request(self, request):
        host = urlparse(request.url).netloc
        if request.url.startswith(("http://", "https://")) and host != self.host:
            self.foreign.add(request.url)
        if request.resource_type == "document" and host == self.host:
            Watch.totals["documents"].add(urlparse(request.url).path)

    def check(self):
        Watch.totals["violations"] += len(self.violations)
        Watch.totals["foreign"] += len(self.foreign)
        assert self.violations == [], self.violations
        assert self.foreign == set(), self.foreign


def pytest_terminal_summary(terminalreporter):
    totals = Watch.totals
    if totals["documents"]:
        terminalreporter.write_line(
            f"browser: {len(totals['documents'])} distinct pages loaded, {totals['violations']} CSP "
            f"violations, {totals['foreign']} requests to other hosts"
        )


@pytest.fixture
def page(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    watch = Watch(context, server)
    tab = context.new_page()
    yield tab
    context.close()
    watch.check()


@pytest.fixture
def editor_page(server, browser):
    """A browser tab logged in to the admin as an editor."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    watch = Watch(context, server)
    tab = context.new_page()
    tab.goto(server + "/admin/login/")
    tab.fill("#id_username", EDITOR[0])
    tab.fill("#id_password", EDITOR[1])
    tab.click("button[type=submit]")
    tab.wait_for_url(server + "/admin/")
    yield tab
    context.close()
    watch.check()
