"""gunicorn's settings for production: `gunicorn config.wsgi -c config/gunicorn.py`.

Workers, bind address and timeouts come from the environment (GUNICORN_* or the command line).
"""

import os

from gunicorn.http import wsgi

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
# A request that waits longer than this for the database is answered 503 by Django (see
# core.errors); keep-alive short so that a worker is not held by an idle client.
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None

# gunicorn writes "Server: gunicorn" on every response and has no setting to leave it out; a
# response header that names the software only helps an attacker pick an exploit.
_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [line for line in _default_headers(self) if not line.startswith("Server:")]


wsgi.Response.default_headers = _default_headers_without_server
