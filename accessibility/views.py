"""The readers' "Barriere melden": a short form, reached from every page's footer (the members' area
too), that stores the report and queues its mails. Its page is never kept by a cache: it carries a
CSRF token and, from the address the reader came from, their own "where"."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from core.security import client_ip

from . import reports
from .forms import BarrierReportForm, stamp
from .models import answer_deadline

REPORTS_PER_HOUR = 5  # per client address: enough for a person, too few for a flood


def private(response):
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response


def over_limit(request):
    key = f"accessibility:reports:{client_ip(request)}"
    cache.add(key, 0, 60 * 60)
    try:
        return cache.incr(key) > REPORTS_PER_HOUR
    except ValueError:  # expired between the two calls, or no cache at the moment: let it through
        return False


def came_from(request):
    """The page of this site the reader came from (the Referer the browser sends within the site),
    as an absolute address; empty when they came from elsewhere."""
    referer = request.META.get("HTTP_REFERER", "")
    parts = urlsplit(referer)
    if not referer or parts.netloc != request.get_host() or parts.path.startswith("/admin/"):
        return ""
    if parts.path == request.path:
        return ""
    return referer[:500]


def report_barrier(request):
    initial = {"where": came_from(request), "shown": stamp()}
    if request.user.is_authenticated and request.user.email:
        initial["email"] = request.user.email  # a member answers from their own address
    form = BarrierReportForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        verdict = form.verdict()
        if verdict == "robot":
            return private(render(request, "accessibility/report_sent.html", {"email": True}))
        if verdict == "expired":
            form.add_error(None, _("The form was open for a long time. Please send it again."))
            form.data = {**form.data.dict(), "shown": stamp()}
            status = 400
        elif over_limit(request):
            form.add_error(None, _("Too many reports from your connection. Please try again in an hour."))
            status = 429
        else:
            data = form.cleaned_data
            report = reports.receive(
                data["what"].strip(), data["where"].strip(), data["email"], request.LANGUAGE_CODE
            )
            context = {"email": bool(report.email), "answer_by": answer_deadline(report.received_at)}
            return private(render(request, "accessibility/report_sent.html", context))
    elif request.method == "POST":
        status = 400
    context = {"form": form, "retention_days": settings.ACCESSIBILITY_REPORT_RETENTION_DAYS}
    return private(render(request, "accessibility/report_form.html", context, status=status))
