"""The office's view of one session in the admin: who is invited and what they answered, the buttons
that send the invitation, the reminder and the minutes, and the attendance list (Teilnehmerliste)
to print for signatures, as XLSX and CSV."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from calendar_app.describe import meeting_span
from calendar_app.models import OccurrenceStatus
from members import access, sessions
from members.models import Agenda, InviteeRole, occurrence_of

ACTIONS = {
    "invite": (sessions.invite, gettext_lazy("%(count)s invitations are being sent.")),
    "remind": (sessions.remind, gettext_lazy("%(count)s reminders are being sent.")),
    "release": (sessions.release_minutes, gettext_lazy("The minutes are released; the committee is told.")),
}


CONFIRMED = {"invite", "remind"}  # they mail many people at once: the office confirms with the number first


def sent_to(agenda):
    """The profiles whose invitation to this session went out and stands."""
    return set(
        agenda.invitations.filter(sent_sequence__gte=0, withdrawn=False, profile__isnull=False).values_list(
            "profile_id", flat=True
        )
    )


def office_only(request):
    user = request.user
    if not (access.is_office(user) or user.has_perm("members.change_agenda")):
        raise PermissionDenied


def the_agenda(pk):
    return sessions.source_of(
        get_object_or_404(Agenda.objects.select_related("series__committee", "locale"), pk=pk)
    )


def describe(agenda):
    occurrence = occurrence_of(agenda)
    if occurrence is None:
        return formats.date_format(agenda.meeting_date, "DATE_FORMAT"), ""
    when = meeting_span(occurrence.start, occurrence.end, occurrence.all_day)
    if occurrence.status == OccurrenceStatus.CANCELLED:
        when = _("%(when)s (cancelled)") % {"when": when}
    place = f"{occurrence.venue.name}, {occurrence.venue.city}" if occurrence.venue else ""
    return when, place


def session(request, pk):
    office_only(request)
    agenda = the_agenda(pk)
    if request.method == "POST":
        name = request.POST.get("action", "")
        action = ACTIONS.get(name)
        if action is None:
            messages.error(request, _("Unknown action."))
        elif name in CONFIRMED and request.POST.get("confirmed") != "1":
            return redirect(reverse("members_session", kwargs={"pk": agenda.pk}) + f"?confirm={name}#{name}")
        else:
            function, done = action
            try:
                result = function(agenda)
            except sessions.SessionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, done % {"count": result if isinstance(result, int) else ""})
        return redirect("members_session", pk=agenda.pk)
    rows = sessions.attendance(agenda)
    invited_ids = {row.profile_id for row in rows if row.profile_id}
    not_invited = [seat for seat in sessions.seats(agenda) if seat.profile_id not in invited_ids]
    occurrence = occurrence_of(agenda)
    when, place = describe(agenda)
    takes_place = (
        occurrence is not None
        and occurrence.status != OccurrenceStatus.CANCELLED
        and occurrence.start > timezone.now()
    )
    to_invite = [seat for seat in sessions.seats(agenda) if seat.profile_id not in sent_to(agenda)]
    to_remind = [row for row in sessions.standing(agenda) if not row.response] if agenda.invited_at else []
    confirm = request.GET.get("confirm", "")
    return TemplateResponse(
        request,
        "members/admin/session.html",
        {
            "agenda": agenda,
            "occurrence": occurrence,
            "when": when,
            "place": place,
            "counts": sessions.counts(agenda),
            "rows": rows,
            "not_invited": not_invited,
            "minutes": sessions.minutes_paper(agenda),
            "notice_days": sessions.notice_days(agenda),
            "has_items": agenda.items.exists(),
            "takes_place": takes_place,
            "to_invite": len(to_invite),
            "to_remind": len(to_remind),
            "confirm": confirm if confirm in CONFIRMED and takes_place else "",
            "page_title": _("Session: %(agenda)s") % {"agenda": agenda},
            "header_title": _("Session: %(agenda)s") % {"agenda": agenda},
            "header_icon": "calendar",
        },
    )


def attendance_rows(agenda):
    """The attendance list's rows: name, organisation, function, as, reply (and an empty signature)."""
    table = []
    for row in sessions.attendance(agenda):
        role = row.get_role_display()
        if row.role == InviteeRole.SUBSTITUTE and row.substitute_for_id:
            role = _("Substitute for %(name)s") % {"name": row.substitute_for.display_name}
        values = [row.display_name, row.organisation, row.function, role, row.get_response_display(), ""]
        table.append([str(value) for value in values])
    return table


HEADINGS = [
    gettext_lazy("Name"),
    gettext_lazy("Organisation"),
    gettext_lazy("Function"),
    gettext_lazy("As"),
    gettext_lazy("Reply"),
    gettext_lazy("Signature"),
]


def cell(value):
    """A CSV value that a spreadsheet reads as text, never as a formula (a name may begin with "=")."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def filename(agenda, extension):
    return f"teilnehmerliste-{slugify(agenda.series.title)[:60]}-{agenda.meeting_date:%Y-%m-%d}.{extension}"


def attendance_xlsx(request, pk):
    office_only(request)
    agenda = the_agenda(pk)
    when, place = describe(agenda)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Attendance list")[:31]
    sheet.append([_("Attendance list")])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"{agenda.series.committee.name}: {agenda.series.title}"])
    sheet.append([", ".join(part for part in (when, place) if part)])
    for title in ("A2", "A3"):
        sheet[title].data_type = "s"  # text, never a formula (a title may begin with "=")
    sheet.append([])
    sheet.append([str(heading) for heading in HEADINGS])
    for heading in sheet[5]:
        heading.font = Font(bold=True)
    line = Side(style="thin")
    for values in attendance_rows(agenda):
        sheet.append(values)
        for entry in sheet[sheet.max_row]:
            entry.data_type = "s"  # text, also where it begins with "="
            entry.border = Border(top=line, bottom=line, left=line, right=line)
            entry.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.row_dimensions[sheet.max_row].height = 30  # room to sign
    for index, width in enumerate((30, 30, 28, 28, 22, 30), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.print_title_rows = "5:5"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(agenda, "xlsx")}"'
    return response


def attendance_csv(request, pk):
    office_only(request)
    agenda = the_agenda(pk)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # what a German spreadsheet program opens by default
    writer.writerow([str(heading) for heading in HEADINGS[:-1]])
    for values in attendance_rows(agenda):
        writer.writerow([cell(value) for value in values[:-1]])
    # With a byte order mark, so that Excel reads the umlauts as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(agenda, "csv")}"'
    return response
