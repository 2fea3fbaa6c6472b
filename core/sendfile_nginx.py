"""A backend for Wagtail's `sendfile` that lets nginx send a permission-checked file.

The site checks who may download (Wagtail's document view, the members' paper view) and answers
with `X-Accel-Redirect` to an `internal` nginx location that maps SENDFILE_URL to SENDFILE_ROOT, so a
file never goes through a gunicorn worker and never has a public URL. Configure with
SENDFILE_BACKEND=core.sendfile_nginx (see README, "Private files").
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse


def sendfile(request, filename, **kwargs):
    relative = Path(filename).resolve().relative_to(Path(settings.SENDFILE_ROOT).resolve())
    response = HttpResponse()
    response["X-Accel-Redirect"] = f"{settings.SENDFILE_URL.rstrip('/')}/{quote(relative.as_posix())}"
    return response
