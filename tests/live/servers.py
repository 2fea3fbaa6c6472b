"""Real parts for tests that need them: gunicorn with the production settings, a throwaway PostgreSQL
cluster and a Redis on ports of their own, and a small HTTP client that keeps cookies the way a browser
would.

Used by the fault tests, the frontend-cache tests and the benchmarks.
"""

import contextlib
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, work, port, **extra):
    """The environment of a production deployment on this machine (plain HTTP on loopback)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "live-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(Path(work) / "media"),
        "STATIC_ROOT": str(Path(work) / "static"),
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port},http://127.0.0.1:{port}",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, quiet=True):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=quiet, text=True
    )


def prepare_site(env, demo=True, admin=("redaktion", "live-test-password-2026")):
    """Migrate, load the demo content, collect static files and create an editor."""
    manage(env, "migrate", "--no-input", "-v", "0")
    if demo:
        manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    if admin:
        subprocess.run(
            [
                PYTHON,
                "manage.py",
                "createsuperuser",
                "--no-input",
                "--username",
                admin[0],
                "--email",
                "r@example.org",
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SUPERUSER_PASSWORD": admin[1]},
            check=True,
            capture_output=True,
        )


class Gunicorn:
    """gunicorn serving config.wsgi with config/gunicorn.py, as the README's deploy section says."""

    def __init__(self, env, port, workers=2, log=None):
        self.env, self.port, self.workers = env, port, workers
        self.log = log or str(Path(tempfile.mkdtemp(prefix="gunicorn-")) / "server.log")
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60):
        self.logfile = open(self.log, "a")  # noqa: SIM115  (closed in stop)
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi",
                "-c",
                "config/gunicorn.py",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.logfile,
            stderr=self.logfile,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {Path(self.log).read_text()[-3000:]}")
            try:
                if get(self.base + "/healthz", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer: {Path(self.log).read_text()[-3000:]}")

    def worker_pids(self):
        """The pids of the master's worker processes (children in /proc)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return set(children.read_text().split()) if children.exists() else set()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if getattr(self, "logfile", None):
            self.logfile.close()


# The production Redis of the README: a memory limit, and the least recently used keys make room.
REDIS_PRODUCTION_OPTIONS = ["--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"]


class ThrowawayRedis:
    """A Redis of the test's own on a free port, started with the README's production settings."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                *REDIS_PRODUCTION_OPTIONS,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                return self
            time.sleep(0.05)
        raise RuntimeError("Redis did not start")

    def config(self, name):
        """A setting of the running server (CONFIG GET), as Redis reports it."""
        import redis

        return redis.Redis(port=self.port).config_get(name)[name]

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)


class ThrowawayPostgres:
    """A PostgreSQL cluster of the test's own, on a free port, never the machine's shared one."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="pg-fault-"))
        self.data = self.dir / "data"
        bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.pg_ctl, self.initdb = str(bindir / "pg_ctl"), str(bindir / "initdb")
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/site"

    def _run(self, *args):
        subprocess.run([*self.as_postgres, *args], check=True, capture_output=True, text=True)

    def create(self):
        if self.as_postgres:
            shutil.chown(self.dir, "postgres")
        self._run(self.initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust")
        self.start()
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-c", "CREATE DATABASE site"],
            check=True,
            capture_output=True,
        )
        return self

    def start(self):
        self._run(
            self.pg_ctl,
            "-D",
            str(self.data),
            "-o",
            f"-h 127.0.0.1 -p {self.port} -k {self.dir}",
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
        )

    def stop(self, mode="fast"):
        self._run(self.pg_ctl, "-D", str(self.data), "-m", mode, "-w", "stop")

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)

    def query(self, sql):
        result = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                "site",
                "-At",
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.split("\n") if result.stdout.strip() else []


class Varnish:
    """varnishd with the shipped VCL (config/varnish/default.vcl), only its backend port changed."""

    def __init__(self, backend_port, work=None):
        self.port = free_port()
        vcl = (ROOT / "config" / "varnish" / "default.vcl").read_text()
        assert '.port = "8000";' in vcl
        # Varnish reads its VCL as its own user: a folder and file it may read.
        folder = Path(tempfile.mkdtemp(prefix="varnish-"))
        folder.chmod(0o755)
        self.vcl = folder / "site.vcl"
        self.vcl.write_text(vcl.replace('.port = "8000";', f'.port = "{backend_port}";'))
        self.vcl.chmod(0o644)
        self.workdir = folder / "work"
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen(
            [
                "varnishd",
                "-F",
                "-a",
                f"127.0.0.1:{self.port}",
                "-f",
                str(self.vcl),
                "-n",
                str(self.workdir),
                "-s",
                "malloc,64m",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(100):
            try:
                get(self.base + "/healthz", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(
            self.process.stderr.read().decode() if self.process.poll() is not None else "no answer"
        )

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)


def get(url, headers=None, timeout=10, method="GET", body=None):
    """One request; no redirects followed; headers as a lower-cased dict (the last of repeated ones)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, path, body=body, headers=headers or {})
        raw = connection.getresponse()
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read())
    finally:
        connection.close()


class Session:
    """Cookies kept by hand: production cookies are Secure, and this client talks plain HTTP to a
    server that believes it is behind a TLS proxy (X-Forwarded-Proto: https)."""

    def __init__(self, base):
        self.base, self.cookies = base, {}
        self.netloc = urllib.parse.urlsplit(base).netloc

    def request(self, method, path, data=None, timeout=10):
        headers = {"X-Forwarded-Proto": "https", "Referer": f"https://{self.netloc}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        parts = urllib.parse.urlsplit(self.base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            for name, value in raw.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read())
        finally:
            connection.close()

    def csrf(self, path):
        page = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        return match[1] if match else ""

    def login(self, username, password):
        token = self.csrf("/admin/login/")
        response = self.request(
            "POST",
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        if response.status != 302:
            raise RuntimeError(f"login failed: {response.status}")
