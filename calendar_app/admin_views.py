"""The recurrence editor's companion: the rule in words and its next ten dates, as the editor types; and
beside each change to one meeting, the end it gives the meeting."""

import recurrence
from django import forms
from django.http import JsonResponse
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response

from . import expansion
from .describe import describe, end_after_change, next_dates
from .messages import rule_problem_message


def _date(value):
    """A date as the editor's form takes it: "14.12.2026" (the admin's format) or ISO."""
    try:
        return forms.DateField().clean(value) if value else None
    except forms.ValidationError:
        return None


def _time(value):
    try:
        return forms.TimeField().clean(value) if value else None
    except forms.ValidationError:
        return None


def _indexed_changes(data):
    """(index of the form, change) for each change to one meeting the form holds, as it is now."""
    total = data.get("changes-TOTAL_FORMS", "0")
    for index in range(min(int(total), 1000) if total.isascii() and total.isdigit() else 0):
        prefix = f"changes-{index}-"
        original = _date(data.get(prefix + "original_date"))
        new_date = _date(data.get(prefix + "new_date"))
        if original is None or data.get(prefix + "DELETE"):
            continue
        if not expansion.in_range(original) or (new_date and not expansion.in_range(new_date)):
            continue  # the form says why when it is saved; the preview shows the series without it
        yield (
            index,
            expansion.Change(
                original_date=original,
                cancelled=bool(data.get(prefix + "cancelled")),
                new_date=new_date,
                new_start_time=_time(data.get(prefix + "new_start_time")),
                new_end_time=_time(data.get(prefix + "new_end_time")),
            ),
        )


def _changes(data):
    return [change for _index, change in _indexed_changes(data)]


def _duration(data):
    days = data.get("duration_days", "1")
    return int(days) if days.isascii() and days.isdigit() and 1 <= int(days) <= 14 else 1


@require_POST
def change_ends(request):
    """JSON `ends`: for each change to one meeting (by the index of its form), where it puts the
    meeting's end ("Ende danach: …", empty if it moves nothing); from the form's fields as they are
    now, nothing saved. The text beside each change's new end time (change-end.js)."""
    data = request.POST
    start_date = _date(data.get("start_date"))
    if start_date is None or not expansion.in_range(start_date):
        return JsonResponse({"ends": {}})
    schedule = expansion.Schedule(
        start_date=start_date,
        start_time=_time(data.get("start_time")),
        end_time=_time(data.get("end_time")),
        duration_days=_duration(data),
    )
    return JsonResponse(
        {"ends": {str(index): end_after_change(schedule, change) for index, change in _indexed_changes(data)}}
    )


@require_POST
def recurrence_preview(request):
    """JSON: `summary` (the series in words), `dates` (the next ten, each with its status) and
    `problems`; built from the meeting form's fields as they are now, nothing saved."""
    data = request.POST
    start_date = _date(data.get("start_date"))
    if start_date is None:
        return JsonResponse(
            {"summary": _("Enter the date of the first meeting."), "dates": [], "problems": []}
        )
    try:
        rule = (
            recurrence.deserialize(data.get("recurrence", "")) if data.get("recurrence", "").strip() else None
        )
    except (recurrence.exceptions.DeserializationError, ValueError):
        return JsonResponse({"summary": "", "dates": [], "problems": [_("The rule cannot be read.")]})
    schedule = expansion.Schedule(
        start_date=start_date,
        start_time=_time(data.get("start_time")),
        end_time=_time(data.get("end_time")),
        duration_days=_duration(data),
        recurrence=rule,
    )
    found = expansion.rule_problems(schedule)
    problems = [rule_problem_message(code, params) for code, params in found]
    if any(code in ("too_frequent", "start_out_of_range", "rule_out_of_range") for code, _params in found):
        return JsonResponse({"summary": "", "dates": [], "problems": problems})
    dates = []
    for occurrence in next_dates(schedule, _changes(data)):
        start = occurrence.start.astimezone(expansion.BERLIN)
        label = date_format(start.date(), "DATE_FORMAT")
        if not schedule.all_day:
            label += ", " + time_format(start.time(), "TIME_FORMAT")
        note = ""
        if occurrence.status == expansion.Status.MOVED:
            note = _("moved from %(date)s") % {
                "date": date_format(
                    occurrence.original_start.astimezone(expansion.BERLIN).date(), "SHORT_DATE_FORMAT"
                )
            }
        dates.append({"label": label, "status": occurrence.status, "note": note})
    return JsonResponse({"summary": describe(schedule), "dates": dates, "problems": problems})


_catalog = JavaScriptCatalog.as_view(packages=["wagtail.admin", "recurrence"])


def recurrence_js_catalog(request, *args, **kwargs):
    """Wagtail's and django-recurrence's JavaScript strings, in the editor's language (see widgets.py)."""
    return get_localized_response(_catalog, request, *args, **kwargs)
