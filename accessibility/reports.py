"""The life of a barrier report: received (the office is told, the reporter gets an acknowledgement),
reminded a week before its deadline, answered from the admin, deleted after the retention period.

Mail goes out through the e-mail service, which listens to `report_mail` (mailings.barrier_reports)
and queues each mail in the transaction that made it due, once per key: this app does not import the
e-mail service (the apps' arrows point one way: mailings uses every app).
"""

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import BarrierReport, ReportStatus

# The mails' wording, with the report (the e-mail service renders `accessibility/email/<template>`):
# the office's in the site's language, the reporter's in the language they wrote in.
MAIL_TEMPLATES = {
    "received": "office",
    "reminder": "office",
    "acknowledgement": "reporter",
    "answer": "reporter",
}
MAIL_SUBJECTS = {
    "received": _("New barrier report: %(summary)s"),
    "reminder": _("Please answer by %(date)s: barrier report %(summary)s"),
    "acknowledgement": _("We have received your barrier report"),
    "answer": _("Our answer to your barrier report"),
}
MAIL_LIST_NAME = _("Barrier reports")

# kind: "received" (to the office), "acknowledgement" (to the reporter), "reminder" (to the office),
# "answer" (to the reporter); key: unique per mail.
report_mail = Signal()


def announce(report, kind, key):
    report_mail.send(sender=BarrierReport, kind=kind, report=report, key=key)


@transaction.atomic
def receive(what, where, email, language):
    """Store a reader's report and queue the mails it causes."""
    report = BarrierReport.objects.create(what=what, where=where, email=email, language=language)
    announce(report, "received", f"barrier:{report.pk}:received")
    if report.email:
        announce(report, "acknowledgement", f"barrier:{report.pk}:acknowledgement")
    return report


def answered(report):
    """The office sent its answer (the report is saved with it): mark it and queue the mail."""
    report.status = ReportStatus.ANSWERED
    report.answered_at = timezone.now()
    report.save(update_fields=["status", "answered_at"])
    # Each answer sent is a mail of its own (an office may answer again after a follow-up).
    announce(report, "answer", f"barrier:{report.pk}:answer:{report.answered_at.timestamp()}")


def remind_due(today=None):
    """Remind the office of the open reports whose deadline is a week away or past (once each).
    Returns how many were reminded."""
    count = 0
    for report in BarrierReport.objects.due_for_reminder(today).order_by("pk"):
        with transaction.atomic():
            updated = BarrierReport.objects.filter(pk=report.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if updated:
                announce(report, "reminder", f"barrier:{report.pk}:reminder")
                count += 1
    return count


def delete_expired(now=None):
    """Delete the reports older than the retention period (and, through the e-mail service's
    receiver, the record of the mails about them). Returns how many were deleted."""
    expired = list(BarrierReport.objects.expired(now))
    for report in expired:
        report.delete()
    return len(expired)


def housekeeping(now=None):
    """What runs every minute beside the mail worker (and from `manage.py barrier_reports`)."""
    now = now or timezone.now()
    return remind_due(timezone.localdate(now)), delete_expired(now)
