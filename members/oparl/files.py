"""A public paper's file as 2-07 asks: with a validator (ETag) that a client sends back to learn that
its copy is current, and a part of it when a client asks for a byte range (a download that broke
off resumes where it stopped).

When nginx sends the files (SENDFILE_BACKEND = core.sendfile_nginx), it answers ranges itself; the
site then gives only the validator. PDFs are compressed already: the files are sent as they are.
"""

import os
import re

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils.http import http_date
from wagtail.utils.sendfile import sendfile

STREAMING = "wagtail.utils.sendfile_streaming_backend"
RANGE = re.compile(r"^bytes=([0-9]{0,15})-([0-9]{0,15})$")
CHUNK = 64 * 1024


def etag(document, stat):
    """The document's SHA-1 where Wagtail recorded it, else its modification time and size (as nginx
    forms its ETags): a replaced file has another."""
    if document.file_hash:
        return f'"{document.file_hash}"'
    return f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'


def byte_range(header, size):
    """(first, last) of the one range asked for; None to send the whole file (no range, several, or
    one written otherwise: a server may always answer with everything); ValueError when it lies
    beyond the file."""
    match = RANGE.match(header.strip()) if header else None
    if match is None or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last n bytes
        length = int(last)
        if length == 0:
            raise ValueError("an empty suffix")
        return max(0, size - length), size - 1
    first = int(first)
    last = min(int(last), size - 1) if last else size - 1
    if first >= size or first > last:
        raise ValueError("beyond the file")
    return first, last


def chunks(path, first, last):
    with open(path, "rb") as stream:
        stream.seek(first)
        left = last - first + 1
        while left > 0:
            data = stream.read(min(CHUNK, left))
            if not data:
                return
            left -= len(data)
            yield data


def part(first, last, size):
    """A sendfile backend that sends bytes first to last of the file (206)."""

    def backend(request, filename, mimetype=None, **kwargs):
        response = StreamingHttpResponse(chunks(filename, first, last), status=206, content_type=mimetype)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Last-Modified"] = http_date(os.stat(filename).st_mtime)
        return response

    return backend


def serve(request, document, attachment):
    """The whole file, a part of it (206), 304 to a client whose copy is current, 416 to a range
    beyond its end; inline, or at the download address as an attachment with its name."""
    path = document.file.path
    if not os.path.exists(path):  # missing from the storage: no file rather than no answer
        raise Http404("Die Datei fehlt.")
    stat = os.stat(path)
    tag = etag(document, stat)
    headers = {"ETag": tag, "Cache-Control": "public, max-age=300"}
    if tag in [given.strip() for given in request.headers.get("If-None-Match", "").split(",")]:
        return HttpResponseNotModified(headers=headers)
    backend = wanted = None
    if settings.SENDFILE_BACKEND == STREAMING:
        headers["Accept-Ranges"] = "bytes"
        if request.headers.get("If-Range", tag) == tag:  # a range of the file the client has
            try:
                wanted = byte_range(request.headers.get("Range"), stat.st_size)
            except ValueError:
                headers["Content-Range"] = f"bytes */{stat.st_size}"
                return HttpResponse(status=416, headers=headers)
            if wanted is not None:
                backend = part(*wanted, stat.st_size)
    response = sendfile(
        request,
        path,
        attachment=attachment,
        attachment_filename=document.filename,
        mimetype=document.content_type,
        backend=backend,
    )
    if not attachment:
        response["Content-Disposition"] = "inline"
    if wanted is not None:  # sendfile wrote the whole file's length
        first, last = wanted
        response["Content-Length"] = str(last - first + 1)
    for name, value in headers.items():
        response[name] = value
    return response
