"""Mail about the reports of barriers (accessibility.reports says what is due with `report_mail`):
the office hears of each new report and is reminded a week before its deadline; the reporter gets an
acknowledgement and, from the admin, the answer.

Nothing personal is kept in the message: it names the report, and the address and text are read from
the report when the mail is sent. Deleting a report (its retention period ended) deletes the record
of the mails about it too.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from accessibility import reports
from accessibility.models import AccessibilityStatementPage, BarrierReport
from accessibility.reports import report_mail
from core.loading import loading_content
from home.models import SiteSettings
from members.models import OFFICE_GROUP

from . import recipients as who
from .models import Message, MessageKind
from .outbox import queue
from .render import Rendered, absolute

KINDS = {
    "received": MessageKind.BARRIER_OFFICE,
    "reminder": MessageKind.BARRIER_OFFICE,
    "acknowledgement": MessageKind.BARRIER_REPORTER,
    "answer": MessageKind.BARRIER_REPORTER,
}
MESSAGE_KINDS = {MessageKind.BARRIER_OFFICE, MessageKind.BARRIER_REPORTER}


@receiver(report_mail, dispatch_uid="mailings_barrier_report")
def report_mail_due(sender, kind, report, key, **kwargs):
    if loading_content():
        return
    queue(
        KINDS[kind],
        key,
        subject(kind, report, settings.LANGUAGE_CODE),
        data={"report": report.pk, "step": kind},
    )


def subject(step, report, language):
    with translation.override(language):
        date = formats.date_format(report.answer_by, "DATE_FORMAT")
        return str(reports.MAIL_SUBJECTS[step] % {"summary": str(report), "date": date})


@receiver(pre_delete, sender=BarrierReport, dispatch_uid="mailings_forget_barrier_report")
def forget_report(sender, instance, **kwargs):
    """A deleted report takes the record of its mails (the reporter's address) with it."""
    Message.objects.filter(key__startswith=f"barrier:{instance.pk}:").delete()


def report_of(message):
    return BarrierReport.objects.filter(pk=message.data.get("report")).first()


def office_addresses():
    """Where the office reads reports: the statement's feedback address, else the site's, else the
    office's staff."""
    statement = (
        AccessibilityStatementPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .exclude(feedback_email="")
        .first()
    )
    if statement is not None:
        return [statement.feedback_email]
    site_settings = SiteSettings.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if site_settings is not None and site_settings.email:
        return [site_settings.email]
    staff = get_user_model().objects.filter(is_active=True, groups__name=OFFICE_GROUP).exclude(email="")
    return list(staff.order_by("pk").values_list("email", flat=True))


def recipients(message):
    """The recipients of a report's mail (None: not a report's mail)."""
    if message.kind not in MESSAGE_KINDS:
        return None
    report = report_of(message)
    if report is None:
        return []
    if message.kind == MessageKind.BARRIER_OFFICE:
        return [who.Recipient(address, settings.LANGUAGE_CODE) for address in office_addresses()]
    return [who.Recipient(report.email, report.language)] if report.email else []


def still_wanted(delivery, message):
    """A report's mail goes out while its report exists (None: not a report's mail)."""
    if message.kind not in MESSAGE_KINDS:
        return None
    return BarrierReport.objects.filter(pk=message.data.get("report")).exists()


def render(message, language):
    """The mail in one language: the office's in the site's language (the admin's), the reporter's
    in the language they wrote in."""
    report = report_of(message)
    step = message.data.get("step")
    with translation.override(language):
        context = {
            "report": report,
            "step": step,
            "language": language,
            "received": formats.date_format(timezone.localtime(report.received_at), "DATETIME_FORMAT"),
            "answer_by": formats.date_format(report.answer_by, "DATE_FORMAT"),
            "admin_url": absolute(
                reverse("wagtailsnippets_accessibility_barrierreport:edit", args=[report.pk])
            ),
            "list_name": str(reports.MAIL_LIST_NAME),
            "subject": subject(step, report, language),
        }
        template = reports.MAIL_TEMPLATES[step]
        body = render_to_string(f"accessibility/email/{template}.html", context)
        text = render_to_string(f"accessibility/email/{template}.txt", context)
    return Rendered(
        subject=" ".join(context["subject"].split()), text=text, html=body, list_name=context["list_name"]
    )
