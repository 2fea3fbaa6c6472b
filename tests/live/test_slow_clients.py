"""Slow clients do not hold the site: Varnish with the shipped VCL reads every request body whole
before gunicorn sees the request.

gunicorn's sync workers read a body as slowly as the client sends it: a few clients that promise a
body and send it a byte at a time (or never) hold every worker, and /healthz, the load balancer's
check, waits with every reader. Here more slow clients than workers are open at once, some silent
after a few bytes, some trickling a byte a second, and /healthz through Varnish answers within a
second throughout; a slow but complete form still arrives whole, and a quick one works as always.
"""

import re
import socket
import subprocess
import threading
import time
import urllib.parse
import uuid

import psycopg
import pytest

from tests.live.servers import Gunicorn, Session, Varnish, free_port, get, prepare_site, production_env

POSTGRES = "postgres://postgres@127.0.0.1:5432/{}"
WORKERS = 2
FORM = "/de/newsletter/"


def psql(sql):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], check=True, capture_output=True)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """gunicorn with the production settings and WORKERS workers, Varnish with the shipped VCL in front."""
    work = tmp_path_factory.mktemp("slow-clients")
    database = f"live_slow_{uuid.uuid4().hex[:8]}"
    psql(f"CREATE DATABASE {database}")
    port = free_port()
    env = production_env(POSTGRES.format(database), work, port, TRUSTED_PROXY_COUNT="1")
    prepare_site(env, admin=None)
    site = Gunicorn(env, port, workers=WORKERS).start()
    varnish = Varnish(port).start()
    yield varnish, database
    varnish.stop()
    site.stop()
    psql(f"DROP DATABASE {database} WITH (FORCE)")


def subscription_form(session, email):
    """The newsletter form as a person fills it in: the CSRF token and the kinds the page offers."""
    page = session.request("GET", FORM)
    assert page.status == 200
    kinds = re.findall(r'name="kinds" value="([^"]+)"', page.text)
    assert kinds
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    return [("csrfmiddlewaretoken", token), ("email", email), ("kinds", kinds[0]), ("consent", "on")]


def subscribed(database, email):
    with psycopg.connect(POSTGRES.format(database)) as connection:
        query = "SELECT count(*) FROM mailings_subscriber WHERE email = %s"
        return connection.execute(query, [email]).fetchone()[0] == 1


class SlowClient(threading.Thread):
    """A client that promises a body with Content-Length and sends it `pace` seconds a byte after the
    first `head` bytes; with `pace=None` it sends nothing more. The answer, if any, is kept."""

    def __init__(self, base, path, body, head=7, pace=None, headers=None):
        super().__init__(daemon=True)
        parts = urllib.parse.urlsplit(base)
        self.address = (parts.hostname, parts.port)
        self.path, self.body, self.head, self.pace = path, body, head, pace
        self.headers = headers or {}
        self.answer = b""
        self.stop = threading.Event()

    def run(self):
        with socket.create_connection(self.address, timeout=30) as sock:
            lines = [
                f"POST {self.path} HTTP/1.1",
                f"Host: {self.address[0]}:{self.address[1]}",
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(self.body)}",
                "Connection: close",
                *(f"{name}: {value}" for name, value in self.headers.items()),
            ]
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + self.body[: self.head])
            if self.pace is not None:
                for index in range(self.head, len(self.body)):
                    if self.stop.wait(self.pace):
                        return
                    sock.sendall(self.body[index : index + 1])
            else:
                self.stop.wait()
                return
            chunks = []
            while chunk := sock.recv(65536):  # until the server closes, as asked
                chunks.append(chunk)
            self.answer = b"".join(chunks)


def timed_health(base):
    begin = time.monotonic()
    response = get(base + "/healthz", timeout=30)
    return time.monotonic() - begin, response.status


@pytest.mark.live
def test_slow_request_bodies_do_not_hold_the_workers(stack):
    varnish, _database = stack
    assert timed_health(varnish.base)[1] == 200
    garbage = b"email=slow%40example.org&consent=on&kinds=" + b"x" * 60
    # Twice as many slow clients as workers: half fall silent after 7 of the 100 bytes they promised
    # (the defect's report), half trickle a byte a second (no idle timeout ends them).
    silent = [SlowClient(varnish.base, FORM, garbage[:100]) for _ in range(WORKERS)]
    trickling = [SlowClient(varnish.base, FORM, garbage[:100], pace=1.0) for _ in range(WORKERS)]
    clients = [*silent, *trickling]
    for client in clients:
        client.start()
    try:
        time.sleep(0.5)  # every slow client has sent its headers and first bytes
        waits = []
        # Longer than Varnish's own idle timeout (timeout_idle, 5 s), so that the silent clients'
        # end does not free the workers in time to hide the defect.
        until = time.monotonic() + 8
        while time.monotonic() < until:
            waits.append(timed_health(varnish.base))
            time.sleep(0.5)
    finally:
        for client in clients:
            client.stop.set()
    assert all(status == 200 for _wait, status in waits), waits
    assert max(wait for wait, _status in waits) < 1.0, waits


@pytest.mark.live
def test_a_slow_but_complete_form_arrives_whole(stack):
    varnish, database = stack
    reader = Session(varnish.base)
    email = f"langsam-{uuid.uuid4().hex[:6]}@example.org"
    body = urllib.parse.urlencode(subscription_form(reader, email)).encode()
    headers = {
        "X-Forwarded-Proto": "https",
        "Referer": f"https://{reader.netloc}{FORM}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in reader.cookies.items()),
    }
    # The whole body over about three seconds, at an even pace.
    client = SlowClient(varnish.base, FORM, body, head=0, pace=3.0 / len(body), headers=headers)
    client.start()
    client.join(timeout=30)
    status_line = client.answer.split(b"\r\n", 1)[0]
    assert status_line == b"HTTP/1.1 200 OK", client.answer[:500]
    assert subscribed(database, email)


@pytest.mark.live
def test_an_ordinary_form_post_works_through_varnish(stack):
    varnish, database = stack
    reader = Session(varnish.base)
    email = f"schnell-{uuid.uuid4().hex[:6]}@example.org"
    response = reader.request("POST", FORM, subscription_form(reader, email))
    assert response.status == 200, response.text[:500]
    assert subscribed(database, email)


@pytest.mark.live
def test_a_body_as_large_as_the_largest_upload_reaches_the_site(stack, settings):
    varnish, _database = stack
    reader = Session(varnish.base)
    fields = subscription_form(reader, "gross@example.org")
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields
        if name == "csrfmiddlewaretoken"  # a form the site reads whole, and answers with its errors
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="gross.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + b"x" * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {
        "X-Forwarded-Proto": "https",
        "Referer": f"https://{reader.netloc}{FORM}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in reader.cookies.items()),
        "Content-Type": f"multipart/form-data; boundary={boundary}",
    }
    response = get(varnish.base + FORM, method="POST", body=b"".join(parts), headers=headers, timeout=60)
    # The site read it and answers with the form's errors (no address given), not Varnish's refusal.
    assert response.status == 200, response.text[:300]
    assert 'name="email"' in response.text and 'aria-invalid="true"' in response.text


@pytest.mark.live
def test_a_body_larger_than_any_upload_is_refused_before_it_is_read(stack):
    varnish, _database = stack
    parts = urllib.parse.urlsplit(varnish.base)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(
            f"POST {FORM} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Length: {200 * 1024 * 1024}\r\n\r\n".encode()
        )
        answer = sock.recv(65536)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:300]
    assert b"Varnish" not in answer
